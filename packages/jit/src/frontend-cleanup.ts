import { canonicalizeOutputs } from '@tsjit/frontend';
import type { Graph } from '@tsjit/ir';
import type { OpRegistry } from '@tsjit/ops';
import { constantPooling, constantPropagation, eliminateDeadCode, lowerSimpleTuples } from '@tsjit/passes';

export interface FrontendCleanupOptions {
  /** The operators constant propagation may run (default: every op of @tsjit/ops). */
  readonly registry?: OpRegistry;
}

/**
 * The passes PyTorch 1.13 runs on every graph its frontend emits (ir_emitter.cpp's
 * runCleanupPasses), so that `fn.graph` shows what PyTorch's shows. The emitter has already lifted
 * fork closures into subgraphs and normalized operator aliases; what remains is, in PyTorch's
 * order: lowering of simple tuples (with dead-code elimination), constant propagation restricted
 * to immutable types (running it again never changes the graph, so graphs do not jitter across
 * save and load), constant pooling, and ordering If/Loop outputs by first use. Calls are not
 * inlined (PyTorch's inline-everything mode is off by default). PyTorch's last step, AnnotateWarns
 * (a unique `warn_id` on each `aten::warn`), has nothing to do: no operator here emits `aten::warn`.
 *
 *     %t : (int, int) = prim::TupleConstruct(%a, %b)
 *     %c : int, %d : int = prim::TupleUnpack(%t)         %two : int = prim::Constant[value=2]()
 *     %one : int = prim::Constant[value=1]()       ->    %e : int = aten::add(%a, %b)
 *     %two : int = aten::add(%one, %one)
 *     %e : int = aten::add(%c, %d)
 */
export function frontendCleanup(graph: Graph, options: FrontendCleanupOptions = {}): void {
  const { registry } = options;
  // A fork's subgraph was a closure: PyTorch cleans it the same way when it lifts it.
  for (const node of graph.allNodes()) {
    if (node.kind === 'prim::fork' && node.hasAttribute('Subgraph')) frontendCleanup(node.g('Subgraph'), options);
  }
  // PyTorch's LowerSimpleTuples ends with dead-code elimination whether it lowered a tuple or not:
  // that is what removes the exit transforms' unused prim::Uninitialized values.
  lowerSimpleTuples(graph, { registry });
  eliminateDeadCode(graph, { registry });
  constantPropagation(graph, { registry, immutableTypesOnly: true });
  constantPooling(graph, { registry });
  canonicalizeOutputs(graph);
}
