import type { Block, Graph, Node } from '@tsjit/ir';
import type { Tensor } from '@tsjit/tensor';
import { constantOf } from './analysis/constant-value.js';
import {
  constantTensorOf,
  insertTensorBefore,
  isFoldableConv,
  isNoneConstant,
  sameFloatingDtype,
} from './frozen-folding-support.js';

export interface FoldBatchNormOptions {
  /** Visit nested blocks too (default true). */
  readonly recurse?: boolean;
}

/** The inputs of an inference `aten::batch_norm` whose parameters are all constants, or undefined. */
export function constantBatchNorm(
  bn: Node,
): { weight?: Tensor; bias?: Tensor; mean: Tensor; variance: Tensor; eps: number } | undefined {
  if (bn.kind !== 'aten::batch_norm' || bn.inputs.length !== 9) return undefined;
  const [, w, b, rm, rv, training, , eps] = bn.inputs;
  if (!w || !b || !rm || !rv || !training || !eps) return undefined;
  if (constantOf(training)?.value !== false) return undefined;
  const mean = constantTensorOf(rm);
  const variance = constantTensorOf(rv);
  const weight = constantTensorOf(w);
  const bias = constantTensorOf(b);
  if (!mean || !variance) return undefined;
  if ((!weight && !isNoneConstant(w)) || (!bias && !isNoneConstant(b))) return undefined;
  const e = constantOf(eps)?.value as { kind?: string; value?: number } | number | undefined;
  const epsValue = typeof e === 'number' ? e : e && typeof e === 'object' ? Number(e.value) : undefined;
  if (epsValue === undefined || Number.isNaN(epsValue)) return undefined;
  return { weight, bias, mean, variance, eps: epsValue };
}

/**
 * The batch norm's affine map `y = x * scale + shift` per channel: `scale = w / sqrt(var + eps)`,
 * `shift = b - mean * scale` (computed as PyTorch's computeUpdatedConvWeightAndBias does).
 */
export function batchNormScale(bn: NonNullable<ReturnType<typeof constantBatchNorm>>): Tensor {
  const invStd = bn.variance.add(bn.eps).rsqrt();
  return bn.weight ? bn.weight.mul(invStd) : invStd;
}

/**
 * PyTorch's FoldFrozenConvBatchnorm (frozen_conv_folding.cpp): a convolution (conv1d/2d/3d or a
 * non-transposed `_convolution`) whose weight and bias are constants, followed by an inference
 * `aten::batch_norm` (training False) whose parameters are constants and which is the conv
 * output's only use, becomes the convolution alone with
 * `W' = W * scale[:, None, ...]` and `b' = (b - running_mean) * scale + bn_bias`,
 * `scale = bn_weight / sqrt(running_var + eps)`. Returns whether it changed the graph.
 */
export function foldFrozenConvBatchNorm(graph: Graph, options: FoldBatchNormOptions = {}): boolean {
  let changed = false;
  const visit = (block: Block): void => {
    for (const node of [...block.nodes()]) {
      if (options.recurse !== false) for (const b of node.blocks) visit(b);
      if (node.kind !== 'aten::batch_norm') continue;
      const input = node.inputs[0];
      if (!input || input.uses.length !== 1) continue;
      const conv = input.node;
      if (!isFoldableConv(conv)) continue;
      const bn = constantBatchNorm(node);
      if (!bn) continue;
      const weight = constantTensorOf(conv.inputs[1] as never);
      const biasValue = conv.inputs[2];
      if (!weight || !biasValue) continue;
      const bias = constantTensorOf(biasValue);
      if (!bias && !isNoneConstant(biasValue)) continue;
      if (!sameFloatingDtype(weight, bias, bn.weight, bn.bias, bn.mean, bn.variance)) continue;
      const channels = weight.shape[0] as number;
      if (bn.mean.numel() !== channels || bn.variance.numel() !== channels) continue;
      const scale = batchNormScale(bn);
      const newWeight = weight.mul(scale.reshape([-1, ...new Array(weight.shape.length - 1).fill(1)]));
      const base = bias ?? bn.mean.mul(0);
      const shifted = base.sub(bn.mean).mul(scale);
      const newBias = bn.bias ? shifted.add(bn.bias) : shifted;
      conv.replaceInput(1, insertTensorBefore(graph, conv, newWeight.contiguous()));
      conv.replaceInput(2, insertTensorBefore(graph, conv, newBias.contiguous()));
      node.output().replaceAllUsesWith(conv.output());
      node.destroy();
      changed = true;
    }
  };
  visit(graph.block);
  return changed;
}
