import type { Block, Graph, IValue, Node } from '@tsjit/ir';
import type { OpRegistry } from '@tsjit/ops';
import { AliasDb, isMutableType } from './analysis/alias-db.js';
import { constantBool, constantInt, constantOf, insertConstantValue } from './analysis/constant-value.js';
import { evaluateNode } from './analysis/evaluate-node.js';
import { hasSideEffects, isNondeterministic } from './analysis/node-effects.js';
import { nodeKey } from './analysis/node-key.js';
import { eliminateDeadCode } from './dead-code-elimination.js';

export interface ConstantPropagationOptions {
  /** The operators whose implementations fold nodes (default: every op of @tsjit/ops). */
  readonly registry?: OpRegistry;
  /**
   * Folded tensors with more elements than this stay computed at run time, so that a graph does
   * not swell with large constants (PyTorch 1.13 has no limit; default 2^16).
   */
  readonly maxTensorElements?: number;
  /**
   * Fold only nodes whose inputs and outputs are all of immutable types (no tensors, lists, dicts
   * or objects), without alias analysis: PyTorch's ConstantPropagationImmutableTypes, which the
   * frontend runs on every freshly emitted graph because running it again never changes the
   * graph. Default false.
   */
  readonly immutableTypesOnly?: boolean;
}

// Nodes never folded, as in PyTorch (control flow is handled apart; the rest have no value to fold).
const SKIP = new Set([
  'prim::If',
  'prim::Loop',
  'prim::Closure',
  'prim::Constant',
  'prim::AutogradZero',
  'prim::Uninitialized',
  'prim::Guard',
  'prim::profile',
  'prim::profile_ivalue',
  'prim::unchecked_unwrap_optional',
  'aten::dequantize',
]);

/**
 * Evaluates nodes whose inputs are all constants and replaces their outputs by constants
 * (PyTorch's ConstantPropagation). A node is folded only when it has no side effect, is
 * deterministic, no node writes to its inputs or outputs, and its implementation runs without
 * throwing (a throwing fold is skipped: the node raises at run time). A `prim::If` on a constant
 * condition is replaced by the taken branch; a `prim::Loop` that cannot run (trip count <= 0 or
 * initial condition false) by its initial values; branch and loop outputs that do not change are
 * replaced. Dead code is removed afterwards.
 *
 *     %a : int = prim::Constant[value=2]()
 *     %b : int = aten::mul(%a, %a)          ->     %b : int = prim::Constant[value=4]()
 */
export function constantPropagation(graph: Graph, options: ConstantPropagationOptions = {}): boolean {
  const propagator = new ConstantPropagator(graph, options);
  const changed = propagator.run();
  if (changed) eliminateDeadCode(graph, { registry: options.registry });
  return changed;
}

class ConstantPropagator {
  readonly #graph: Graph;
  readonly #registry: OpRegistry | undefined;
  readonly #maxTensorElements: number;
  readonly #immutableTypesOnly: boolean;
  #db: AliasDb | undefined;
  #changed = false;

  constructor(graph: Graph, options: ConstantPropagationOptions) {
    this.#graph = graph;
    this.#registry = options.registry;
    this.#maxTensorElements = options.maxTensorElements ?? 2 ** 16;
    this.#immutableTypesOnly = options.immutableTypesOnly ?? false;
  }

  run(): boolean {
    this.#block(this.#graph.block);
    return this.#changed;
  }

