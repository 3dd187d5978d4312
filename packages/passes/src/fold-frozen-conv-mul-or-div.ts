import type { Block, Graph } from '@tsjit/ir';
import { foldableConvOperand, perChannel } from './fold-frozen-conv-add-or-sub.js';
import { insertTensorBefore } from './frozen-folding-support.js';

/**
 * PyTorch's FoldFrozenConvMulOrDiv: `aten::mul.Tensor` / `aten::div.Tensor` of a convolution's
 * output (its only use) by a constant tensor that varies along the channels only is folded into
 * the convolution: `W' = W * other[:, None, ...]` and `b' = b * other` (`/` for div). Returns
 * whether it changed the graph.
 */
export function foldFrozenConvMulOrDiv(graph: Graph): boolean {
  let changed = false;
  const visit = (block: Block): void => {
    for (const node of [...block.nodes()]) {
      for (const b of node.blocks) visit(b);
      if ((node.kind !== 'aten::mul' && node.kind !== 'aten::div') || node.inputs.length !== 2) continue;
      if (node.inputs[1]?.type.kind !== 'TensorType') continue;
      const found = foldableConvOperand(node);
      if (!found) continue;
      const { conv, weight, bias, other } = found;
      const channels = weight.shape[0] as number;
      const factor = perChannel(other, channels);
      const op = (t: typeof weight, f: typeof weight) => (node.kind === 'aten::mul' ? t.mul(f) : t.div(f));
      const newWeight = op(weight, factor.reshape([-1, ...new Array(weight.shape.length - 1).fill(1)]));
      conv.replaceInput(1, insertTensorBefore(graph, conv, newWeight.contiguous()));
      if (bias) conv.replaceInput(2, insertTensorBefore(graph, conv, op(bias, factor).contiguous()));
      node.output().replaceAllUsesWith(conv.output());
      node.destroy();
      changed = true;
    }
  };
  visit(graph.block);
  return changed;
}
