/**
 * The reductions beyond their goldens: overload resolution through `F`, in-place and out= writes,
 * a reference check of sum / amax / argmax / cumsum over random shapes, dims and layouts, and
 * "a typed error or a result, never a crash" for every reduction under random arguments.
 */
import { KernelError } from '@tsjit/kernels';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allOps,
  FloatScalar,
  OpError,
  OpRegistry,
  type PlainTensor,
  plainContext,
  type TensorLike,
  tensorFromValues,
  tensorValues,
} from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);
const F = ctx.F;

function tensor(values: number[], sizes: number[], dtype: 'float32' | 'float64' | 'int64' | 'bool' = 'float32') {
  return tensorFromValues(ctx, values, sizes, dtype);
}
const values = (t: TensorLike) => tensorValues(ctx, t);

describe('overload resolution', () => {
  const x = tensor([1, 0, 3, 0, 5, 6], [2, 3]);

  it('takes a single int for an int[1] dim list (sum.dim_IntList)', () => {
    expect(values(F.sum(x, 1))).toEqual([4, 11]);
    expect(values(F.sum(x, [0, 1], true))).toEqual([15]);
    expect(F.sum(x, [0, 1], true).sizes).toEqual([1, 1]);
  });

  it('picks count_nonzero(int? dim) for an int and dim_IntList for a list', () => {
    expect(values(F.countNonzero(x, 1))).toEqual([2, 2]);
    expect(F.countNonzero(x, [0, 1]).sizes).toEqual([]);
    expect(values(F.countNonzero(x))).toEqual([4]);
  });

  it('tells max(), max.dim and max.other apart', () => {
    expect(values(F.max(x))).toEqual([6]);
    const [v, i] = F.max(x, 1);
    expect(values(v)).toEqual([3, 6]);
    expect(values(i)).toEqual([2, 2]);
    expect(values(F.max(x, tensor([2, 2, 2], [3])))).toEqual([2, 2, 3, 2, 5, 6]);
  });

  it('resolves sort.stable from its keyword', () => {
    const [v, i] = F.sort(tensor([2, 1, 2, 1], [4]), { stable: true, descending: true });
    expect(values(v)).toEqual([2, 2, 1, 1]);
    expect(values(i)).toEqual([0, 2, 1, 3]);
  });
});

describe('mutating overloads', () => {
  it('cumsum_ writes into self (keeping its dtype) and bumps its version', () => {
    const x = tensor([1, 2, 3, 4], [2, 2]) as PlainTensor;
    const before = x.version;
    const r = F.cumsum_(x, 1);
    expect(r).toBe(x);
    expect(values(x)).toEqual([1, 3, 3, 7]);
    expect(x.dtype).toBe('float32');
    expect(x.version).toBeGreaterThan(before);
  });

  it('sum.out resizes a wrongly sized out and returns it', () => {
    const out = tensor([], [0]);
    const r = F.sum(tensor([1, 2, 3, 4], [2, 2]), [1], { out });
    expect(r).toBe(out);
    expect(out.sizes).toEqual([2]);
    expect(values(out)).toEqual([3, 7]);
  });

  it('max.dim_max rejects an out of another dtype with PyTorch message', () => {
    const x = tensor([1, 2, 3, 4], [2, 2]);
    expect(() =>
      F.max(x, 1, { max: tensor([0, 0], [2], 'float64'), max_values: tensor([0, 0], [2], 'int64') }),
    ).toThrow('Expected out tensor to have dtype float, but got double instead');
  });
});

describe('the backward ops', () => {
  it('value_selecting_reduction_backward scatters into zeros of the input sizes', () => {
    const g = tensor([10, 20], [2]);
    const idx = tensor([2, 0], [2], 'int64');
    const r = F.valueSelectingReductionBackward(g, 1, idx, [2, 3], false);
    expect(values(r)).toEqual([0, 0, 10, 20, 0, 0]);
  });

  it('cummaxmin_backward adds the gradients of equal indices', () => {
    const g = tensor([1, 2, 3], [3]);
    const r = F.cummaxminBackward(g, tensor([5, 1, 7], [3]), tensor([0, 0, 2], [3], 'int64'), 0);
    expect(values(r)).toEqual([3, 0, 3]);
  });
});

