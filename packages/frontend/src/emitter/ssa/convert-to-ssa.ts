import { type Block, type Graph, InternalError, type JitType, type Node, type Value } from '@tsjit/ir';
import { meaningfulName } from '../environment.js';
import { unifyTypes } from '../type-variables.js';
import { createLoad, createStore, inlineBlockBeforeNode, isValidDebugName, liveNodes } from './block-helpers.js';
import { transformExits } from './exit-transforms.js';

/**
 * Turns the graph the emitter produced (variables read and written through prim::Load and
 * prim::Store, loops with a separate condition block, break/continue/return as statements)
 * into SSA form, as PyTorch's ConvertToSSA does, in the same steps so that the graphs come out
 * the same:
 *   1. control-flow nodes get outputs (and loops inputs) for the variables they assign;
 *   2. break and continue become LoopContinuation nodes that carry the loop's values;
 *   3. each loop's condition block is inlined before the loop and at the end of its body;
 *   4. loads and stores are replaced by the values stored;
 *   5. the exit transforms conditionalize the code after early returns and breaks.
 */
export function convertToSSA(graph: Graph): void {
  new ControlFlowLoadStores().run(graph);
  new LoopContinuations().run(graph.block);
  inlineLoopConditions(graph.block);
  new EraseLoadStores().run(graph);
  transformExits(graph);
}

