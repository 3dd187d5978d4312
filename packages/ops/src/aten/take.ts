import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { cppDtypeName } from '../core/dtypes.js';
import { numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { withIndexErrors } from '../groups/indexing.js';

/** self read as flattened, at index (negative indices count from the end); result has index's sizes. */
export const take = defineOp({
  schemas: [
    'aten::take(Tensor self, Tensor index) -> Tensor',
    'aten::take.out(Tensor self, Tensor index, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const { self, index } = args;
    if (index.dtype !== 'int64') {
      throw new OpError(`take(): Expected a long tensor for index, but got ${cppDtypeName(index.dtype)}`);
    }
    const out = ctx.empty(index.sizes, self.dtype);
    const n = numel(self.sizes);
    withIndexErrors(
      () => K.take(out, self, index),
      'IndexError',
      (m) => {
        const bad = /index (-?\d+)/.exec(m)?.[1] ?? '?';
        return `out of range: tried to access index ${bad} on a tensor of ${n} elements.`;
      },
    );
    return out;
  },
  meta: (args) => ({ sizes: args.index.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad, self, index }) => {
    const total = F.sizes(self).reduce((a: number, b: number) => a * b, 1);
    const flat = F.indexPut(F.newZeros(grad, [total]), [F.reshape(index, [-1])], F.reshape(grad, [-1]), true);
    return { self: F.reshape(flat, F.sizes(self)) };
  },
  samples: (S) => {
    const ix = (values: number[], sizes: number[] = [values.length]) => S.of(values, sizes, 'int64');
    return [
      S.call('take', [S.randn([3, 4]), ix([0, 11, -1, -12, 5, 5], [2, 3])]),
      S.call('take', [S.randn([3, 4], 'transposed'), ix([1, 4, 7])]),
      S.call('take', [S.randn([3, 4], 'strided'), S.of([6], [], 'int64')]),
      S.call('take', [S.ints([2, 3], -5, 5, 'int32'), ix([5, 0])]),
      S.call('take', [S.randn([]), ix([0, -1])]),
      S.call('take', [S.randn([3]), ix([], [0, 2])]),
      S.error(
        'take',
        [S.randn([3, 4]), ix([0, 12])],
        'out of range: tried to access index 12 on a tensor of 12 elements.',
      ),
      S.error(
        'take',
        [S.randn([3, 4]), ix([0, -13])],
        'out of range: tried to access index -13 on a tensor of 12 elements.',
      ),
      S.error(
        'take',
        [S.randn([3, 4]), S.of([0, 1], [2], 'int32')],
        'take(): Expected a long tensor for index, but got Int',
      ),
      S.call('take.out', [S.randn([3, 4]), ix([3])], { out: S.randn([0]) }),
    ];
  },
});
