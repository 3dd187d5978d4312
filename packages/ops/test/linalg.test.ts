/**
 * Linalg beyond the goldens: einsum against a naive reference over random equations (repeated
 * labels, broadcasting size-1 dims, implicit outputs, several operands), the einsum equation
 * parser on arbitrary strings (a typed error or a plan, never a crash), matmul against a naive
 * batched product over random broadcast shapes, and exact integer products.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { einsumGradients, planEinsum } from '../src/groups/einsum.js';
import {
  allOps,
  OpError,
  OpRegistry,
  plainContext,
  type TensorLike,
  tensorFromValues,
  tensorValues,
} from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);
const F = ctx.F;
const values = (t: TensorLike) => tensorValues(ctx, t);

function strides(sizes: readonly number[]): number[] {
  const s = new Array<number>(sizes.length);
  let acc = 1;
  for (let i = sizes.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= sizes[i];
  }
  return s;
}

/** Sum over every assignment of the labels of the product of the operands' entries. */
function naiveEinsum(
  inputs: string[],
  output: string,
  sizes: Map<string, number>,
  operands: { sizes: number[]; data: number[] }[],
): number[] {
  const labels = [...sizes.keys()];
  const outSizes = [...output].map((l) => sizes.get(l) as number);
  const out = new Array<number>(outSizes.reduce((a, b) => a * b, 1)).fill(0);
  const outStrides = strides(outSizes);
  const idx = new Map<string, number>(labels.map((l) => [l, 0]));
  const total = labels.reduce((a, l) => a * (sizes.get(l) as number), 1);
  for (let n = 0; n < total; n++) {
    let rem = n;
    for (const l of labels) {
      const s = sizes.get(l) as number;
      idx.set(l, rem % s);
      rem = Math.floor(rem / s);
    }
    let prod = 1;
    inputs.forEach((term, k) => {
      const op = operands[k];
      const st = strides(op.sizes);
      let at = 0;
      [...term].forEach((l, d) => {
        at += (op.sizes[d] === 1 ? 0 : (idx.get(l) as number)) * st[d];
      });
      prod *= op.data[at];
    });
    let o = 0;
    [...output].forEach((l, d) => {
      o += (idx.get(l) as number) * outStrides[d];
    });
    out[o] += prod;
  }
  return out;
}

const LETTERS = 'abcde';

