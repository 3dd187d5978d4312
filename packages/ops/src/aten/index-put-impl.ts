import { defineOp } from '../core/define-op.js';
import { advancedIndexPut, cloneOf } from '../groups/indexing.js';
import { indexPutDerivative, indexPutSamples } from './index-put.js';

/** The implementation op behind index_put_ (`unsafe` skips checks PyTorch can skip; we always check). */
export const indexPutImpl = defineOp({
  schemas: [
    'aten::_index_put_impl(Tensor self, Tensor?[] indices, Tensor values, bool accumulate=False, bool unsafe=False) -> Tensor',
    'aten::_index_put_impl_(Tensor(a!) self, Tensor?[] indices, Tensor values, bool accumulate=False, bool unsafe=False) -> Tensor(a!)',
    'aten::_index_put_impl_.hacked_twin(Tensor(a!) self, Tensor[] indices, Tensor values, bool accumulate=False, bool unsafe=False) -> Tensor(a!)',
    'aten::_index_put_impl.out(Tensor self, Tensor?[] indices, Tensor values, bool accumulate=False, bool unsafe=False, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    _index_put_impl: (args, ctx) =>
      advancedIndexPut(ctx, cloneOf(ctx, args.self), args.indices, args.values, args.accumulate),
    _index_put_impl_: (args, ctx) => advancedIndexPut(ctx, args.self, args.indices, args.values, args.accumulate),
    '_index_put_impl_.hacked_twin': (args, ctx) =>
      advancedIndexPut(ctx, args.self, args.indices, args.values, args.accumulate),
  },
  derivative: indexPutDerivative,
  samples: (S) => indexPutSamples(S, '_index_put_impl'),
});
