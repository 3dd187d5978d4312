import * as K from '@tsjit/kernels';
import { defineOp } from '../core/define-op.js';
import { normalizeDim } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';

const list = (v: number | readonly number[]) => (Array.isArray(v) ? [...v] : [v as number]);

/** self with elements shifted along dims (wrapping); with no dims, shifted as flattened. */
export const roll = defineOp({
  schemas: [
    'aten::roll(Tensor self, int[1] shifts, int[1] dims=[]) -> Tensor',
    'aten::roll.out(Tensor self, int[1] shifts, int[1] dims=[], *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const self = args.self;
    const shifts = list(args.shifts);
    const dims = list(args.dims);
    if (shifts.length === 0) throw new OpError('`shifts` required');
    if (dims.length === 0 && shifts.length !== 1) {
      throw new OpError(`shifts and dimensions must align. shifts: ${shifts.length}, dims:0`);
    }
    if (dims.length !== 0 && shifts.length !== dims.length) {
      throw new OpError(`shifts and dimensions must align. shifts: ${shifts.length}, dims:${dims.length}`);
    }
    if (self.sizes.length === 0 && dims.length > 0) {
      throw new OpError(`Dimension specified as ${dims[0]} but tensor has no dimensions`, 'IndexError');
    }
    for (const d of dims) normalizeDim(d, self.sizes.length);
    const out = ctx.empty(self.sizes, self.dtype);
    K.roll(out, self, shifts, dims);
    return out;
  },
  meta: (args) => ({ sizes: args.self.sizes, dtype: args.self.dtype }),
  derivative: (F, { grad, shifts, dims }) => ({
    self: F.roll(
      grad,
      list(shifts).map((s) => -s),
      list(dims),
    ),
  }),
  samples: (S) => [
    S.call('roll', [S.randn([2, 3]), [1], [1]]),
    S.call('roll', [S.randn([2, 3], 'transposed'), [1, -4], [0, 1]]),
    S.call('roll', [S.randn([2, 3], 'strided'), [7]]),
    S.call('roll', [S.randn([2, 3, 2], 'offset'), [1, 1], [-1, -1]]),
    S.call('roll', [S.randn([2, 3]), 2, 1]),
    S.call('roll', [S.randn([]), [3]]),
    S.call('roll', [S.randn([0, 3]), [1], [0]]),
    S.call('roll', [S.ints([5]), [-2]]),
    S.call('roll', [S.bools([2, 2]), [1], [0]]),
    S.error('roll', [S.randn([2, 3]), [1, 2], [0]], 'shifts and dimensions must align. shifts: 2, dims:1'),
    S.error('roll', [S.randn([2, 3]), [], []], '`shifts` required'),
    S.error(
      'roll',
      [S.randn([2, 3]), [1], [3]],
      'Dimension out of range (expected to be in range of [-2, 1], but got 3)',
    ),
    S.error('roll', [S.randn([]), [1], [0]], 'Dimension specified as 0 but tensor has no dimensions'),
    S.call('roll.out', [S.randn([4]), [1]], { out: S.randn([0]) }),
  ],
});