class Frame<T> {
  private readonly table = new Map<string, T>();
  constructor(readonly next: Frame<T> | undefined) {}
  findInThisFrame(name: string): T | undefined {
    return this.table.get(name);
  }
  findInAnyFrame(name: string): T | undefined {
    for (let runner: Frame<T> | undefined = this; runner; runner = runner.next) {
      const found = runner.table.get(name);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  set(name: string, value: T): void {
    this.table.set(name, value);
  }
  definedVariables(): string[] {
    return [...this.table.keys()].sort(compareBytes);
  }
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Step 1: outputs for the variables that ifs and loops assign (PyTorch's ControlFlowLoadStores). */
class ControlFlowLoadStores {
  private stack: Frame<JitType> | undefined;

  run(graph: Graph): void {
    this.addControlFlowLoadStores(graph.block);
  }

  private addControlFlowLoadStores(block: Block): Frame<JitType> {
    this.stack = new Frame(this.stack);
    for (const node of liveNodes(block)) {
      switch (node.kind) {
        case 'prim::If':
          this.addIfLoadStores(node);
          break;
        case 'prim::Loop':
          this.addLoopLoadStores(node);
          break;
        case 'prim::Closure':
        case 'prim::forkClosure':
          for (const b of node.blocks) this.addControlFlowLoadStores(b);
          break;
        case 'prim::Store':
          this.stack.set(node.s('name'), node.input().type);
          break;
        case 'prim::ComprehensionScope':
          this.addControlFlowLoadStores(node.blocks[0]);
          break;
      }
    }
    const frame = this.stack;
    this.stack = frame.next;
    return frame;
  }

  private addIfLoadStores(node: Node): void {
    const [thenBlock, elseBlock] = node.blocks;
    const thenVars = this.addControlFlowLoadStores(thenBlock);
    const elseVars = this.addControlFlowLoadStores(elseBlock);
    const mutated = new Set<string>();
    for (const v of thenVars.definedVariables()) if (elseVars.findInAnyFrame(v)) mutated.add(v);
    for (const v of elseVars.definedVariables()) if (thenVars.findInAnyFrame(v)) mutated.add(v);
    for (const name of [...mutated].sort(compareBytes)) {
      const thenType = thenVars.findInAnyFrame(name) as JitType;
      const elseType = elseVars.findInAnyFrame(name) as JitType;
      // As PyTorch's ControlFlowLoadStores: differing branch types meet in a Union (the emitter has
      // already rejected the assignments a variable's declared type does not allow).
      const unified = unifyTypes(thenType, elseType, true);
      if (!unified) continue;
      addBlockOutput(thenBlock, thenType, name);
      addBlockOutput(elseBlock, elseType, name);
      addNodeOutput(node, unified, name);
    }
  }

  private addLoopLoadStores(node: Node): void {
    const body = node.blocks[0];
    const loopVars = this.addControlFlowLoadStores(body);
    for (const name of loopVars.definedVariables()) {
      // Variables local to the body need no loop-carried value.
      const parentType = this.stack?.findInAnyFrame(name);
      if (!parentType) continue;
      const blockType = loopVars.findInThisFrame(name) as JitType;
      // The loop may run zero or more times: the carried type is the union of both.
      const unified = unifyTypes(parentType, blockType) ?? parentType;
      addNodeInput(node, parentType, name);
      addBlockInput(body, unified, name);
      addBlockOutput(body, blockType, name);
      addNodeOutput(node, unified, name);
    }
  }
}

function addBlockInput(block: Block, type: JitType, name: string): void {
  const input = block.addInput(undefined, type);
  if (isValidDebugName(name)) input.setDebugName(name);
  createStore(block.graph, name, input).insertAfter(block.paramNode);
}

function addBlockOutput(block: Block, type: JitType, name: string): void {
  const load = createLoad(block.graph, name, type);
  block.appendNode(load);
  block.registerOutput(load.output());
}

function addNodeOutput(node: Node, type: JitType, name: string): void {
  const output = node.addOutput(type);
  if (meaningfulName(name) && isValidDebugName(name)) output.setDebugName(name);
  createStore(node.graph, name, output).insertAfter(node);
}

function addNodeInput(node: Node, type: JitType, name: string): void {
  const load = createLoad(node.graph, name, type).insertBefore(node);
  node.addInput(load.output());
}

/**
 * Step 2: `break` becomes LoopContinuation(false, carried...) and `continue` LoopContinuation(
 * condition, carried...), the loop condition evaluated in place (PyTorch's LoopContinuations).
 */
class LoopContinuations {
  private graph!: Graph;
  private falseValue!: Value;
  private currentLoop: Node | undefined;

  run(block: Block): void {
    this.graph = block.graph;
    const first = block.first;
    this.falseValue = this.graph.withInsertPoint(first, () => this.graph.insertConstant(false));
    this.assignExitContinuations(block);
  }

  private addLoopCarriedOutputs(node: Node): void {
    const loop = this.currentLoop as Node;
    const continuation = loop.blocks[0].returnNode;
    for (const out of continuation.inputs) {
      const load = out.node;
      const clone = this.graph.createClone(load, (v) => v);
      clone.insertBefore(node);
      node.addInput(clone.output());
    }
  }

  private assignExitContinuations(block: Block): void {
    for (const node of [...block.nodes()]) {
      if (node.isDestroyed) continue;
      switch (node.kind) {
        case 'prim::If':
          this.assignExitContinuations(node.blocks[0]);
          this.assignExitContinuations(node.blocks[1]);
          break;
        case 'prim::Closure':
        case 'prim::forkClosure':
          for (const b of node.blocks) new LoopContinuations().run(b);
          break;
        case 'prim::Loop': {
          const previous = this.currentLoop;
          this.currentLoop = node;
          this.assignExitContinuations(node.blocks[0]);
          this.currentLoop = previous;
          break;
        }
        case 'prim::ContinueStmt': {
          const continuation = this.graph.create('prim::LoopContinuation', [], 0).insertAfter(node);
          const header = continuation.addBlock();
          header.cloneFrom((this.currentLoop as Node).blocks[1], new Map(), (v) => v);
          inlineBlockBeforeNode(node, header);
          continuation.addInput(header.outputs[0]);
          continuation.eraseBlock(0);
          this.addLoopCarriedOutputs(continuation);
          node.destroy();
          break;
        }
        case 'prim::BreakStmt': {
          const exit = this.graph.create('prim::LoopContinuation', [], 0).insertAfter(node);
          exit.addInput(this.falseValue);
          this.addLoopCarriedOutputs(exit);
          node.destroy();
          break;
        }
      }
    }
  }
}

/**
 * Step 3: a loop is emitted as Loop(max_trip_count) with its body and a condition block; the
 * condition is copied before the loop (the start condition) and moved to the end of the body
 * (the continue condition), giving PyTorch's Loop(max_trip_count, start_condition, carried...).
 */
function inlineLoopConditions(block: Block): void {
  for (const node of liveNodes(block)) {
    for (const b of node.blocks) inlineLoopConditions(b);
    if (node.kind === 'prim::Loop') inlineLoopCondition(node);
  }
}

function inlineLoopCondition(node: Node): void {
  const body = node.blocks[0];
  const preHeader = node.blocks[1];
  const temp = node.addBlock();
  temp.cloneFrom(preHeader, new Map(), (v) => v);
  inlineBlockBeforeNode(node, temp);
  node.insertInput(1, temp.outputs[0]);
  node.eraseBlock(2);
  inlineBlockBeforeNode(body.returnNode, preHeader);
  body.returnNode.insertInput(0, preHeader.outputs[0]);
  node.eraseBlock(1);
}

/** Step 4: loads read the value last stored (PyTorch's EraseLoadStores); comprehension scopes are inlined. */
class EraseLoadStores {
  private stack: Frame<Value> | undefined;

  run(graph: Graph): void {
    this.eraseBlockLoadStores(graph.block);
  }

  private eraseBlockLoadStores(block: Block): void {
    this.stack = new Frame(this.stack);
    for (const node of [...block.nodes()]) {
      switch (node.kind) {
        case 'prim::Store':
          this.stack.set(node.s('name'), node.input());
          node.destroy();
          break;
        case 'prim::Load': {
          const value = this.stack.findInAnyFrame(node.s('name'));
          if (!value) throw new InternalError(`no value stored for '${node.s('name')}'`);
          node.output().replaceAllUsesWith(value);
          node.destroy();
          break;
        }
        case 'prim::ComprehensionScope': {
          const body = node.blocks[0];
          this.eraseBlockLoadStores(body);
          for (const inner of [...body.nodes()]) inner.moveBefore(node);
          node.destroy();
          break;
        }
        default:
          for (const b of node.blocks) this.eraseBlockLoadStores(b);
      }
    }
    this.stack = this.stack.next;
  }
}
