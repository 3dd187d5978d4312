import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { sameSizes } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import { checkDevice, convertCopy, optionalDtype } from '../groups/conversion.js';

/** A new tensor with self's values (optionally in another dtype / memory format); never an alias. */
export const toCopy = defineOp({
  schemas: [
    'aten::_to_copy(Tensor self, *, ScalarType? dtype=None, Layout? layout=None, Device? device=None, bool? pin_memory=None, bool non_blocking=False, MemoryFormat? memory_format=None) -> Tensor',
    'aten::_to_copy.out(Tensor self, *, bool non_blocking=False, MemoryFormat? memory_format=None, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: {
    _to_copy: (args, ctx) => {
      if (args.layout !== null && args.layout !== 0 && args.layout !== 'strided') {
        throw new OpError(`_to_copy: layout ${String(args.layout)} is not supported`);
      }
      checkDevice(args.device);
      return convertCopy(ctx, args.self, optionalDtype(args.dtype) ?? args.self.dtype, args.memory_format);
    },
    out: (args, ctx) => {
      if (!sameSizes(args.out.sizes, args.self.sizes)) ctx.resize(args.out, args.self.sizes);
      K.copy(args.out, args.self);
      ctx.bumpVersion(args.out);
      return args.out;
    },
  },
  derivative: (F, { grad, self }) => ({ self: F.typeAs(grad, self) }),
  samples: (S) => [
    S.call('_to_copy', [S.randn([2, 3])]),
    S.call('_to_copy', [S.randn([2, 3], 'transposed')], { dtype: 4 }),
    S.call('_to_copy', [S.ints([3])], { dtype: 5, device: 'cpu' }),
    S.call('_to_copy', [S.randn([])], { dtype: 11 }),
    S.call('_to_copy', [S.randn([1, 2, 2, 2])], { memory_format: 2 }),
    S.call('_to_copy.out', [S.ints([2, 3])], { out: S.t([2], { dtype: 'float64' }) }),
  ],
});
