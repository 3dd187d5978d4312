import { type Block, BoolType, type Graph, type JitType, type Node, type Value } from '@tsjit/ir';
import { unifyTypes } from '../type-variables.js';
import { constantBool, createUninitialized } from './block-helpers.js';

type ExitStatus = 'will' | 'might' | 'wont' | 'throws';

/** Whether an exit was hit (a bool value, or one of the transformer's markers) and the values it carries. */
interface ExitPair {
  readonly hasExited: Value;
  readonly exitValues: readonly Value[];
}

/**
 * Removes the exit statements (prim::ReturnStmt, and prim::LoopContinuation for break and
 * continue) by making the exits structured, as PyTorch's ExitTransforms do: once an exit may have
 * been hit, the rest of the block runs under `if not has_exited`, the exit values travel out
 * through block outputs, and loops stop when an exit was hit. Blocks that always raise do not
 * conditionalize the code after them. Then `if c: return a` followed by `return b` becomes
 * one if (consecutive ifs are merged), and `with` bodies are handled as blocks.
 *
 *     while i < 5:                 %cond = i < 5
 *       if i == 3:                 Loop(max, %cond, %i)
 *         i += 1                     %did_exit, %next_cond, %i2 = If(i == 3)
 *         continue                     -> (True, i + 1 < 5, i + 1)
 *       i += 2                         -> (False, uninitialized, i)
 *                                    %c, %i3 = If(%did_exit)
 *                                      -> (%next_cond, %i2)
 *                                      -> (%i2 + 2 < 5, %i2 + 2)
 */
export function transformExits(graph: Graph): void {
  convertEnterExitNodesToWithBlocks(graph);
  new ExitTransformer(graph, 'prim::LoopContinuation').transform();
  new ExitTransformer(graph, 'prim::ReturnStmt').transform();
  inlineConsecutiveIfsIn(graph.block);
  convertWithBlocksToEnterExitNodes(graph);
}

class ExitTransformer {
  private readonly trueValue: Value;
  private readonly falseValue: Value;
  private readonly throwsValue: Value;
  private readonly unitValues = new Map<JitType, Value>();
  private targetBlock: Block | undefined;

  constructor(
    private readonly graph: Graph,
    private readonly exitKind: 'prim::ReturnStmt' | 'prim::LoopContinuation',
  ) {
    const first = graph.block.first;
    [this.trueValue, this.falseValue] = graph.withInsertPoint(first, () => [
      graph.insertConstant(true),
      graph.insertConstant(false),
    ]);
    // Never read: a block that throws does not get past the throw.
    this.throwsValue = this.unitValue(BoolType.get());
  }

  transform(): void {
    this.transformExits(this.graph.block);
  }

  private throwsPair(): ExitPair {
    return { hasExited: this.throwsValue, exitValues: [] };
  }
  private wontPair(): ExitPair {
    return { hasExited: this.falseValue, exitValues: [] };
  }
  private willPair(values: readonly Value[]): ExitPair {
    return { hasExited: this.trueValue, exitValues: values };
  }

  private status(pair: ExitPair): ExitStatus {
    if (pair.hasExited === this.trueValue) return 'will';
    if (pair.hasExited === this.falseValue) return 'wont';
    if (pair.hasExited === this.throwsValue) return 'throws';
    return 'might';
  }

  /** One `prim::Uninitialized` per type (the same type object), at the top of the graph. */
  private unitValue(type: JitType): Value {
    const cached = this.unitValues.get(type);
    if (cached) return cached;
    const unit = createUninitialized(this.graph, type).insertAfter(this.graph.paramNode).output();
    this.unitValues.set(type, unit);
    return unit;
  }

  private unitValuesLike(values: readonly Value[]): Value[] {
    return values.map((v) => this.unitValue(v.type));
  }

  private transformLoop(node: Node): ExitPair {
    const body = node.blocks[0];
    const pair = this.transformExits(body);
    // An exit that stays inside the loop changes nothing outside; a loop that throws may not run.
    const status = this.status(pair);
    if (status === 'wont' || status === 'throws') return this.wontPair();

    // Stop looping once an exit was hit: the continue condition becomes `False if has_exited
    // else condition`, and has_exited and the exit values are carried out of the loop.
    const newIf = this.graph.create('prim::If', [pair.hasExited], 0);
    body.appendNode(newIf);
    newIf.addBlock().registerOutput(this.falseValue);
    newIf.addBlock().registerOutput(body.outputs[0]);
    const newCondition = newIf.addOutput(BoolType.get());
    body.eraseOutput(0);
    body.insertOutput(0, newCondition);

    node.addInput(this.falseValue);
    body.addInput(undefined, BoolType.get());
    body.registerOutput(pair.hasExited);
    const newHasExited = node.addOutput(BoolType.get());
    for (const exitValue of pair.exitValues) {
      const type = exitValue.type;
      node.addInput(this.unitValue(type));
      node.addOutput(type);
      body.addInput(undefined, type);
      body.registerOutput(exitValue);
    }
    const outputs = node.outputs;
    return { hasExited: newHasExited, exitValues: outputs.slice(outputs.length - pair.exitValues.length) };
  }

