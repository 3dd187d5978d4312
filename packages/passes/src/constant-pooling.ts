import type { Block, Graph, Node } from '@tsjit/ir';
import type { OpRegistry } from '@tsjit/ops';
import { AliasDb } from './analysis/alias-db.js';
import { nodeKey } from './analysis/node-key.js';

export interface ConstantPoolingOptions {
  readonly registry?: OpRegistry;
}

/**
 * Moves every `prim::Constant` (nested blocks included) to the start of the graph and merges equal
 * ones (PyTorch's ConstantPooling). As in PyTorch, each constant met is moved before the current
 * first node, so the pooled constants end up in reverse order of first appearance. Equal
 * constants of mutable types (lists, tensors) are merged only when that cannot change what a
 * write observes. Returns whether constants were merged or hoisted.
 *
 *     %a : int = prim::Constant[value=1]()          %b : int = prim::Constant[value=2]()
 *     %x : int = aten::add(%i, %a)           ->     %a : int = prim::Constant[value=1]()
 *     %b : int = prim::Constant[value=2]()          %x : int = aten::add(%i, %a)
 *     %c : int = prim::Constant[value=1]()          %y : int = aten::add(%x, %b)
 *     %y : int = aten::add(%x, %b)                  %z : int = aten::mul(%y, %a)
 *     %z : int = aten::mul(%y, %c)
 */
export function constantPooling(graph: Graph, options: ConstantPoolingOptions = {}): boolean {
  let db: AliasDb | undefined;
  const pool = new Map<string, Node>();
  let changed = false;
  // Constants already leading the graph only get reordered: that is not reported as a change, so
  // that a pipeline run to a fixed point stops (each run reverses them, as in PyTorch).
  const leading = new Set<Node>();
  for (const node of graph.nodes()) {
    if (node.kind !== 'prim::Constant') break;
    leading.add(node);
  }
  const visit = (block: Block): void => {
    for (const node of block.nodes()) {
      if (node.blocks.length > 0) {
        for (const b of node.blocks) visit(b);
        continue;
      }
      if (node.kind !== 'prim::Constant') continue;
      const key = nodeKey(node);
      const existing = key === undefined ? undefined : pool.get(key);
      if (existing) {
        db ??= new AliasDb(graph, options.registry);
        if (!db.safeToChangeAliasingRelationship(node.outputs, existing.outputs)) continue;
        node.replaceAllUsesWith(existing);
        node.destroy();
        changed = true;
        continue;
      }
      if (key !== undefined) pool.set(key, node);
      const first = graph.block.first;
      if (node !== first) {
        node.moveBefore(first);
        if (!leading.has(node)) changed = true;
      }
    }
  };
  visit(graph.block);
  return changed;
}
