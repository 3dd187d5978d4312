import type { Block, Graph } from '@tsjit/ir';
import { constantOf } from './analysis/constant-value.js';

const DROPOUTS = new Set([
  'aten::dropout',
  'aten::dropout_',
  'aten::feature_dropout',
  'aten::feature_dropout_',
  'aten::alpha_dropout',
  'aten::alpha_dropout_',
  'aten::feature_alpha_dropout',
  'aten::feature_alpha_dropout_',
]);

/**
 * PyTorch's removeDropout (run on frozen graphs): a dropout whose `train` argument is the
 * constant False is the identity, so its output is replaced by its input and the node removed.
 * Returns whether it changed the graph.
 */
export function removeDropout(graph: Graph): boolean {
  let changed = false;
  const visit = (block: Block): void => {
    for (const node of [...block.nodes()]) {
      for (const b of node.blocks) visit(b);
      if (!DROPOUTS.has(node.kind) || node.inputs.length !== 3) continue;
      if (constantOf(node.inputs[2] as never)?.value !== false) continue;
      node.output().replaceAllUsesWith(node.inputs[0] as never);
      node.destroy();
      changed = true;
    }
  };
  visit(graph.block);
  return changed;
}