describe('einsum', () => {
  it('matches a naive reference on random equations', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...LETTERS), { maxLength: 3 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 5, maxLength: 5 }),
        fc.boolean(),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.boolean(),
        (terms, labelSizes, explicit, ones, reverse) => {
          const sizes = new Map<string, number>();
          for (const t of terms) for (const l of t) sizes.set(l, labelSizes[LETTERS.indexOf(l)]);
          const all = [...sizes.keys()].sort();
          const counts = new Map<string, number>();
          for (const t of terms) for (const l of t) counts.set(l, (counts.get(l) ?? 0) + 1);
          const implicit = all.filter((l) => counts.get(l) === 1);
          let output = explicit ? all.filter((_, i) => i % 2 === 0) : implicit;
          if (explicit && reverse) output = [...output].reverse();
          let bit = 0;
          const operands = terms.map((t) => {
            // Some dims of size-n labels are given as size 1 (broadcast), unless the label repeats in the term.
            const dims = t.map((l) => {
              const n = sizes.get(l) as number;
              const repeated = t.filter((x) => x === l).length > 1;
              return !repeated && n > 1 && ones[bit++ % ones.length] ? 1 : n;
            });
            const count = dims.reduce((a, b) => a * b, 1);
            const data = Array.from({ length: count }, (_, i) => ((i * 7 + t.length * 3) % 11) - 5);
            return { sizes: dims, data };
          });
          // A label's size is the largest of its dims (a label given only as size 1 has size 1).
          for (const l of sizes.keys()) {
            let n = 1;
            terms.forEach((t, k) => {
              t.forEach((x, d) => {
                if (x === l) n = Math.max(n, operands[k].sizes[d]);
              });
            });
            sizes.set(l, n);
          }
          const eq = `${terms.map((t) => t.join('')).join(',')}${explicit ? `->${output.join('')}` : ''}`;
          const tensors = operands.map((o) => tensorFromValues(ctx, o.data, o.sizes, 'float64'));
          const r = F.einsum(eq, tensors);
          const want = naiveEinsum(
            terms.map((t) => t.join('')),
            output.join(''),
            sizes,
            operands,
          );
          expect([...r.sizes]).toEqual(output.map((l) => sizes.get(l)));
          const got = values(r);
          got.forEach((v, i) => {
            expect(v).toBeCloseTo(want[i], 9);
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('handles ellipses against explicit labels', () => {
    const a = tensorFromValues(ctx, [1, 2, 3, 4, 5, 6, 7, 8], [2, 2, 2], 'float32');
    const b = tensorFromValues(ctx, [1, 0, 0, 1], [2, 2], 'float32');
    expect(values(F.einsum('...ij,jk->...ik', [a, b]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(values(F.einsum('i...->...', [a]))).toEqual([6, 8, 10, 12]);
  });

  it('parses any string into a plan or a typed error', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('i', 'j', 'k', 'Z', '.', ',', '-', '>', ' ', '1', '…'), maxLength: 16 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }),
        (eq, dims) => {
          try {
            const plan = planEinsum(eq, dims);
            expect(plan.inputs.length).toBe(dims.length);
            plan.inputs.forEach((labels, k) => {
              expect(labels.length).toBe(dims[k]);
            });
          } catch (e) {
            expect(OpError.isInstance(e)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

function naiveMatmul(a: { sizes: number[]; data: number[] }, b: { sizes: number[]; data: number[] }) {
  // Both at least 2-d here; batch dims broadcast.
  const [n, k] = a.sizes.slice(-2);
  const m = b.sizes[b.sizes.length - 1];
  const ba = a.sizes.slice(0, -2);
  const bb = b.sizes.slice(0, -2);
  const nd = Math.max(ba.length, bb.length);
  const pa = [...new Array(nd - ba.length).fill(1), ...ba];
  const pb = [...new Array(nd - bb.length).fill(1), ...bb];
  const batch = pa.map((s, i) => Math.max(s, pb[i]));
  const B = batch.reduce((x, y) => x * y, 1);
  const out: number[] = [];
  for (let q = 0; q < B; q++) {
    let rem = q;
    let ia = 0;
    let ib = 0;
    let sa = n * k;
    let sb = k * m;
    for (let d = nd - 1; d >= 0; d--) {
      const i = rem % batch[d];
      rem = Math.floor(rem / batch[d]);
      ia += (pa[d] === 1 ? 0 : i) * sa;
      ib += (pb[d] === 1 ? 0 : i) * sb;
      sa *= pa[d];
      sb *= pb[d];
    }
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < m; c++) {
        let s = 0;
        for (let j = 0; j < k; j++) s += a.data[ia + r * k + j] * b.data[ib + j * m + c];
        out.push(s);
      }
    }
  }
  return { sizes: [...batch, n, m], data: out };
}

describe('matmul', () => {
  it('matches a naive batched product over broadcast shapes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
        fc.array(fc.boolean(), { maxLength: 2 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        (batch, squash, dropB, n, k, m) => {
          const ba = batch;
          const bb = batch.slice(dropB).map((s, i) => (squash[i] ? 1 : s));
          const mk = (sizes: number[]) => ({
            sizes,
            data: Array.from({ length: sizes.reduce((x, y) => x * y, 1) }, (_, i) => ((i * 5) % 9) - 4),
          });
          const a = mk([...ba, n, k]);
          const b = mk([...bb, k, m]);
          const want = naiveMatmul(a, b);
          const r = F.matmul(
            tensorFromValues(ctx, a.data, a.sizes, 'float64'),
            tensorFromValues(ctx, b.data, b.sizes, 'float64'),
          );
          expect([...r.sizes]).toEqual(want.sizes);
          expect(values(r)).toEqual(want.data);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('multiplies int64 matrices exactly', () => {
    const a = tensorFromValues(ctx, [2 ** 20, 3, -(2 ** 21), 5], [2, 2], 'int64');
    const b = tensorFromValues(ctx, [2 ** 21, 1, 7, -(2 ** 20)], [2, 2], 'int64');
    const r = F.mm(a, b);
    expect(r.dtype).toBe('int64');
    expect(values(r)).toEqual([2 ** 41 + 21, 2 ** 20 - 3 * 2 ** 20, -(2 ** 42) + 35, -(2 ** 21) - 5 * 2 ** 20]);
  });
});

describe('einsum derivative rule', () => {
  // Rules with no broadcasting need only einsum, eye and ones (F.sumTo is then the identity).
  const equations: [string, number[][]][] = [
    [
      'ij,jk->ik',
      [
        [2, 3],
        [3, 2],
      ],
    ],
    ['ii->i', [[3, 3]]],
    [
      'iij,jk->ik',
      [
        [2, 2, 3],
        [3, 2],
      ],
    ],
    ['ij->', [[2, 3]]],
    ['i,j->ij', [[2], [3]]],
    ['ij->j', [[2, 3]]],
    [
      'bij,bjk->bik',
      [
        [2, 2, 3],
        [2, 3, 2],
      ],
    ],
    [
      '...ij,...jk->...ik',
      [
        [2, 2, 3],
        [2, 3, 2],
      ],
    ],
    [
      'ijk,ikl,lm->jm',
      [
        [2, 3, 2],
        [2, 2, 3],
        [3, 2],
      ],
    ],
    ['iji->j', [[2, 3, 2]]],
  ];
  for (const [eq, shapes] of equations) {
    it(`matches finite differences for ${eq}`, () => {
      const data = shapes.map((s, k) =>
        Array.from({ length: s.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i * 1.3 + k) * 2),
      );
      const make = (d: number[][]) => d.map((v, k) => tensorFromValues(ctx, v, shapes[k], 'float64'));
      const out = F.einsum(eq, make(data));
      const w = Array.from({ length: Math.max(1, values(out).length) }, (_, i) => Math.cos(i * 0.7));
      const weight = tensorFromValues(ctx, w, [...out.sizes], 'float64');
      const loss = (d: number[][]) => values(F.einsum(eq, make(d))).reduce((a, v, i) => a + v * w[i], 0);
      const grads = einsumGradients(F, eq, make(data), weight);
      const eps = 1e-6;
      shapes.forEach((_, k) => {
        const g = values(grads[k]);
        expect([...grads[k].sizes]).toEqual(shapes[k]);
        data[k].forEach((x, i) => {
          const plus = data.map((v) => [...v]);
          const minus = data.map((v) => [...v]);
          plus[k][i] = x + eps;
          minus[k][i] = x - eps;
          const numeric = (loss(plus) - loss(minus)) / (2 * eps);
          expect(g[i]).toBeCloseTo(numeric, 5);
        });
      });
    });
  }
});
