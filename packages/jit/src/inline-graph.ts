import type { Graph, Node } from '@tsjit/ir';
import type { OpRegistry } from '@tsjit/ops';
import { constantPooling, constantPropagation, inlineCalls, peephole } from '@tsjit/passes';

/** Finds the graph (as `fn.graph` shows it) of the function or method a call node calls. */
export type CalleeGraph = (node: Node) => Graph | undefined;

export interface InlineGraphOptions {
  readonly calleeGraph: CalleeGraph;
  readonly registry?: OpRegistry;
}

/**
 * What PyTorch 1.13's `fn.inlined_graph` shows: a copy of the graph with every call of a script
 * function or method replaced by the callee's optimized graph (torch's `optimized_graph()`, see
 * `optimizedGraph`). Nothing else runs on the caller: its function constants stay, as in PyTorch.
 * Calls inside a fork's subgraph stay calls, as PyTorch's Inline does not enter subgraphs.
 */
export function inlinedGraph(graph: Graph, options: InlineGraphOptions): Graph {
  const copy = graph.copy();
  inlineCalls(copy, { resolve: (node) => calleeOptimizedGraph(node, options) });
  return copy;
}

/**
 * PyTorch's `GraphFunction::optimized_graph()` (its preoptimizeGraph): the graph, copied, with
 * calls inlined, peephole rewrites that do not depend on shapes, constant propagation on immutable
 * types and constant pooling. Autocast, which runs there too, changes nothing outside autocast
 * regions.
 */
export function optimizedGraph(graph: Graph, options: InlineGraphOptions): Graph {
  const { registry } = options;
  const copy = inlinedGraph(graph, options);
  peephole(copy, { registry, disableShapePeepholes: true });
  constantPropagation(copy, { registry, immutableTypesOnly: true });
  constantPooling(copy, { registry });
  return copy;
}

function calleeOptimizedGraph(node: Node, options: InlineGraphOptions): Graph | undefined {
  const graph = options.calleeGraph(node);
  return graph && optimizedGraph(graph, options);
}
