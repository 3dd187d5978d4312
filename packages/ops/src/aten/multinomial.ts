import { defineOp } from '../core/define-op.js';
import { isFloatingDtype } from '../core/dtypes.js';
import { generatorOf } from '../core/generator.js';
import { readNumbers } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { TensorLike } from '../core/tensor-like.js';
import { tensorOfValues } from '../groups/factory.js';

/**
 * PyTorch 1.13's CPU multinomial. Without replacement: the Gumbel trick,
 * top-k of p / q with q ~ Exp(1) drawn by exponential_ over the whole input; with replacement:
 * per row, a uniform double per sample located by binary search in the normalised cumulative
 * distribution. Same draws as PyTorch under the same seed.
 */
export const multinomial = defineOp({
  schemas: [
    'aten::multinomial(Tensor self, int num_samples, bool replacement=False, *, Generator? generator=None) -> Tensor',
    'aten::multinomial.out(Tensor self, int num_samples, bool replacement=False, *, Generator? generator=None, Tensor(a!) out) -> Tensor(a!)',
  ],
  impl: (args, ctx) => {
    const self = args.self as TensorLike;
    const n = args.num_samples as number;
    const nd = self.sizes.length;
    if (nd !== 1 && nd !== 2) throw new OpError('prob_dist must be 1 or 2 dim');
    if (!isFloatingDtype(self.dtype)) {
      throw new OpError(`multinomial only supports floating-point dtypes for input, got: ${self.dtype}`);
    }
    if (n <= 0) throw new OpError('cannot sample n_sample <= 0 samples');
    const categories = self.sizes[nd - 1];
    if (!args.replacement && n > categories) {
      throw new OpError('cannot sample n_sample > prob_dist.size(-1) samples without replacement');
    }
    const rows = nd === 1 ? 1 : self.sizes[0];
    const p = readNumbers(ctx, self);
    const gen = generatorOf(args.generator);
    const single = self.dtype !== 'float64';
    const r = single ? Math.fround : (x: number) => x;
    const out = new Float64Array(rows * n);
    if (!args.replacement) {
      if (!p.every((x) => x >= 0 && x < Number.POSITIVE_INFINITY)) {
        throw new OpError('probability tensor contains either `inf`, `nan` or element < 0');
      }
      for (let i = 0; i < rows; i++) {
        if (p.slice(i * categories, (i + 1) * categories).every((x) => x === 0)) {
          throw new OpError('invalid multinomial distribution (sum of probabilities <= 0)');
        }
      }
      const q = p.map((x) => x / r(-Math.log1p(-gen.uniformDouble())));
      for (let i = 0; i < rows; i++) {
        const row = q.slice(i * categories, (i + 1) * categories).map((v) => r(v));
        const order = row.map((_, j) => j).sort((a, b) => row[b] - row[a] || a - b);
        for (let j = 0; j < n; j++) out[i * n + j] = order[j];
      }
    } else {
      for (let i = 0; i < rows; i++) {
        const cum = new Float64Array(categories);
        let sum = 0;
        for (let j = 0; j < categories; j++) {
          const v = p[i * categories + j];
          if (!(v >= 0)) throw new OpError('invalid multinomial distribution (encountering probability entry < 0)');
          if (!Number.isFinite(v)) {
            throw new OpError('invalid multinomial distribution (encountering probability entry = infinity or NaN)');
          }
          sum = r(sum + v);
          cum[j] = sum;
        }
        if (!(sum > 0)) throw new OpError('invalid multinomial distribution (sum of probabilities <= 0)');
        for (let j = 0; j < categories; j++) cum[j] = r(cum[j] / sum);
        for (let j = 0; j < n; j++) {
          const u = gen.uniformDouble();
          let left = 0;
          let right = categories;
          while (right - left > 0) {
            const mid = left + Math.floor((right - left) / 2);
            if (cum[mid] < u) left = mid + 1;
            else right = mid;
          }
          out[i * n + j] = left;
        }
      }
    }
    return tensorOfValues(ctx, nd === 1 ? [n] : [rows, n], 'int64', out);
  },
  meta: (args) => ({
    sizes: args.self.sizes.length === 1 ? [args.num_samples] : [args.self.sizes[0], args.num_samples],
    dtype: 'int64',
  }),
  nondifferentiable: 'random integer indices',
  samples: (S) => [
    S.call('multinomial', [S.of([0.1, 0.2, 0.7]), 2], undefined, { check: 'meta' }),
    S.call('multinomial', [S.of([0.1, 0.2, 0.7]), 5, true], undefined, { check: 'meta' }),
    S.call('multinomial', [S.t([2, 4], { low: 0, high: 1 }), 3], undefined, { check: 'meta' }),
    S.call('multinomial', [S.t([2, 4], { low: 0, high: 1, dtype: 'float64' }), 6, true], undefined, { check: 'meta' }),
    S.call('multinomial', [S.of([0, 0, 5, 0]), 1]),
    S.call('multinomial', [S.of([0, 3, 0]), 4, true]),
    S.call('multinomial.out', [S.of([1, 1]), 2], { out: S.ints([1]) }, { check: 'meta' }),
    S.error(
      'multinomial',
      [S.of([0.5, 0.5]), 3],
      'cannot sample n_sample > prob_dist.size(-1) samples without replacement',
    ),
    S.error('multinomial', [S.of([0.5, 0.5]), 0], 'cannot sample n_sample <= 0 samples'),
    S.error('multinomial', [S.t([2, 2, 2], { low: 0, high: 1 }), 1], 'prob_dist must be 1 or 2 dim'),
    S.error('multinomial', [S.of([0, 0]), 1], 'invalid multinomial distribution (sum of probabilities <= 0)'),
    S.error('multinomial', [S.of([-1, 2]), 1], 'probability tensor contains either `inf`, `nan` or element < 0'),
    S.error(
      'multinomial',
      [S.of([-1, 2]), 2, true],
      'invalid multinomial distribution (encountering probability entry < 0)',
    ),
  ],
});
