import type { Block, Graph, TensorType, Value } from '@tsjit/ir';
import { constantOf } from './analysis/constant-value.js';
import { batchNormScale, constantBatchNorm } from './fold-frozen-conv-batch-norm.js';
import { constantTensorOf, insertTensorBefore, isNoneConstant, sameFloatingDtype } from './frozen-folding-support.js';

/**
 * Whether `value` is known to be 2-D: its type says so, or it comes from `flatten(x, 1, -1)`
 * (the classifier-head idiom), whose result is 2-D for every input it accepts.
 */
function isKnown2d(value: Value): boolean {
  const dim = (value.type as TensorType).dim?.();
  if (typeof dim === 'number') return dim === 2;
  const node = value.node;
  if (node.kind !== 'aten::flatten' || node.inputs.length !== 3) return false;
  const start = constantOf(node.inputs[1] as Value)?.value as { value?: number | bigint } | undefined;
  const end = constantOf(node.inputs[2] as Value)?.value as { value?: number | bigint } | undefined;
  return Number(start?.value) === 1 && Number(end?.value) === -1;
}

/**
 * Linear–batch-norm folding (PyTorch 2.x's FoldFrozenLinearBatchnorm; 1.13 has no such pass):
 * `aten::linear(x, W, b)` with constant W, b followed by an inference `aten::batch_norm` with
 * constant parameters (the linear output's only use) becomes the linear alone with
 * `W' = W * scale[:, None]`, `b' = (b - mean) * scale + bn_bias`. Batch norm normalizes dimension 1
 * and linear produces features in the last one: they coincide only for 2-D inputs, so the pass
 * folds only where the input is known to be 2-D (see isKnown2d). Returns whether it changed the graph.
 */
export function foldFrozenLinearBatchNorm(graph: Graph): boolean {
  let changed = false;
  const visit = (block: Block): void => {
    for (const node of [...block.nodes()]) {
      for (const b of node.blocks) visit(b);
      if (node.kind !== 'aten::batch_norm') continue;
      const input = node.inputs[0];
      if (!input || input.uses.length !== 1) continue;
      const linear = input.node;
      if (linear.kind !== 'aten::linear' || linear.inputs.length !== 3) continue;
      if (!isKnown2d(linear.inputs[0] as Value)) continue;
      const bn = constantBatchNorm(node);
      const weight = constantTensorOf(linear.inputs[1] as Value);
      const biasValue = linear.inputs[2] as Value;
      const bias = constantTensorOf(biasValue);
      if (!bn || !weight || weight.shape.length !== 2 || (!bias && !isNoneConstant(biasValue))) continue;
      if (!sameFloatingDtype(weight, bias, bn.weight, bn.bias, bn.mean, bn.variance)) continue;
      if (bn.mean.numel() !== weight.shape[0]) continue;
      const scale = batchNormScale(bn);
      const newWeight = weight.mul(scale.reshape([-1, 1]));
      const shifted = (bias ?? bn.mean.mul(0)).sub(bn.mean).mul(scale);
      const newBias = bn.bias ? shifted.add(bn.bias) : shifted;
      linear.replaceInput(1, insertTensorBefore(graph, linear, newWeight.contiguous()));
      linear.replaceInput(2, insertTensorBefore(graph, linear, newBias.contiguous()));
      node.output().replaceAllUsesWith(linear.output());
      node.destroy();
      changed = true;
    }
  };
  visit(graph.block);
  return changed;
}
