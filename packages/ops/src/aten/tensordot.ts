import { defineOp } from '../core/define-op.js';
import { normalizeDim } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { TensorLike } from '../core/tensor-like.js';
import { einsumCompute } from '../groups/einsum.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The einsum equation of a tensordot: contracted dims share labels, the free dims keep their order. */
function tensordotEquation(na: number, nb: number, dimsA: readonly number[], dimsB: readonly number[]): string {
  const a = Array.from({ length: na }, (_, i) => LETTERS[i]);
  const b = Array.from({ length: nb }, (_, i) => LETTERS[na + i]);
  dimsA.forEach((d, i) => {
    b[dimsB[i]] = a[d];
  });
  const freeA = a.filter((_, i) => !dimsA.includes(i));
  const freeB = b.filter((_, i) => !dimsB.includes(i));
  return `${a.join('')},${b.join('')}->${freeA.join('')}${freeB.join('')}`;
}

export const tensordot = defineOp({
  schemas: [
    'aten::tensordot(Tensor self, Tensor other, int[] dims_self, int[] dims_other) -> Tensor',
    'aten::tensordot.out(Tensor self, Tensor other, int[] dims_self, int[] dims_other, *, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const a = args.self as TensorLike;
    const b = args.other as TensorLike;
    const ds = (Array.isArray(args.dims_self) ? args.dims_self : [args.dims_self]) as number[];
    const dt = (Array.isArray(args.dims_other) ? args.dims_other : [args.dims_other]) as number[];
    if (ds.length !== dt.length) throw new OpError('both dimension lists should have same length');
    const da = ds.map((d) => normalizeDim(d, a.sizes.length));
    const db = dt.map((d) => normalizeDim(d, b.sizes.length));
    da.forEach((d, i) => {
      if (a.sizes[d] !== b.sizes[db[i]]) {
        throw new OpError(
          `contracted dimensions need to match, but first has size ${a.sizes[d]} in dim ${d} and second has size ${b.sizes[db[i]]} in dim ${db[i]}`,
        );
      }
    });
    if (a.sizes.length + b.sizes.length > LETTERS.length) throw new OpError('tensordot: too many dimensions');
    return einsumCompute(ctx, tensordotEquation(a.sizes.length, b.sizes.length, da, db), [a, b]);
  },
  derivative: (F, { grad, self, other, dims_self, dims_other }) => {
    const na = (F.sizes(self) as number[]).length;
    const nb = (F.sizes(other) as number[]).length;
    const norm = (d: number, n: number) => (d < 0 ? d + n : d);
    const da = (Array.isArray(dims_self) ? dims_self : [dims_self]).map((d: number) => norm(d, na));
    const db = (Array.isArray(dims_other) ? dims_other : [dims_other]).map((d: number) => norm(d, nb));
    const eq = tensordotEquation(na, nb, da, db);
    const [lhs, out] = eq.split('->');
    const [la, lb] = lhs.split(',');
    return {
      self: F.einsum(`${out},${lb}->${la}`, [grad, other]),
      other: F.einsum(`${out},${la}->${lb}`, [grad, self]),
    };
  },
  samples: (S) => [
    S.call('tensordot', [S.randn([2, 3]), S.randn([3, 4]), [1], [0]]),
    S.call('tensordot', [S.randn([2, 3, 4]), S.randn([4, 3, 2]), [1, 2], [1, 0]]),
    S.call('tensordot', [S.randn([2, 3], 'transposed'), S.randn([2, 3], 'strided'), [0, 1], [0, 1]]),
    S.call('tensordot', [S.randn([2, 3]), S.randn([2]), [], []]),
    S.call('tensordot', [S.randn([2, 3]), S.randn([3, 2]), [-1], [-2]]),
    S.call('tensordot', [S.ints([2, 3]), S.ints([3, 2]), [1], [0]]),
    S.call('tensordot.out', [S.randn([2, 3]), S.randn([3, 4]), [1], [0]], { out: S.randn([2, 4]) }),
    S.error(
      'tensordot',
      [S.randn([2, 3]), S.randn([4, 3]), [1], [0]],
      'contracted dimensions need to match, but first has size 3 in dim 1 and second has size 4 in dim 0',
    ),
    S.error(
      'tensordot',
      [S.randn([2, 3]), S.randn([4, 3]), [1], [0, 1]],
      'both dimension lists should have same length',
    ),
    S.error(
      'tensordot',
      [S.randn([2, 3]), S.t([3, 3], { dtype: 'float64' }), [1], [0]],
      'expected scalar type Float but found Double',
    ),
  ],
});
