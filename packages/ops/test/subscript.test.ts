/**
 * The subscript helper (src/groups/subscript.ts) against PyTorch: test/fixtures/subscript.json is
 * made by tooling/fixtures/gen_subscript.py (x = arange(numel).reshape(sizes), float32).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applySubscript, assignSubscript, type SubscriptItem } from '../src/groups/subscript.js';
import {
  allOps,
  type DType,
  FloatScalar,
  OpError,
  OpRegistry,
  plainContext,
  type TensorLike,
  tensorFromValues,
  tensorValues,
} from '../src/index.js';

const ctx = plainContext(new OpRegistry(allOps));

interface TensorSpec {
  dtype: DType;
  sizes: number[];
  data: (number | boolean)[];
}
type RawItem = { kind: string; [key: string]: unknown };
type Expected = { value: TensorSpec } | { error: string; type: string };
interface Case {
  op: 'get' | 'set';
  sizes: number[];
  items: RawItem[];
  value?: number | { tensor: TensorSpec };
  valueIsFloat?: boolean;
  expected: Expected;
}

const { cases } = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'subscript.json'), 'utf8')) as {
  cases: Case[];
};

function tensorOf(spec: TensorSpec): TensorLike {
  return tensorFromValues(ctx, spec.data, spec.sizes, spec.dtype);
}

function arange(sizes: number[]): TensorLike {
  const n = sizes.reduce((a, b) => a * b, 1);
  return tensorFromValues(
    ctx,
    Array.from({ length: n }, (_, i) => i),
    sizes,
    'float32',
  );
}

function items(raw: RawItem[]): SubscriptItem[] {
  return raw.map(
    (i) => (i.kind === 'tensor' ? { kind: 'tensor', value: tensorOf(i as unknown as TensorSpec) } : i) as SubscriptItem,
  );
}

function describeCase(c: Case): string {
  const text = c.items
    .map((i) => {
      if (i.kind === 'int') return String(i.value);
      if (i.kind === 'slice') return `${i.start ?? ''}:${i.stop ?? ''}${i.step === null ? '' : `:${i.step}`}`;
      if (i.kind === 'none') return 'None';
      if (i.kind === 'ellipsis') return '...';
      return `${i.dtype}${JSON.stringify(i.sizes)}`;
    })
    .join(', ');
  return `x${JSON.stringify(c.sizes)}[${text}]`;
}

function expectTensor(t: TensorLike, spec: TensorSpec): void {
  expect(t.sizes).toEqual(spec.sizes);
  expect(t.dtype).toBe(spec.dtype);
  const want = spec.data.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v));
  expect(tensorValues(ctx, t)).toEqual(want);
}

describe('applySubscript matches PyTorch', () => {
  for (const c of cases.filter((k) => k.op === 'get')) {
    it(describeCase(c), () => {
      const x = arange(c.sizes);
      const run = () => applySubscript(ctx, x, items(c.items));
      if ('error' in c.expected) {
        const { error, type } = c.expected;
        expect(run).toThrow(error);
        try {
          run();
        } catch (e) {
          expect(OpError.isInstance(e)).toBe(true);
          expect((e as OpError).pyType).toBe(type);
        }
        return;
      }
      expectTensor(run(), c.expected.value);
    });
  }
});

describe('assignSubscript matches PyTorch', () => {
  for (const c of cases.filter((k) => k.op === 'set')) {
    it(`${describeCase(c)} = ${JSON.stringify(c.value)}`, () => {
      const x = arange(c.sizes);
      const raw = c.value!;
      const value =
        typeof raw === 'number'
          ? c.valueIsFloat && Number.isInteger(raw)
            ? new FloatScalar(raw)
            : raw
          : tensorOf(raw.tensor);
      const run = () => assignSubscript(ctx, x, items(c.items), value);
      if ('error' in c.expected) {
        expect(run).toThrow(c.expected.error);
        return;
      }
      expect(run()).toBe(x);
      expectTensor(x, c.expected.value);
    });
  }
});

describe('subscript aliasing', () => {
  it('basic subscripts are views of x; advanced ones are new tensors', () => {
    const x = arange([3, 4]);
    const basic = applySubscript(ctx, x, [
      { kind: 'int', value: 1 },
      { kind: 'slice', start: 1, stop: 3 },
    ]);
    expect(basic.data).toBe(x.data);
    expect(basic.offset).toBe(5);
    const advanced = applySubscript(ctx, x, [{ kind: 'tensor', value: tensorFromValues(ctx, [1], [1], 'int64') }]);
    expect(advanced.data).not.toBe(x.data);
  });

  it('writing through a basic subscript changes x', () => {
    const x = arange([2, 3]);
    const row = applySubscript(ctx, x, [{ kind: 'int', value: 0 }]);
    assignSubscript(ctx, row, [{ kind: 'slice', step: 2 }], -1);
    expect(tensorValues(ctx, x)).toEqual([-1, 1, -1, 3, 4, 5]);
  });

  it('x[...] is x itself viewed whole', () => {
    const x = arange([2, 2]);
    const all = applySubscript(ctx, x, [{ kind: 'ellipsis' }]);
    expect(all.sizes).toEqual([2, 2]);
    expect(all.data).toBe(x.data);
  });

  it('rejects an item that is not a subscript item', () => {
    const x = arange([2]);
    expect(() => applySubscript(ctx, x, [{ kind: 'bogus' } as unknown as SubscriptItem])).toThrow(/unknown subscript/);
  });
});

describe('subscript properties', () => {
  const sizesArb = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 3 });
  const intTensor = fc
    .array(fc.integer({ min: -4, max: 4 }), { minLength: 0, maxLength: 4 })
    .map((v) => ({ kind: 'tensor' as const, value: tensorFromValues(ctx, v, [v.length], 'int64') }));
  const intMatrix = fc
    .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 2 }))
    .chain(([a, b]) =>
      fc
        .array(fc.integer({ min: -3, max: 3 }), { minLength: a * b, maxLength: a * b })
        .map((v) => ({ kind: 'tensor' as const, value: tensorFromValues(ctx, v, [a, b], 'int64') })),
    );
  const maskMatrix = fc
    .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))
    .chain(([a, b]) =>
      fc
        .array(fc.boolean(), { minLength: a * b, maxLength: a * b })
        .map((v) => ({ kind: 'tensor' as const, value: tensorFromValues(ctx, v, [a, b], 'bool') })),
    );
  const maskTensor = fc
    .array(fc.boolean(), { minLength: 0, maxLength: 4 })
    .map((v) => ({ kind: 'tensor' as const, value: tensorFromValues(ctx, v, [v.length], 'bool') }));
  const optionalInt = fc.option(fc.integer({ min: -5, max: 5 }), { nil: null });
  const itemArb: fc.Arbitrary<SubscriptItem> = fc.oneof(
    fc.integer({ min: -4, max: 4 }).map((value) => ({ kind: 'int' as const, value })),
    fc.record({ kind: fc.constant('slice' as const), start: optionalInt, stop: optionalInt, step: optionalInt }),
    fc.constant({ kind: 'none' as const }),
    fc.constant({ kind: 'ellipsis' as const }),
    intTensor,
    maskTensor,
    intMatrix,
    maskMatrix,
  );

  it('x[items] either succeeds or throws an OpError (never another error), and basic results are views', () => {
    fc.assert(
      fc.property(sizesArb, fc.array(itemArb, { maxLength: 5 }), (sizes, list) => {
        const x = arange(sizes);
        let result: TensorLike | undefined;
        try {
          result = applySubscript(ctx, x, list);
        } catch (e) {
          expect(OpError.isInstance(e), String(e)).toBe(true);
          return;
        }
        const n = result.sizes.reduce((a, b) => a * b, 1);
        expect(tensorValues(ctx, result)).toHaveLength(n);
        if (!list.some((i) => i.kind === 'tensor')) expect(result.data).toBe(x.data);
      }),
      { numRuns: 400 },
    );
  });

  it('x[items] = v either succeeds or throws an OpError, and never resizes x', () => {
    fc.assert(
      fc.property(sizesArb, fc.array(itemArb, { maxLength: 4 }), fc.integer({ min: -9, max: 9 }), (sizes, list, v) => {
        const x = arange(sizes);
        try {
          assignSubscript(ctx, x, list, v);
        } catch (e) {
          expect(OpError.isInstance(e), String(e)).toBe(true);
          return;
        }
        expect(x.sizes).toEqual(sizes);
      }),
      { numRuns: 400 },
    );
  });
});