  private ifStatus(thenStatus: ExitStatus, elseStatus: ExitStatus): ExitStatus {
    // A branch that throws takes the other branch's status.
    if (thenStatus === 'throws') return elseStatus;
    if (elseStatus === 'throws') return thenStatus;
    if (thenStatus === 'wont' && elseStatus === 'wont') return 'wont';
    if (thenStatus === 'will' && elseStatus === 'will') return 'will';
    return 'might';
  }

  private transformIf(node: Node): ExitPair {
    const [thenBlock, elseBlock] = node.blocks;
    let thenPair = this.transformExits(thenBlock);
    let elsePair = this.transformExits(elseBlock);
    const thenStatus = this.status(thenPair);
    const elseStatus = this.status(elsePair);
    const status = this.ifStatus(thenStatus, elseStatus);
    if (status === 'throws') return this.throwsPair();
    if (status === 'wont') return this.wontPair();

    // The exit values of a branch that does not exit are never read: uninitialized ones match the other's.
    if (thenStatus === 'wont' || thenStatus === 'throws') {
      thenPair = { hasExited: thenPair.hasExited, exitValues: this.unitValuesLike(elsePair.exitValues) };
    } else if (elseStatus === 'wont' || elseStatus === 'throws') {
      elsePair = { hasExited: elsePair.hasExited, exitValues: this.unitValuesLike(thenPair.exitValues) };
    }

    let hasExited: Value;
    if (status === 'will') {
      hasExited = this.trueValue;
    } else {
      addIfOutputs(node, [thenPair.hasExited], [elsePair.hasExited]);
      hasExited = node.outputs[node.outputs.length - 1];
    }
    addIfOutputs(node, thenPair.exitValues, elsePair.exitValues);
    const count = thenPair.exitValues.length;
    return { hasExited, exitValues: node.outputs.slice(node.outputs.length - count) };
  }

  /**
   * The exit of a `with` body is the with's: its flag and values leave the body as outputs of the
   * body and of the With node, so that they stay readable when the body's own exits later guard
   * the rest of it (reading them across the block boundary, as PyTorch does, breaks then).
   */
  private transformWith(node: Node): ExitPair {
    const pair = this.transformExits(node.blocks[0]);
    const status = this.status(pair);
    if (status !== 'might' && status !== 'will') return pair;
    return {
      hasExited: exportFromWith(node, pair.hasExited),
      exitValues: pair.exitValues.map((v) => exportFromWith(node, v)),
    };
  }

  /** Runs the rest of the block (from `from` on) only if no exit was hit. */
  private guardBlockNodes(block: Block, pair: ExitPair, from: Node): ExitPair {
    const newIf = this.graph.create('prim::If', [pair.hasExited], 0).insertBefore(from);
    const exitBlock = newIf.addBlock();
    const guardBlock = newIf.addBlock();
    for (let node: Node = from; node !== block.returnNode; ) {
      const next = node.next as Node;
      node.moveBefore(guardBlock.returnNode);
      node = next;
    }
    // After an exit only has_exited and the exit values are read: the block's own outputs are uninitialized there.
    const exitBlockValues = this.unitValuesLike(block.outputs);
    for (let i = 0; i < block.outputs.length; i++) {
      exitBlock.registerOutput(exitBlockValues[i]);
      guardBlock.registerOutput(block.outputs[i]);
      newIf.addOutput(block.outputs[i].type);
    }
    while (block.outputs.length > 0) block.eraseOutput(0);
    for (const output of newIf.outputs) block.registerOutput(output);
    exitBlock.appendNode(this.graph.create(this.exitKind, pair.exitValues, 0));
    return this.transformIf(newIf);
  }

  /** Nodes after an exit never run; their outputs may still be block outputs, which become uninitialized. */
  private destroyNodeAfterExit(node: Node): void {
    for (const output of node.outputs) {
      if (output.hasUses()) output.replaceAllUsesWith(this.unitValue(output.type));
    }
    node.destroy();
  }

  private deleteAfterExitNodes(block: Block, from: Node): void {
    if (from === block.returnNode) return;
    const doomed: Node[] = [];
    for (let node: Node = from; node !== block.returnNode; node = node.next as Node) doomed.push(node);
    for (let i = doomed.length - 1; i >= 0; i--) this.destroyNodeAfterExit(doomed[i]);
  }