describe('the list overloads', () => {
  it('sorts lists in place (stable, reverse), as Python does, and returns None', () => {
    const ints = [3, 1, 2];
    expect(F.sort(ints)).toBeNull();
    expect(ints).toEqual([1, 2, 3]);
    const strs = ['b', 'a', 'C'];
    F.sort(strs, true);
    expect(strs).toEqual(['b', 'a', 'C']);
    const tuples = [
      [2, 'b'],
      [1, 'z'],
      [2, 'a'],
    ];
    registry.find('aten::sort.any')!.impl({ self: tuples, reverse: false }, ctx, registry.find('aten::sort.any')!);
    expect(tuples).toEqual([
      [1, 'z'],
      [2, 'a'],
      [2, 'b'],
    ]);
  });

  it('sorts one-element tensors by value and rejects bigger ones', () => {
    const a = tensor([3], []);
    const b = tensor([1], []);
    const list = [a, b];
    F.sort(list);
    expect(list[0]).toBe(b);
    expect(() => F.sort([tensor([1, 2], [2]), tensor([0, 1], [2])])).toThrow(
      'Boolean value of Tensor with more than one value is ambiguous',
    );
  });

  it('keeps sum of floats a float', () => {
    const r = F.sum([new FloatScalar(1), new FloatScalar(2)]);
    expect(r).toBeInstanceOf(FloatScalar);
    expect(r.value).toBe(3);
    expect(F.sum([1, 2])).toBe(3);
  });
});

// ------------------------------------------------------------------------------------------------
// Random shapes, layouts and dims against a plain reference.

interface Case {
  sizes: number[];
  data: number[];
  transposed: boolean;
  dims: number[];
  keepdim: boolean;
}

const caseArb: fc.Arbitrary<Case> = fc
  .array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 3 })
  .chain((sizes) => {
    const n = sizes.reduce((a, b) => a * b, 1);
    return fc.record({
      sizes: fc.constant(sizes),
      data: fc.array(fc.integer({ min: -4, max: 4 }), { minLength: n, maxLength: n }),
      transposed: fc.boolean(),
      dims: fc.uniqueArray(fc.integer({ min: 0, max: Math.max(sizes.length - 1, 0) }), {
        maxLength: sizes.length,
      }),
      keepdim: fc.boolean(),
    });
  });

/** The case's tensor, as a transposed (non-contiguous) view when asked. */
function build(c: Case, dtype: 'float64' | 'int64' = 'float64'): TensorLike {
  const t = tensor(c.data, c.sizes, dtype);
  if (!c.transposed || c.sizes.length < 2) return t;
  // Store the transpose and view it back: same values, reversed strides.
  const rev = [...c.sizes].reverse();
  const stored: number[] = new Array(c.data.length);
  forEachIndex(c.sizes, (idx, flat) => {
    stored[flatIndex(rev, [...idx].reverse())] = c.data[flat];
  });
  const base = tensor(stored, rev, dtype);
  return ctx.view(base, c.sizes, [...base.strides].reverse(), 0);
}

function flatIndex(sizes: readonly number[], idx: readonly number[]): number {
  let f = 0;
  for (let d = 0; d < sizes.length; d++) f = f * sizes[d] + idx[d];
  return f;
}

function forEachIndex(sizes: readonly number[], fn: (idx: number[], flat: number) => void): void {
  const n = sizes.reduce((a, b) => a * b, 1);
  const idx = new Array(sizes.length).fill(0);
  for (let flat = 0; flat < n; flat++) {
    fn(idx, flat);
    for (let d = sizes.length - 1; d >= 0; d--) {
      if (++idx[d] < sizes[d]) break;
      idx[d] = 0;
    }
  }
}

/** A reduction by `combine` over c.dims (all dims when empty), in plain JS. */
function reference(
  c: Case,
  init: number,
  combine: (acc: number, v: number) => number,
): { sizes: number[]; data: number[] } {
  const dims = c.dims.length ? c.dims : c.sizes.map((_, i) => i);
  const outSizes = c.sizes.map((s, d) => (dims.includes(d) ? 1 : s));
  const acc = new Array(outSizes.reduce((a, b) => a * b, 1)).fill(init);
  forEachIndex(c.sizes, (idx, flat) => {
    const o = flatIndex(
      outSizes,
      idx.map((i, d) => (dims.includes(d) ? 0 : i)),
    );
    acc[o] = combine(acc[o], c.data[flat]);
  });
  const sizes = c.keepdim ? outSizes : c.sizes.filter((_, d) => !dims.includes(d));
  return { sizes, data: acc };
}

