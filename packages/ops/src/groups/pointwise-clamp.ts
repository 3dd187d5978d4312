/** clamp / clip / clamp_min / clamp_max: gradients and samples shared by the four ops. */
import type { Sample, SampleBuilder } from '../core/samples.js';
import type { Functions } from '../core/tensor-like.js';

/**
 * Gradients of clamp with optional bounds (scalars or tensors), as PyTorch's clamp_backward and
 * clamp_backward_min_max: self passes where it lies within the bounds; a tensor bound takes the
 * gradient where it was the value chosen (min only where min < max, max also where max < min).
 */
export function clampGradients(F: Functions, grad: any, self: any, min: any, max: any): Record<string, any> {
  const hasMin = min !== null && min !== undefined;
  const hasMax = max !== null && max !== undefined;
  const inside =
    hasMin && hasMax ? F.logicalAnd(F.ge(self, min), F.le(self, max)) : hasMin ? F.ge(self, min) : F.le(self, max);
  const out: Record<string, any> = { self: F.sumTo(F.where(inside, grad, 0), F.sizes(self)) };
  if (hasMin && F.isTensor(min)) {
    const below = hasMax ? F.logicalAnd(F.lt(self, min), F.lt(min, max)) : F.lt(self, min);
    out.min = F.sumTo(F.where(below, grad, 0), F.sizes(min));
  }
  if (hasMax && F.isTensor(max)) {
    const above = hasMin ? F.logicalOr(F.gt(self, max), F.lt(max, min)) : F.gt(self, max);
    out.max = F.sumTo(F.where(above, grad, 0), F.sizes(max));
  }
  return out;
}

export function clampSamples(S: SampleBuilder, name: 'clamp' | 'clip'): Sample[] {
  const T = `${name}.Tensor`;
  return [
    S.call(name, [S.randn([2, 5]), S.float(-0.5), S.float(0.5)]),
    S.call(name, [S.randn([3, 4], 'transposed'), -1]),
    S.call(name, [S.randn([2, 3], 'strided'), null, S.float(0.25)]),
    S.call(name, [S.randn([5], 'offset'), S.float(1), S.float(-1)]),
    S.call(name, [S.randn([]), 0, 1]),
    S.call(name, [S.randn([0, 2]), 0, 1]),
    S.call(name, [S.ints([2, 3]), -2, 2]),
    S.call(name, [S.ints([2, 3]), S.float(-1.5), 3]),
    S.call(name, [S.ints([2, 3], 0, 10, 'uint8'), 2, 6]),
    S.call(name, [S.bools([4]), 0, 1]),
    S.call(name, [S.t([2, 3], { dtype: 'float64' }), S.float(-0.5)]),
    S.call(name, [S.t([2, 3], { dtype: 'bfloat16' }), S.float(-0.5), 1]),
    S.call(name, [S.of([Number.NaN, 1, -Infinity, Infinity]), S.float(-2), 2]),
    S.call(name, [S.of([0.5, 1, 2]), S.float(Number.NaN), 3]),
    S.error(name, [S.randn([3])], "torch.clamp: At least one of 'min' or 'max' must not be None"),
    S.error(name, [S.t([3], { dtype: 'float16' }), 0, 1], '"clamp_scalar_cpu" not implemented for \'Half\''),
    S.call(T, [S.randn([2, 3]), S.randn([3]), S.t([2, 1], { low: 1, high: 3 })]),
    S.call(T, [S.randn([2, 3], 'transposed'), S.randn([2, 3], 'strided')]),
    S.call(T, [S.randn([2, 3]), null, S.randn([])]),
    S.call(T, [S.randn([3]), S.randn([2, 3])]),
    S.call(T, [S.ints([2, 3]), S.randn([3]), null]),
    S.call(T, [S.ints([2, 3]), S.ints([3], -3, 0, 'int32'), S.ints([3], 0, 3)]),
    S.call(T, [S.of([0, 1, 2, 3, 4, 2.5]), S.of([1, 1, 1, 3.5, 3, 3]), S.of([3, 3, 3, 3, 3, 2])]),
    S.error(T, [S.randn([3]), null, null], "torch.clamp: At least one of 'min' or 'max' must not be None"),
    S.error(
      T,
      [S.randn([2, 3]), S.randn([4])],
      'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1',
    ),
    S.call(`${name}_`, [S.randn([3, 2], 'transposed'), S.float(-0.5), S.float(0.5)]),
    S.call(`${name}_`, [S.ints([4]), -1, 1]),
    S.error(`${name}_`, [S.ints([4]), S.float(0.5), 1], "can't be cast to the desired output type"),
    S.call(`${name}_.Tensor`, [S.randn([2, 3]), S.randn([3])]),
    S.call(`${name}.out`, [S.randn([2, 3]), 0, 1], { out: S.randn([2, 3]) }),
    S.call(`${name}.out`, [S.randn([2, 3]), 0, 1], { out: S.randn([0]) }),
    S.error(`${name}.out`, [S.randn([3]), 0, 1], 'Found dtype Double but expected Float', {
      out: S.t([3], { dtype: 'float64' }),
    }),
    S.call(`${name}.Tensor_out`, [S.randn([2, 3]), S.randn([3])], { out: S.t([2, 3], { dtype: 'float64' }) }),
  ];
}

export function clampSideSamples(S: SampleBuilder, name: 'clamp_min' | 'clamp_max'): Sample[] {
  const T = `${name}.Tensor`;
  return [
    S.call(name, [S.randn([2, 5]), S.float(-0.5)]),
    S.call(name, [S.randn([3, 4], 'transposed'), 0]),
    S.call(name, [S.randn([2, 3], 'strided'), S.float(0.25)]),
    S.call(name, [S.randn([5], 'offset'), 1]),
    S.call(name, [S.randn([]), 0]),
    S.call(name, [S.randn([0, 2]), 0]),
    S.call(name, [S.ints([2, 3]), 2]),
    S.call(name, [S.ints([2, 3]), S.float(1.5)]),
    S.call(name, [S.t([2, 3], { dtype: 'float64' }), S.float(-0.5)]),
    S.call(name, [S.of([Number.NaN, 1, -Infinity, Infinity]), S.float(0.5)]),
    S.call(T, [S.randn([2, 3]), S.randn([3])]),
    S.call(T, [S.randn([2, 3], 'transposed'), S.randn([2, 3], 'strided')]),
    S.call(T, [S.randn([3]), S.randn([2, 3])]),
    S.call(T, [S.ints([2, 3]), S.randn([3])]),
    S.call(T, [S.ints([2, 3]), S.ints([], -1, 2, 'int32')]),
    S.error(
      T,
      [S.randn([2, 3]), S.randn([4])],
      'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1',
    ),
    S.call(`${name}_`, [S.randn([3, 2], 'transposed'), S.float(0.5)]),
    S.call(`${name}_.Tensor`, [S.randn([2, 3]), S.randn([3])]),
    S.call(`${name}.out`, [S.randn([2, 3]), 0], { out: S.randn([2, 3]) }),
    S.call(`${name}.Tensor_out`, [S.randn([2, 3]), S.randn([3])], { out: S.randn([0]) }),
  ];
}