  private updateTargetBlock(block: Block): void {
    const owner = block.owningNode;
    if (owner?.kind === 'prim::Loop' && this.exitKind === 'prim::LoopContinuation') {
      this.targetBlock = block;
    } else if ((owner === undefined || isClosure(owner)) && this.exitKind === 'prim::ReturnStmt') {
      this.targetBlock = block;
    }
  }

  private transformExits(block: Block): ExitPair {
    const previousTarget = this.targetBlock;
    this.updateTargetBlock(block);
    let pair = this.wontPair();
    for (let node: Node = block.first; node !== block.returnNode; ) {
      let next = node.next as Node;
      switch (node.kind) {
        case 'prim::RaiseException':
          pair = this.throwsPair();
          break;
        case 'prim::ReturnStmt':
        case 'prim::LoopContinuation':
          if (node.kind === this.exitKind) {
            pair = this.willPair([...node.inputs]);
            node.destroy();
          }
          break;
        case 'prim::If':
          pair = this.transformIf(node);
          next = node.next as Node;
          break;
        case 'prim::With':
          pair = this.transformWith(node);
          next = node.next as Node;
          break;
        case 'prim::Closure':
        case 'prim::forkClosure':
          // The exits of a closure stay inside it.
          for (const b of node.blocks) this.transformExits(b);
          break;
        case 'prim::Loop':
          pair = this.transformLoop(node);
          next = node.next as Node;
          break;
      }
      // After an exit that may have been hit, the rest runs conditionally; after one that was, not at all.
      const status = this.status(pair);
      if (status === 'will' || status === 'throws') {
        this.deleteAfterExitNodes(block, next);
        break;
      }
      if (status === 'might') {
        if (next !== block.returnNode) pair = this.guardBlockNodes(block, pair, next);
        break;
      }
      node = next;
    }

    // The exit reached its target: the block's outputs are the exit values when it exited.
    if (this.targetBlock === block) {
      const status = this.status(pair);
      if (status === 'might') {
        const newIf = this.graph.create('prim::If', [pair.hasExited], 0).insertBefore(block.returnNode);
        newIf.addBlock();
        newIf.addBlock();
        addIfOutputs(newIf, pair.exitValues, block.outputs);
        replaceBlockOutputs(block, newIf.outputs);
      } else if (status === 'will') {
        replaceBlockOutputs(block, pair.exitValues);
      }
      // An exit only reaches its target: a continue affects its own loop, a return its own function.
      pair = this.wontPair();
    }
    this.targetBlock = previousTarget;
    return pair;
  }
}

function isClosure(node: Node): boolean {
  return node.kind === 'prim::Closure' || node.kind === 'prim::forkClosure';
}

function replaceBlockOutputs(block: Block, outputs: readonly Value[]): void {
  const values = [...outputs];
  while (block.outputs.length > 0) block.eraseOutput(0);
  for (const value of values) block.registerOutput(value);
}

function addIfOutputs(node: Node, thenOutputs: readonly Value[], elseOutputs: readonly Value[]): void {
  const [thenBlock, elseBlock] = node.blocks;
  const thens = [...thenOutputs];
  const elses = [...elseOutputs];
  for (const value of thens) thenBlock.registerOutput(value);
  for (const value of elses) elseBlock.registerOutput(value);
  for (let i = 0; i < thens.length; i++) {
    node.addOutput(unifyTypes(thens[i].type, elses[i].type, true) ?? thens[i].type);
  }
}

/**
 * `if c: return a` then `return b` becomes one if: when an if's output is a constant in both
 * branches (with different values) and the next node is an if on that output, the second if's
 * branches are copied into the first's (PyTorch's inlineConsecutiveIfs).
 */
function inlineConsecutiveIfs(node: Node): boolean {
  const second = node.next;
  if (node.kind !== 'prim::If' || !second || second.kind !== 'prim::If') return false;
  const condition = second.inputs[0];
  if (condition.node !== node) return false;
  const offset = condition.offset;
  const thenValue = constantBool(node.blocks[0].outputs[offset]);
  const elseValue = constantBool(node.blocks[1].outputs[offset]);
  if (thenValue === undefined || elseValue === undefined || thenValue === elseValue) return false;
  for (let i = 0; i < 2; i++) {
    const firstBlock = node.blocks[i];
    const taken = (i === 0 ? thenValue : elseValue) ? second.blocks[0] : second.blocks[1];
    // Outputs of the first if, read by the second, are the first block's outputs inside that block.
    const valueMap = (v: Value): Value => (v.node === node ? firstBlock.outputs[v.offset] : v);
    appendBlockCopy(firstBlock, taken, valueMap);
  }
  for (const output of [...second.outputs]) {
    const copy = node.addOutput(output.type);
    if (output.hasDebugName()) copy.setDebugName(output.debugName());
    output.replaceAllUsesWith(copy);
  }
  second.destroy();
  return true;
}

