import { type DerivativeRule, defineOp } from '../core/define-op.js';
import type { Sample, SampleBuilder } from '../core/samples.js';
import { advancedIndexPut, cloneOf } from '../groups/indexing.js';

/** self: the gradient outside the written places (all of it when accumulating); values: the written places. */
export const indexPutDerivative: DerivativeRule = (F, { grad, indices, values, accumulate }) => ({
  self: accumulate ? grad : F.indexPut(grad, indices, F.zerosLike(values), false),
  values: F.sumTo(F.index(grad, indices), F.sizes(values)),
});

/** x[indices] = values (accumulate: +=) with PyTorch's advanced indexing (see groups/indexing.ts). */
export const indexPut = defineOp({
  schemas: [
    'aten::index_put(Tensor self, Tensor?[] indices, Tensor values, bool accumulate=False) -> Tensor',
    'aten::index_put_(Tensor(a!) self, Tensor?[] indices, Tensor values, bool accumulate=False) -> Tensor(a!)',
    'aten::index_put_.hacked_twin(Tensor(a!) self, Tensor[] indices, Tensor values, bool accumulate=False) -> Tensor(a!)',
    'aten::index_put.out(Tensor self, Tensor?[] indices, Tensor values, bool accumulate=False, *, Tensor(a!) out) -> Tensor(a!)',
    'aten::index_put.hacked_twin(Tensor self, Tensor[] indices, Tensor values, bool accumulate=False) -> Tensor',
  ],
  impl: {
    index_put: (args, ctx) =>
      advancedIndexPut(ctx, cloneOf(ctx, args.self), args.indices, args.values, args.accumulate),
    hacked_twin: (args, ctx) =>
      advancedIndexPut(ctx, cloneOf(ctx, args.self), args.indices, args.values, args.accumulate),
    index_put_: (args, ctx) => advancedIndexPut(ctx, args.self, args.indices, args.values, args.accumulate),
    'index_put_.hacked_twin': (args, ctx) =>
      advancedIndexPut(ctx, args.self, args.indices, args.values, args.accumulate),
  },
  derivative: indexPutDerivative,
  samples: (S) => indexPutSamples(S, 'index_put'),
});

/** Samples shared with _index_put_impl (`name` is the functional base name). */
export function indexPutSamples(S: SampleBuilder, name: string): Sample[] {
  const ix = (values: number[], sizes: number[] = [values.length]) => S.of(values, sizes, 'int64');
  const mask = (values: boolean[]) => S.of(values, [values.length], 'bool');
  return [
    S.call(name, [S.randn([3, 4]), [ix([2, 0])], S.randn([2, 4])]),
    S.call(name, [S.randn([3, 4]), [ix([2, 0, 2])], S.randn([4])], { accumulate: true }),
    S.call(name, [S.randn([3, 4], 'transposed'), [null, ix([3, -1])], S.randn([3, 2])], undefined, {
      noGradcheck: 'indices 3 and -1 are the same column without accumulate: PyTorch gives both values the gradient',
    }),
    S.call(name, [S.randn([3, 4], 'strided'), [ix([0, 2]), ix([1, 3])], S.randn([])]),
    S.call(name, [S.randn([2, 3, 4]), [ix([1, 0]), null, ix([3, 2])], S.randn([2, 3])]),
    S.call(name, [S.randn([2, 3, 4]), [ix([1, 1]), null, ix([3, 3])], S.randn([2, 1])], { accumulate: true }),
    S.call(name, [S.randn([3, 4]), [mask([true, false, true])], S.randn([1, 4])]),
    S.call(name, [S.randn([3, 4], 'offset'), [null, mask([true, false, true, false])], S.randn([3, 2])]),
    S.call(name, [S.ints([3, 4]), [ix([1, 1, 2])], S.ints([3, 4])], { accumulate: true }),
    S.call(name, [S.t([2, 2], { dtype: 'float64' }), [ix([], [0])], S.t([], { dtype: 'float64' })]),
    S.call(name, [S.bools([4]), [ix([1, 3])], S.bools([2])]),
    S.call(name, [S.t([4], { dtype: 'float16' }), [ix([1, 1])], S.t([2], { dtype: 'float16' })], { accumulate: true }),
    S.error(name, [S.randn([3, 4]), [ix([3])], S.randn([4])], 'index 3 is out of bounds for dimension 0 with size 3'),
    S.error(
      name,
      [S.randn([3, 4]), [ix([1])], S.randn([3])],
      'shape mismatch: value tensor of shape [3] cannot be broadcast to indexing result of shape [1, 4]',
    ),
    S.error(
      name,
      [S.randn([3, 4]), [ix([1])], S.t([4], { dtype: 'float64' })],
      'Index put requires the source and destination dtypes match, got Float for the destination and Double for the source.',
    ),
    S.error(
      name,
      [S.randn([3, 4]), [null, null, ix([0])], S.randn([])],
      'too many indices for tensor of dimension 2 (got 3)',
    ),
    S.call(`${name}_`, [S.randn([3, 4]), [ix([1, 2])], S.randn([2, 4])]),
    S.call(`${name}_`, [S.randn([3, 4], 'transposed'), [null, ix([0, 0])], S.randn([3, 1])], { accumulate: true }),
    S.call(`${name}.out`, [S.randn([3, 4]), [ix([2])], S.randn([4])], { out: S.randn([0]) }),
  ];
}
