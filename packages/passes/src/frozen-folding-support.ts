import { type Graph, type Node, tensorValue, type Value } from '@tsjit/ir';
import { Tensor } from '@tsjit/tensor';
import { constantOf } from './analysis/constant-value.js';

/** The tensor a `prim::Constant` holds, or undefined (not a constant, or not a tensor). */
export function constantTensorOf(value: Value): Tensor | undefined {
  const c = constantOf(value);
  const v = c?.value as { kind?: string; tensor?: unknown } | null | undefined;
  return v && typeof v === 'object' && v.kind === 'tensor' && v.tensor instanceof Tensor ? v.tensor : undefined;
}

/**
 * Whether `value` is the None constant: of type NoneType, or of an Optional type (freezing types
 * a None attribute's constant as the attribute was declared: a convolution's `bias: Optional[Tensor]`).
 */
export function isNoneConstant(value: Value): boolean {
  const c = constantOf(value);
  return c !== undefined && c.value === null;
}

/** A tensor constant inserted just before `node` (PyTorch inserts the folded weights there too). */
export function insertTensorBefore(graph: Graph, node: Node, tensor: Tensor): Value {
  return graph.withInsertPoint(node, () => graph.insertConstant(tensorValue(tensor)));
}

const FLOATING = new Set(['float32', 'float64', 'float16', 'bfloat16']);

/** Folding works on floating tensors of one dtype only: anything else would change type promotion. */
export function sameFloatingDtype(...tensors: (Tensor | undefined)[]): boolean {
  const present = tensors.filter((t): t is Tensor => t !== undefined);
  if (present.length === 0) return false;
  const dtype = present[0]?.dtype as string;
  return FLOATING.has(dtype) && present.every((t) => t.dtype === dtype && !t.requiresGrad);
}

/** The convolutions folding rewrites: conv1d/2d/3d and a non-transposed `_convolution` (PyTorch's supportedConvNode). */
export function isFoldableConv(node: Node): boolean {
  switch (node.kind) {
    case 'aten::conv1d':
    case 'aten::conv2d':
    case 'aten::conv3d':
      return node.inputs.length >= 3;
    case 'aten::_convolution': {
      const transposed = constantOf(node.inputs[6] as Value)?.value;
      return transposed === false;
    }
    default:
      return false;
  }
}
