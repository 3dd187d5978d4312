import type { Block, Graph, Node, Value } from '@tsjit/ir';
import type { Tensor } from '@tsjit/tensor';
import { constantOf } from './analysis/constant-value.js';
import {
  constantTensorOf,
  insertTensorBefore,
  isFoldableConv,
  isNoneConstant,
  sameFloatingDtype,
} from './frozen-folding-support.js';

/**
 * Whether a constant `other` combined elementwise with a convolution's output (weight `weight`)
 * leaves the output's shape alone and varies along the channel dimension only (PyTorch's
 * opDoesNotBroadCastConv): at most the weight's rank, every dimension 1 except the channel one
 * (dimension 1 of the batched output), which may also be the output channel count.
 */
export function broadcastsAlongChannels(other: Tensor, weight: Tensor): boolean {
  const rank = weight.shape.length;
  const shape = other.shape as readonly number[];
  if (shape.length > rank) return false;
  const channels = weight.shape[0] as number;
  for (let i = 0; i < shape.length; i++) {
    const outDim = i + rank - shape.length;
    const size = shape[i] as number;
    if (outDim === 1 ? size !== 1 && size !== channels : size !== 1) return false;
  }
  return true;
}

/** `other` as one value per output channel (a single element repeated). */
export function perChannel(other: Tensor, channels: number): Tensor {
  return other.numel() === 1 ? other.reshape([1]).expand([channels]).contiguous() : other.reshape([channels]);
}

/** The conv a binary op folds into: its first input, produced by a foldable conv with constant weights, used once. */
export function foldableConvOperand(
  node: Node,
): { conv: Node; weight: Tensor; bias: Tensor | undefined; other: Tensor } | undefined {
  const [self, otherValue] = node.inputs;
  if (!self || !otherValue || self.uses.length !== 1) return undefined;
  const conv = self.node;
  if (!isFoldableConv(conv)) return undefined;
  const weight = constantTensorOf(conv.inputs[1] as Value);
  const biasValue = conv.inputs[2];
  const other = constantTensorOf(otherValue);
  if (!weight || !biasValue || !other) return undefined;
  const bias = constantTensorOf(biasValue);
  if (!bias && !isNoneConstant(biasValue)) return undefined;
  if (!sameFloatingDtype(weight, bias, other) || !broadcastsAlongChannels(other, weight)) return undefined;
  return { conv, weight, bias, other };
}

/**
 * PyTorch's FoldFrozenConvAddOrSub: `aten::add.Tensor` / `aten::sub.Tensor` of a convolution's
 * output (its only use) and a constant tensor that varies along the channels only is folded into
 * the convolution's bias: `b' = b ± alpha * other`. Returns whether it changed the graph.
 */
export function foldFrozenConvAddOrSub(graph: Graph): boolean {
  let changed = false;
  const visit = (block: Block): void => {
    for (const node of [...block.nodes()]) {
      for (const b of node.blocks) visit(b);
      if ((node.kind !== 'aten::add' && node.kind !== 'aten::sub') || node.inputs.length !== 3) continue;
      if (node.inputs[1]?.type.kind !== 'TensorType') continue;
      const alphaConstant = constantOf(node.inputs[2] as Value)?.value as
        | { value?: number | bigint }
        | number
        | undefined;
      const alpha =
        typeof alphaConstant === 'number'
          ? alphaConstant
          : alphaConstant && typeof alphaConstant === 'object' && alphaConstant.value !== undefined
            ? Number(alphaConstant.value)
            : undefined;
      if (alpha === undefined) continue;
      const found = foldableConvOperand(node);
      if (!found) continue;
      const { conv, weight, bias, other } = found;
      const channels = weight.shape[0] as number;
      const scaled = perChannel(other, channels).mul(node.kind === 'aten::sub' ? -alpha : alpha);
      const newBias = (bias ?? scaled.mul(0)).add(scaled);
      conv.replaceInput(2, insertTensorBefore(graph, conv, newBias.contiguous()));
      node.output().replaceAllUsesWith(conv.output());
      node.destroy();
      changed = true;
    }
  };
  visit(graph.block);
  return changed;
}