/**
 * Appends a copy of `source`'s nodes to `target` and its outputs to `target`'s outputs (PyTorch's
 * cloneFrom on a non-empty block). One value map serves every nested block: until the `with`
 * blocks are flattened, a value defined in a `prim::With` body may be read after it.
 */
function appendBlockCopy(target: Block, source: Block, outer: (v: Value) => Value): void {
  const map = new Map<Value, Value>();
  const lookup = (v: Value): Value => map.get(v) ?? outer(v);
  copyNodes(target, source, map, lookup);
  for (const output of source.outputs) target.registerOutput(lookup(output));
}

function copyNodes(target: Block, source: Block, map: Map<Value, Value>, lookup: (v: Value) => Value): void {
  const graph = target.graph;
  for (const node of source.nodes()) {
    const copy = graph.createClone(node, lookup, false);
    target.appendNode(copy);
    node.outputs.forEach((output, i) => {
      map.set(output, copy.outputs[i]);
    });
    for (const block of node.blocks) {
      const inner = copy.addBlock();
      for (const input of block.inputs) {
        const value = inner.addInput(undefined, input.type);
        if (input.hasDebugName()) value.setDebugName(input.debugName());
        map.set(input, value);
      }
      copyNodes(inner, block, map, lookup);
      for (const output of block.outputs) inner.registerOutput(lookup(output));
    }
  }
}

function inlineConsecutiveIfsIn(block: Block): void {
  for (let node: Node = block.first; node !== block.returnNode; ) {
    for (const b of node.blocks) inlineConsecutiveIfsIn(b);
    if (!inlineConsecutiveIfs(node)) node = node.next as Node;
  }
}

function isInside(user: Node, node: Node): boolean {
  for (let n: Node | undefined = user; n; n = n.owningBlock?.owningNode) if (n === node) return true;
  return false;
}

/**
 * Wraps the code between `prim::Enter` and its `prim::Exit` in a `prim::With` node (body block,
 * exit block). Values the body defines and the code after it reads become outputs of the body
 * and of the With node (PyTorch leaves them as reads across blocks, which breaks once an exit
 * in the body conditionalizes the rest of it; as outputs, the exit transforms thread them like
 * any block's outputs).
 */
function convertEnterExitNodesToWithBlocks(graph: Graph): void {
  const pairs: [Node, Node][] = [];
  const stack: Node[] = [];
  for (const node of graph.allNodes()) {
    if (node.kind === 'prim::Enter') stack.push(node);
    else if (node.kind === 'prim::Exit') pairs.push([stack.pop() as Node, node]);
  }
  for (const [enter, exit] of pairs) {
    const withNode = graph.create('prim::With', [], 0);
    const body = withNode.addBlock();
    const exitBlock = withNode.addBlock();
    let current = enter.next as Node;
    let insertAfter = body.paramNode;
    while (current !== exit) {
      const next = current.next as Node;
      current.moveAfter(insertAfter);
      insertAfter = current;
      current = next;
    }
    exit.moveAfter(exitBlock.paramNode);
    withNode.insertAfter(enter);
    for (const value of definedIn(body)) {
      const outside = value.uses.filter((u) => !isInside(u.user, withNode));
      if (outside.length === 0) continue;
      body.registerOutput(value);
      const output = withNode.addOutput(value.type);
      for (const use of outside) use.user.replaceInput(use.offset, output);
    }
  }
}

/** `value` as seen after the With node: a new output of the With when the body defines it. */
function exportFromWith(withNode: Node, value: Value): Value {
  if (value.node.isParamNode() || !isInside(value.node, withNode)) return value;
  withNode.blocks[0].registerOutput(value);
  return withNode.addOutput(value.type);
}

/** The outputs of the nodes of a block (not of nested blocks, whose values cannot be read outside them). */
function definedIn(block: Block): Value[] {
  return [...block.nodes()].flatMap((node) => [...node.outputs]);
}

function convertWithBlocksToEnterExitNodes(graph: Graph): void {
  const withNodes = [...graph.allNodes()].filter((n) => n.kind === 'prim::With');
  for (const withNode of withNodes) {
    const body = withNode.blocks[0];
    const moved = [...body.nodes(), ...withNode.blocks[1].nodes()];
    let current = withNode.prev as Node;
    for (const node of moved) {
      node.moveAfter(current);
      current = node;
    }
    withNode.outputs.forEach((output, i) => {
      output.replaceAllUsesWith(body.outputs[i]);
    });
    withNode.destroy();
  }
}