  #block(block: Block): void {
    for (const node of block.nodes()) this.#node(node);
  }

  #node(node: Node): void {
    const constantInputs = node.inputs.every((v) => v.node.kind === 'prim::Constant');
    if (node.kind === 'prim::If') {
      if (constantInputs && constantBool(node.inputs[0]) !== undefined) {
        this.#inlineIf(node);
      } else {
        for (const b of node.blocks) this.#block(b);
        this.#removeExtraIfOutputs(node);
      }
    } else if (node.kind === 'prim::Loop') {
      if (this.#loopWillNotRun(node)) {
        node.outputs.forEach((out, i) => {
          out.replaceAllUsesWith(node.inputs[i + 2]);
        });
        node.destroy();
        this.#changed = true;
      } else {
        for (const b of node.blocks) this.#block(b);
        this.#removeExtraLoopOutputs(node);
      }
    } else if (constantInputs && this.#supported(node)) {
      this.#fold(node);
    } else {
      for (const b of node.blocks) this.#block(b);
    }
  }

  #supported(node: Node): boolean {
    if (SKIP.has(node.kind) || node.kind.startsWith('onnx::') || node.blocks.length > 0) return false;
    if (hasSideEffects(node, this.#registry) || isNondeterministic(node, this.#registry)) return false;
    if (this.#immutableTypesOnly) {
      return !node.inputs.some((v) => isMutableType(v.type)) && !node.outputs.some((v) => isMutableType(v.type));
    }
    this.#db ??= new AliasDb(this.#graph, this.#registry);
    // A node whose values some node writes (including itself: a mutating op) is not a pure function of its inputs.
    return !this.#db.nodeHasWriters(node) && !this.#db.writes(node);
  }

  #fold(node: Node): void {
    const inputs: IValue[] = [];
    for (const v of node.inputs) {
      const c = constantOf(v);
      if (!c) return;
      inputs.push(c.value);
    }
    const results = evaluateNode(node, inputs, this.#registry, { maxTensorElements: this.#maxTensorElements });
    if (!results) return;
    this.#graph.withInsertPoint(node, () => {
      results.forEach((c, i) => {
        const output = node.outputs[i];
        // Without a source range, as PyTorch's tryInsertConstant here (so `fn.graph` prints the same).
        const constant = insertConstantValue(this.#graph, c.value, output.type);
        output.replaceAllUsesWith(constant);
      });
    });
    this.#changed = true;
  }

  #inlineIf(node: Node): void {
    const taken = node.blocks[constantBool(node.inputs[0]) ? 0 : 1];
    this.#block(taken);
    for (const inner of taken.nodes()) inner.moveBefore(node);
    node.outputs.forEach((out, i) => {
      out.replaceAllUsesWith(taken.outputs[i]);
    });
    node.destroy();
    this.#changed = true;
  }

  #loopWillNotRun(node: Node): boolean {
    const trip = constantInt(node.inputs[0]);
    const condition = constantBool(node.inputs[1]);
    return (trip !== undefined && trip <= 0) || condition === false;
  }

  #removeExtraIfOutputs(node: Node): void {
    const [thenBlock, elseBlock] = node.blocks;
    for (let i = 0; i < node.outputs.length; ) {
      const t = thenBlock.outputs[i];
      const f = elseBlock.outputs[i];
      let replacement = t === f ? t : undefined;
      if (!replacement) {
        const c = constantOf(t);
        const key = c && nodeKey(t.node);
        if (c && key !== undefined && key === nodeKey(f.node)) {
          replacement = this.#graph.withInsertPoint(node, () => insertConstantValue(this.#graph, c.value, t.type));
        }
      }
      if (!replacement) {
        i++;
        continue;
      }
      node.outputs[i].replaceAllUsesWith(replacement);
      node.eraseOutput(i);
      thenBlock.eraseOutput(i);
      elseBlock.eraseOutput(i);
      this.#changed = true;
    }
  }

  #removeExtraLoopOutputs(node: Node): void {
    const body = node.blocks[0];
    for (let i = node.outputs.length - 1; i >= 0; i--) {
      if (body.inputs[i + 1] !== body.outputs[i + 1]) continue;
      const initial = node.inputs[i + 2];
      node.outputs[i].replaceAllUsesWith(initial);
      body.inputs[i + 1].replaceAllUsesWith(initial);
      node.eraseOutput(i);
      node.removeInput(i + 2);
      body.eraseOutput(i + 1);
      body.eraseInput(i + 1);
      this.#changed = true;
    }
  }
}
