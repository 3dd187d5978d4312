import type { Block, Graph, Node, Value } from '@tsjit/ir';
import type { OpRegistry } from '@tsjit/ops';
import { AliasDb, mayWriteUnknown } from './analysis/alias-db.js';
import { hasSideEffectsDeep } from './analysis/node-effects.js';
import { nodeOperator } from './analysis/node-schema.js';

export interface DeadCodeOptions {
  /** The operators to read schemas from (default: every op of @tsjit/ops). */
  readonly registry?: OpRegistry;
  /**
   * With alias analysis (the default, as PyTorch's `EliminateDeadCode(graph)`), a node that writes
   * memory is kept only when that memory may be seen later: it aliases a live value or escapes the
   * graph. Without it (as `torch._C._jit_pass_dce`, which runs on the block), every node that
   * writes is kept.
   */
  readonly aliasAnalysis?: boolean;
}

/**
 * Removes nodes whose outputs are unused and that have no effect: no side effect (print,
 * raise, calls, attribute writes...) and no write to memory that is still read or that escapes
 * the graph. Unused outputs of `prim::If` go with the branch values that fed them; a loop-carried
 * value of `prim::Loop` goes when it is unused after the loop and its block input is unused in
 * the body (PyTorch's rule). Graph inputs stay (the signature is kept).
 *
 *     %a : Tensor = aten::mul(%x, %x)        # unused: removed
 *     %p : NoneType = prim::Print(%x)        # side effect: kept
 *     return (%x)
 */
export function eliminateDeadCode(graph: Graph, options: DeadCodeOptions = {}): boolean {
  return new DeadCodeEliminator(graph, options).run();
}

class DeadCodeEliminator {
  readonly #graph: Graph;
  readonly #registry: OpRegistry | undefined;
  readonly #db: AliasDb | undefined;
  readonly #live = new Set<Node>();
  readonly #liveValues = new Set<Value>();
  readonly #effects = new Map<Node, boolean>();
  #changed = false;

  constructor(graph: Graph, options: DeadCodeOptions) {
    this.#graph = graph;
    this.#registry = options.registry;
    this.#db = (options.aliasAnalysis ?? true) ? new AliasDb(graph, options.registry) : undefined;
  }

  run(): boolean {
    // As PyTorch: loop-carried values unused after the loop and in the body go first, so that a
    // body left computing nothing does not keep its loop alive.
    this.#dropDeadCarriedValues(this.#graph.block);
    for (const output of this.#graph.outputs) this.#liveValues.add(output);
    // Marking in reverse order finds most of the live set at once; writes to values that become
    // live later (a write before a read found in a nested block) need more rounds.
    let grew = true;
    while (grew) grew = this.#markBlock(this.#graph.block);
    this.#sweep(this.#graph.block);
    return this.#changed;
  }

  #markBlock(block: Block): boolean {
    let grew = false;
    const owner = block.owningNode;
    // Branch outputs are live when the matching node output is. A loop body's outputs are always
    // live (no loop-carried dependency analysis), as in PyTorch: a loop whose body computes
    // anything stays, even with every output unused, since running it may raise or never end.
    if (owner && (owner.kind === 'prim::Loop' || this.#live.has(owner))) {
      block.outputs.forEach((value, i) => {
        const needed = owner.kind !== 'prim::If' || this.#liveValues.has(owner.outputs[i]);
        if (needed && !this.#liveValues.has(value)) {
          this.#liveValues.add(value);
          grew = true;
        }
      });
    }
    for (const node of block.reverseNodes()) {
      for (const inner of node.blocks) grew = this.#markBlock(inner) || grew;
      if (!this.#live.has(node) && this.#isLive(node)) {
        this.#mark(node);
        grew = true;
        for (const inner of node.blocks) this.#markBlock(inner);
      }
    }
    return grew;
  }

  #isLive(node: Node): boolean {
    if (hasSideEffectsDeep(node, this.#registry, this.#effects)) return true;
    if (node.outputs.some((v) => this.#liveValues.has(v))) return true;
    if (this.#db) return this.#db.writesToWildcard(node) || this.#db.writesToAlias(node, this.#liveValues);
    return this.#writesAnything(node);
  }

  #writesAnything(node: Node): boolean {
    if (node.kind === 'prim::SetAttr') return true;
    const op = nodeOperator(node, this.#registry);
    if (op ? op.schema.isMutable : mayWriteUnknown(node.kind)) return true;
    return node.blocks.some((b) => [...b.nodes()].some((n) => this.#writesAnything(n)));
  }

  #mark(node: Node): void {
    for (let n: Node | undefined = node; n && !this.#live.has(n); n = n.owningBlock?.owningNode) {
      this.#live.add(n);
      for (const input of n.inputs) this.#liveValues.add(input);
    }
  }

  #sweep(block: Block): void {
    for (const node of block.reverseNodes()) {
      this.#removeDeadOutputs(node);
      for (const inner of node.blocks) this.#sweep(inner);
      if (!this.#live.has(node) && !node.outputs.some((v) => v.hasUses())) {
        node.destroy();
        this.#changed = true;
      }
    }
  }

  #dropDeadCarriedValues(block: Block): void {
    for (const node of block.nodes()) {
      for (const inner of node.blocks) this.#dropDeadCarriedValues(inner);
      if (node.kind === 'prim::Loop') this.#removeDeadOutputs(node);
    }
  }

  #removeDeadOutputs(node: Node): void {
    if (node.kind === 'prim::If') {
      for (let i = node.outputs.length - 1; i >= 0; i--) {
        if (node.outputs[i].hasUses()) continue;
        node.eraseOutput(i);
        for (const b of node.blocks) b.eraseOutput(i);
        this.#changed = true;
      }
    } else if (node.kind === 'prim::Loop') {
      const body = node.blocks[0];
      for (let i = node.outputs.length - 1; i >= 0; i--) {
        if (node.outputs[i].hasUses() || body.inputs[i + 1].hasUses()) continue;
        node.eraseOutput(i);
        node.removeInput(i + 2);
        body.eraseOutput(i + 1);
        body.eraseInput(i + 1);
        this.#changed = true;
      }
    }
  }
}
