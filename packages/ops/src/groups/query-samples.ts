import type { Sample, SampleBuilder } from '../core/samples.js';

/** Tensors of every rank and layout, for ops that read metadata. */
export function querySamples(S: SampleBuilder, overload: string, extra: readonly (number | boolean)[] = []): Sample[] {
  return [
    S.call(overload, [S.randn([2, 3]), ...extra]),
    S.call(overload, [S.randn([4, 3], 'transposed'), ...extra]),
    S.call(overload, [S.randn([2, 3], 'strided'), ...extra]),
    S.call(overload, [S.t([5], { dtype: 'int64' }), ...extra]),
    S.call(overload, [S.t([0, 3], { dtype: 'bool' }), ...extra]),
    S.call(overload, [S.expand(S.randn([3]), [2, 3]), ...extra]),
  ];
}
