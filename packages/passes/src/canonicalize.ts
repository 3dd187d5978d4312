import type { Block, Graph, Value } from '@tsjit/ir';

export interface CanonicalizeOptions {
  /** Keep the values' debug names (default true); without them every value prints as its number. */
  readonly keepUniqueNames?: boolean;
}

/**
 * Renumbers the values in program order, as PyTorch's `Canonicalize(graph, keep_unique_names)`
 * does by copying the graph: graph inputs first, then for each node its outputs, then its blocks
 * (each block's inputs, then its nodes). Without `keepUniqueNames` the debug names of the graph
 * inputs and of the top-level nodes' outputs are dropped (PyTorch keeps those inside blocks). Works in place; returns whether
 * any id or name changed.
 *
 *     graph(%x : int):                          graph(%0 : int):
 *       %7 : int = aten::add(%x, %x)      ->      %1 : int = aten::add(%0, %0)
 *       return (%7)                               return (%1)
 */
export function canonicalize(graph: Graph, options: CanonicalizeOptions = {}): boolean {
  const keepNames = options.keepUniqueNames ?? true;
  const order: Value[] = [...graph.inputs];
  const collect = (block: Block): void => {
    for (const node of block.nodes()) {
      order.push(...node.outputs);
      for (const b of node.blocks) {
        order.push(...b.inputs);
        collect(b);
      }
    }
  };
  collect(graph.block);
  let changed = false;
  if (!keepNames) {
    // As PyTorch: only the graph's inputs and its top-level nodes' outputs lose their names;
    // values inside blocks are copied with their metadata and keep them.
    const topLevel = [...graph.inputs, ...[...graph.nodes()].flatMap((n) => n.outputs)];
    for (const v of topLevel) {
      if (v.hasDebugName()) {
        v.setDebugName('');
        changed = true;
      }
    }
  }
  if (order.some((v, i) => v.unique !== i)) {
    // Park every value on an id past all current ones first, so that no two values share an id midway.
    let top = 0;
    for (const v of order) top = Math.max(top, v.unique + 1);
    graph._reserveIds(top + order.length);
    order.forEach((v, i) => {
      graph._setUnique(v, top + i);
    });
    order.forEach((v, i) => {
      graph._setUnique(v, i);
    });
    changed = true;
  }
  return changed;
}
