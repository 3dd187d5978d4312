/** cummax / cummin: running extremes along a dim with the int64 index of each. */
import type * as K from '@tsjit/kernels';
import type { ImplFn, MetaFn } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { checkHalf, oneDim } from './reduce.js';
import { scanSamples } from './scan.js';

type CumKernel = (values: K.Strided, indices: K.Strided, x: K.Strided, dim: number) => void;

export function cumExtreme(kernel: CumKernel, cpuName: string): ImplFn {
  return (args, ctx) => {
    const self = args.self;
    // PyTorch copies a 0-d input through without looking at dim.
    const d = self.sizes.length === 0 ? 0 : oneDim(args.dim, self.sizes.length);
    checkHalf(cpuName, self.dtype);
    const values = ctx.empty(self.sizes, self.dtype);
    const indices = ctx.empty(self.sizes, 'int64');
    kernel(values, indices, self, d);
    return [values, indices];
  };
}

export const cumExtremeMeta: MetaFn = (args) => [
  { sizes: args.self.sizes, dtype: args.self.dtype },
  { sizes: args.self.sizes, dtype: 'int64' },
];

export function cumExtremeSamples(S: SampleBuilder, name: 'cummax' | 'cummin'): Sample[] {
  const nan = Number.NaN;
  const base = scanSamples(S, name, { dtypes: ['float64', 'int64', 'int32', 'bool', 'uint8', 'bfloat16'] }).filter(
    (s) => s.overload !== `${name}.out` && !(s.error && s.args[1] === 1),
  );
  return [
    ...base,
    S.call(name, [S.of([1, 3, 3, 2, 5, 5, 0]), 0]),
    S.call(name, [S.randn([]), 5]),
    S.call(name, [S.of([1, nan, 3, 2, nan, 0]), 0]),
    S.call(name, [S.of([4, 4, 1, 1, 2, 2], [3, 2]), 0]),
    S.error(name, [S.t([3], { dtype: 'float16' }), 0], `"${name}_cpu" not implemented for 'Half'`),
    S.call(`${name}.out`, [S.randn([3, 4]), 1], { values: S.randn([3, 4]), indices: S.ints([3, 4]) }),
    S.call(`${name}.out`, [S.randn([3, 4]), 0], { values: S.randn([0]), indices: S.ints([0]) }),
    S.error(`${name}.out`, [S.randn([3]), 0], 'expected scalar_type Float but found Int', {
      values: S.ints([3], -5, 5, 'int32'),
      indices: S.ints([3]),
    }),
  ];
}
