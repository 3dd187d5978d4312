import { defineOp } from '../core/define-op.js';
import { contiguousStrides } from '../core/helpers.js';
import { asStridedGeometry, intArg, intList, setGeometry, stridedExtent, viewOf } from '../groups/views.js';

const offsetArg = (v: unknown) => (v === null || v === undefined ? null : intArg(v));

export const asStrided = defineOp({
  schemas: [
    'aten::as_strided(Tensor(a) self, SymInt[] size, SymInt[] stride, SymInt? storage_offset=None) -> Tensor(a)',
    'aten::as_strided_(Tensor(a!) self, SymInt[] size, SymInt[] stride, SymInt? storage_offset=None) -> Tensor(a!)',
  ],
  impl: {
    as_strided: ({ self, size, stride, storage_offset }, ctx) =>
      viewOf(ctx, self, asStridedGeometry(self, intList(size), intList(stride), offsetArg(storage_offset))),
    as_strided_: ({ self, size, stride, storage_offset }, ctx) =>
      setGeometry(ctx, self, asStridedGeometry(self, intList(size), intList(stride), offsetArg(storage_offset))),
  },
  meta: ({ self, size }) => ({ sizes: intList(size), dtype: self.dtype }),
  // PyTorch's as_strided_backward for inputs that do not overlap themselves: every output element
  // adds its gradient at its storage position (windows may overlap), and each input element reads
  // the sum at its own position. Positions are relative to the lowest one used, so windows starting
  // before the input are fine. Needs the input's strides (contiguous when not known).
  derivative: (F, { grad, self, size, stride, storage_offset }) => {
    const inSizes: number[] = F.sizes(self);
    const inStrides: number[] = Array.isArray(self.strides) ? self.strides : contiguousStrides(inSizes);
    const selfOffset = typeof self.offset === 'number' ? self.offset : 0;
    const outSizes = intList(size);
    const outStrides = intList(stride);
    const rel = storage_offset === null || storage_offset === undefined ? 0 : intArg(storage_offset) - selfOffset;
    const shift = Math.max(0, -rel);
    const n = Math.max(shift + rel + stridedExtent(outSizes, outStrides), shift + stridedExtent(inSizes, inStrides), 1);
    const positions = F.asStrided(F.arange(n), outSizes, outStrides, shift + rel);
    const sums = F.indexPut(
      F.zeros([n], { dtype: grad.dtype }),
      [F.reshape(positions, [-1])],
      F.reshape(grad, [-1]),
      true,
    );
    return { self: F.asStrided(sums, inSizes, inStrides, shift) };
  },
  samples: (S) => [
    S.call('as_strided', [S.randn([3, 4]), [2, 2], [1, 2]]),
    S.call('as_strided', [S.randn([3, 4]), [3, 3], [4, 1], 1]),
    S.call('as_strided', [S.randn([3, 4]), [2, 3], [0, 1]]),
    S.call('as_strided', [S.randn([3, 4], 'transposed'), [4], [3]]),
    S.call('as_strided', [S.randn([6], 'offset'), [2, 3], [3, 1]]),
    S.call('as_strided', [S.randn([6], 'offset'), [2], [1], 0]),
    S.call('as_strided', [S.t([2, 3], { dtype: 'int64' }), [], []]),
    S.call('as_strided', [S.randn([4]), [0, 2], [1, 1], 10]),
    S.error('as_strided', [S.randn([2, 3]), [2], [1, 2]], 'mismatch in length of strides and shape'),
    S.error(
      'as_strided',
      [S.randn([2, 3]), [2], [-1]],
      'as_strided: Negative strides are not supported at the moment, got strides: [-1]',
    ),
    S.error('as_strided', [S.randn([2, 3]), [2], [1], -1], 'Tensor: invalid storage offset -1'),
    S.error(
      'as_strided',
      [S.randn([2, 3]), [10], [1]],
      'setStorage: sizes [10], strides [1], storage offset 0, and itemsize 4 requiring a storage size of 40 are out of bounds for storage of size 24',
    ),
    S.error(
      'as_strided',
      [S.randn([2, 3]), [2], [1], 5],
      'requiring a storage size of 28 are out of bounds for storage of size 24',
    ),
    S.call('as_strided_', [S.randn([3, 4]), [2, 2], [4, 1], 1]),
    S.call('as_strided_', [S.randn([2, 3]), [3], [2]]),
  ],
});