describe('random shapes against a reference', () => {
  it('sum over any dims, keepdim or not, contiguous or transposed', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const r = F.sum(build(c), c.dims, c.keepdim);
        const want = reference(c, 0, (a, v) => a + v);
        expect(r.sizes).toEqual(want.sizes);
        expect(values(r)).toEqual(want.data);
      }),
    );
  });

  it('amax over non-empty dims, and the error for an empty one', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const dims = c.dims.length ? c.dims : c.sizes.map((_, i) => i);
        const empty = dims.some((d) => c.sizes[d] === 0) || (c.dims.length === 0 && c.data.length === 0);
        const call = () => F.amax(build(c, 'int64'), c.dims, c.keepdim);
        if (empty) {
          expect(call).toThrow(OpError);
          return;
        }
        const r = call();
        const want = reference(c, Number.NEGATIVE_INFINITY, Math.max);
        expect(r.sizes).toEqual(want.sizes);
        expect(values(r)).toEqual(want.data);
      }),
    );
  });

  it('cumsum along every dim equals a running sum', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), (c, pick) => {
        if (c.sizes.length === 0) return;
        const dim = pick % c.sizes.length;
        const r = F.cumsum(build(c), dim);
        const want = new Array(c.data.length).fill(0);
        forEachIndex(c.sizes, (idx, flat) => {
          const prev = [...idx];
          prev[dim]--;
          want[flat] = c.data[flat] + (idx[dim] > 0 ? want[flatIndex(c.sizes, prev)] : 0);
        });
        expect(values(r)).toEqual(want);
      }),
    );
  });
});

// ------------------------------------------------------------------------------------------------
// Never a crash: every reduction with random (often invalid) arguments returns or throws a typed error.

const calls: ((x: TensorLike, dim: number, dims: number[], keepdim: boolean, k: number) => unknown)[] = [
  (x, _d, dims, keepdim) => F.sum(x, dims, keepdim),
  (x, _d, dims, keepdim) => F.mean(x, dims, keepdim),
  (x, d, _dims, keepdim) => F.prod(x, d, keepdim),
  (x, _d, dims, keepdim) => F.amin(x, dims, keepdim),
  (x, d, _dims, keepdim) => F.max(x, d, keepdim),
  (x, d, _dims, keepdim) => F.argmin(x, d, keepdim),
  (x, d, _dims, keepdim) => F.any(x, d, keepdim),
  (x, _d, dims) => F.countNonzero(x, dims),
  (x, _d, dims, keepdim) => F.logsumexp(x, dims, keepdim),
  (x, _d, dims, keepdim) => F.var(x, dims, { correction: 1, keepdim }),
  (x, _d, dims, keepdim) => F.norm(x, 3, dims, keepdim),
  (x, d) => F.cumprod(x, d),
  (x, d) => F.logcumsumexp(x, d),
  (x, d) => F.cummax(x, d),
  (x, d, _dims, keepdim) => F.sort(x, d, keepdim),
  (x, d, _dims, largest, k) => F.topk(x, k, d, largest),
  (x, d, _dims, keepdim, k) => F.kthvalue(x, k, d, keepdim),
  (x, d, _dims, keepdim) => F.median(x, d, keepdim),
  (x, d, _dims, keepdim) => F.nanmedian(x, d, keepdim),
  (x, d, _dims, keepdim) => F.mode(x, d, keepdim),
  (x, _d, _dims, sorted) => F._unique2(x, sorted, true, true),
  (x, d) => F.uniqueDim(x, d, true, true, true),
  (x, d, _dims, inverse) => F.uniqueConsecutive(x, inverse, true, d),
];

describe('typed errors under random arguments', () => {
  it('returns a result or throws OpError / KernelError', () => {
    const dtypes = ['float32', 'float64', 'int64', 'int32', 'bool', 'uint8', 'float16'] as const;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
        fc.constantFrom(...dtypes),
        fc.integer({ min: -4, max: 4 }),
        fc.array(fc.integer({ min: -4, max: 4 }), { maxLength: 3 }),
        fc.boolean(),
        fc.integer({ min: -1, max: 4 }),
        fc.nat({ max: calls.length - 1 }),
        (sizes, dtype, dim, dims, flag, k, which) => {
          const n = sizes.reduce((a, b) => a * b, 1);
          const x = tensorFromValues(
            ctx,
            Array.from({ length: n }, (_, i) => ((i * 7) % 5) - 2),
            sizes,
            dtype,
          );
          try {
            calls[which](x, dim, dims, flag, k);
          } catch (e) {
            if (!OpError.isInstance(e) && !(e instanceof KernelError)) throw e;
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
