/** Sample sets of the pooling ops, per spatial rank. */
import type { Sample, SampleBuilder } from '../core/samples.js';

function shape(nd: number, batch: number[], spatial: number): number[] {
  return [...batch, ...new Array<number>(nd).fill(spatial)];
}

/** max_pool{nd}d and max_pool{nd}d_with_indices: (self, kernel_size, stride, padding, dilation, ceil_mode). */
export function maxPoolSamples(S: SampleBuilder, overload: string, nd: number): Sample[] {
  const k = (v: number) => new Array<number>(nd).fill(v);
  return [
    S.call(overload, [S.randn(shape(nd, [1, 2], 4)), k(2)]),
    S.call(overload, [S.randn(shape(nd, [2, 1], 5)), k(3), k(2), k(1)]),
    S.call(overload, [S.randn(shape(nd, [1, 1], 5)), k(2), k(1), k(1), k(2)]),
    S.call(overload, [S.randn(shape(nd, [1, 1], 5)), k(2), k(2), k(0), k(1), true]),
    S.call(overload, [S.randn(shape(nd, [2], 4)), k(2), k(1)]),
    S.call(overload, [S.randn(shape(nd, [2, 2], 3), 'transposed'), k(2), k(1)]),
    S.call(overload, [S.t(shape(nd, [1, 2], 3), { dtype: 'float64' }), k(2)], { stride: k(1), ceil_mode: true }),
    S.call(overload, [S.randn(shape(nd, [0, 2], 3)), k(2)]),
    S.error(overload, [S.randn(shape(nd, [1, 1], 4)), k(2), k(1), k(2)], 'should be at most half of kernel size'),
    ...(overload === 'max_pool1d'
      ? [
          S.call(overload, [S.randn(shape(nd, [1, 1], 2)), k(3)]),
          S.error(
            overload,
            [S.randn(shape(nd, [1, 1], 4)), k(0), k(1)],
            'max_pool1d() kernel_size must be greater than zero',
          ),
          S.error(
            overload,
            [S.randn(shape(nd, [1, 1], 4)), k(2), k(0)],
            'max_pool1d() stride must be greater than zero',
          ),
          S.error(overload, [S.randn([3]), k(2)], 'Expected 2D or 3D (batch mode) tensor'),
        ]
      : [
          S.error(overload, [S.randn(shape(nd, [1, 1], 2)), k(3)], 'Output size is too small'),
          S.error(overload, [S.randn(shape(nd, [1, 1], 4)), k(0), k(1)], 'kernel size should be greater than zero'),
        ]),
  ];
}

/** avg_pool{nd}d: (self, kernel_size, stride, padding, ceil_mode, count_include_pad[, divisor_override]). */
export function avgPoolSamples(S: SampleBuilder, overload: string, nd: number, divisor: boolean): Sample[] {
  const k = (v: number) => new Array<number>(nd).fill(v);
  const samples = [
    S.call(overload, [S.randn(shape(nd, [1, 2], 4)), k(2)]),
    S.call(overload, [S.randn(shape(nd, [2, 1], 5)), k(3), k(2), k(1)]),
    S.call(overload, [S.randn(shape(nd, [1, 1], 5)), k(3), k(2), k(1), false, false]),
    S.call(overload, [S.randn(shape(nd, [1, 1], 5)), k(2), k(2), k(1), true, true]),
    S.call(overload, [S.randn(shape(nd, [1, 1], 5)), k(2), k(2), k(1), true, false]),
    S.call(overload, [S.randn(shape(nd, [2], 4)), k(2), k(1)]),
    S.call(overload, [S.randn(shape(nd, [2, 2], 3), 'strided'), k(2), k(1)]),
    S.call(overload, [S.t(shape(nd, [1, 2], 3), { dtype: 'float64' }), k(2), k(1)]),
    S.error(overload, [S.randn(shape(nd, [1, 1], 4)), k(2), k(1), k(2)], 'pad should be at most half of kernel size'),
    nd === 3
      ? S.error(
          overload,
          [S.randn(shape(nd, [1, 1], 2)), k(3)],
          'input image (T: 2 H: 2 W: 2) smaller than kernel size',
        )
      : S.error(overload, [S.randn(shape(nd, [1, 1], 2)), k(3)], 'Output size is too small'),
  ];
  if (divisor) {
    samples.push(S.call(overload, [S.randn(shape(nd, [1, 2], 4)), k(2), k(1), k(1), false, true, 3]));
    samples.push(S.call(overload, [S.randn(shape(nd, [1, 1], 5)), k(2), k(2), k(1), true], { divisor_override: 2 }));
    samples.push(S.call(overload, [S.ints(shape(nd, [1, 1], 4)), k(2)]));
  }
  return samples;
}

/** adaptive pools: (self, output_size). */
export function adaptiveSamples(S: SampleBuilder, overload: string, nd: number): Sample[] {
  const o = (...v: number[]) => (v.length === 1 ? new Array<number>(nd).fill(v[0]) : v.slice(0, nd));
  return [
    S.call(overload, [S.randn(shape(nd, [1, 2], 5)), o(3)]),
    S.call(overload, [S.randn(shape(nd, [2, 1], 4)), o(2)]),
    S.call(overload, [S.randn(shape(nd, [1, 1], 3)), o(5)]),
    S.call(overload, [S.randn(shape(nd, [2], 4)), o(1)]),
    S.call(overload, [S.randn(shape(nd, [2, 2], 3), 'transposed'), o(2)]),
    S.call(overload, [S.t(shape(nd, [1, 1], 4), { dtype: 'float64' }), o(3)]),
    S.call(overload, [S.randn(shape(nd, [0, 2], 3)), o(2)]),
    overload.includes('max') || nd === 3
      ? S.error(
          overload,
          [S.randn(shape(nd, [2, 0], 3)), o(2)],
          'Expected input to have non-zero size for non-batch dimensions',
        )
      : S.call(overload, [S.randn(shape(nd, [2, 0], 3)), o(2)]),
    S.error(overload, [S.randn(shape(nd, [1, 1], 3)), [...o(2), 2]], 'output_size'),
  ];
}
