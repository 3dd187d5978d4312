/** Derivative rules of the pooling ops (1-d pools go through the 2-d backward ops on an unsqueezed dim). */
import type { Functions } from '../core/tensor-like.js';

type Ctx = Record<string, any>;

export function one(v: number | readonly number[]): number[] {
  return Array.isArray(v) ? [...(v as number[])] : [v as number];
}

export function maxPoolRule(F: Functions, c: Ctx, nd: 2 | 3, indices: unknown): Ctx {
  const args = [c.kernel_size, c.stride, c.padding, c.dilation, c.ceil_mode];
  if (nd === 2) {
    const idx = indices ?? F.maxPool2dWithIndices(c.self, ...args)[1];
    return { self: F.maxPool2dWithIndicesBackward(c.grad, c.self, ...args, idx) };
  }
  const idx = indices ?? F.maxPool3dWithIndices(c.self, ...args)[1];
  return { self: F.maxPool3dWithIndicesBackward(c.grad, c.self, ...args, idx) };
}

export function maxPool1dRule(F: Functions, c: Ctx, indices: unknown): Ctx {
  // PyTorch's no-grad max_pool1d accepts a window longer than the input (an empty result): nothing flows back.
  if ((F.sizes(c.grad) as number[]).includes(0)) return { self: F.zerosLike(c.self) };
  const idx = indices ?? F.maxPool1dWithIndices(c.self, c.kernel_size, c.stride, c.padding, c.dilation, c.ceil_mode)[1];
  const k = one(c.kernel_size);
  const s = one(c.stride).length ? one(c.stride) : k;
  const g = F.maxPool2dWithIndicesBackward(
    F.unsqueeze(c.grad, -2),
    F.unsqueeze(c.self, -2),
    [1, ...k],
    [1, ...s],
    [0, ...one(c.padding)],
    [1, ...one(c.dilation)],
    c.ceil_mode,
    F.unsqueeze(idx, -2),
  );
  return { self: F.squeeze(g, -2) };
}

/** The derivative of a max-pool backward op with respect to grad_output: gather at the argmax positions. */
export function gatherRule(F: Functions, c: Ctx, nd: number): Ctx {
  const picked = F.gather(F.flatten(c.grad, -nd), -1, F.flatten(c.indices, -nd));
  return { grad_output: F.reshape(picked, F.sizes(c.indices)) };
}

export function adaptive1dRule(F: Functions, c: Ctx): Ctx {
  return { self: F.squeeze(F._adaptiveAvgPool2dBackward(F.unsqueeze(c.grad, -2), F.unsqueeze(c.self, -2)), -2) };
}

export function adaptiveMax1dRule(F: Functions, c: Ctx): Ctx {
  const g = F.adaptiveMaxPool2dBackward(F.unsqueeze(c.grad, -2), F.unsqueeze(c.self, -2), F.unsqueeze(c.result[1], -2));
  return { self: F.squeeze(g, -2) };
}
