import type { Block, Graph, Node } from '@tsjit/ir';
import type { OpRegistry } from '@tsjit/ops';
import { AliasDb } from './analysis/alias-db.js';
import { hasSideEffects, isNondeterministic } from './analysis/node-effects.js';
import { nodeKey } from './analysis/node-key.js';

export interface CommonSubexpressionOptions {
  readonly registry?: OpRegistry;
}

/**
 * Replaces a node by an earlier equal one (same kind, inputs, attributes and output types) that
 * dominates it: one earlier in the same block or in an enclosing block (PyTorch's
 * EliminateCommonSubexpression). Nodes with side effects, random nodes, nodes with blocks, and
 * nodes whose inputs or outputs some node writes are left alone; two nodes whose outputs would
 * both escape the graph (graph outputs may not become aliases) are not merged.
 *
 *     %a : Tensor = aten::mul(%x, %y)               %a : Tensor = aten::mul(%x, %y)
 *     %b : Tensor = aten::mul(%x, %y)        ->     %c : Tensor = aten::add(%a, %a, %one)
 *     %c : Tensor = aten::add(%a, %b, %one)
 */
export function eliminateCommonSubexpression(graph: Graph, options: CommonSubexpressionOptions = {}): boolean {
  const db = new AliasDb(graph, options.registry);
  let changed = false;
  const visit = (block: Block, scopes: Map<string, Node>[]): void => {
    const table = new Map<string, Node>();
    const chain = [...scopes, table];
    for (const node of block.nodes()) {
      if (hasSideEffects(node, options.registry) || isNondeterministic(node, options.registry)) continue;
      if (node.blocks.length > 0) {
        for (const b of node.blocks) visit(b, chain);
        continue;
      }
      if (db.nodeHasWriters(node) || db.writes(node)) continue;
      const key = nodeKey(node);
      if (key === undefined) continue;
      let existing: Node | undefined;
      for (let i = chain.length - 1; i >= 0 && !existing; i--) existing = chain[i].get(key);
      if (!existing) {
        table.set(key, node);
        continue;
      }
      const outputs = graph.outputs;
      if (db.mayAliasAny(node.outputs, outputs) && db.mayAliasAny(existing.outputs, outputs)) continue;
      node.replaceAllUsesWith(existing);
      node.destroy();
      changed = true;
    }
  };
  visit(graph.block, []);
  return changed;
}
