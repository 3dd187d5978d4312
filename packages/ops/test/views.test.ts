/**
 * The view ops alias their input exactly as PyTorch's do: the result shares the input's storage
 * (`data`), with PyTorch's sizes, strides and storage offset, and writes through a view reach the
 * base. Expected geometries were computed with PyTorch 1.13 (/usr/bin/python3) and written here by
 * hand; test/fixtures/view-strides.json (tooling/fixtures/gen_view_strides.py) adds PyTorch's
 * view/reshape results on 200 random layouts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as K from '@tsjit/kernels';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeStride } from '../src/groups/views.js';
import {
  allOps,
  OpError,
  OpRegistry,
  PlainTensor,
  plainContext,
  type TensorLike,
  tensorFromValues,
  tensorValues,
} from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);
const F = ctx.F;

/** torch.arange(24.).reshape(2, 3, 4) */
function base(): TensorLike {
  const flat = tensorFromValues(
    ctx,
    [...Array(24).keys()].map((i) => i),
    [24],
    'float32',
  );
  return ctx.view(flat, [2, 3, 4], [12, 4, 1], 0);
}

interface Geo {
  sizes: number[];
  strides: number[];
  offset: number;
}
function geo(t: TensorLike): Geo {
  return { sizes: [...t.sizes], strides: [...t.strides], offset: t.offset };
}
function expectView(v: TensorLike, b: TensorLike, sizes: number[], strides: number[], offset: number) {
  expect(geo(v)).toEqual({ sizes, strides, offset });
  expect(v.data).toBe(b.data);
}
function expectCopy(v: TensorLike, b: TensorLike, sizes: number[], strides: number[]) {
  expect(geo(v)).toEqual({ sizes, strides, offset: 0 });
  expect(v.data).not.toBe(b.data);
}

describe('views share storage with PyTorch geometry', () => {
  // Each case: the op call, then PyTorch's sizes, strides, offset and whether it aliases.
  const cases: [string, (a: TensorLike) => TensorLike, number[], number[], number, boolean][] = [
    ['view(6, 4)', (a) => F.view(a, [6, 4]), [6, 4], [4, 1], 0, true],
    ['view(4, -1, 3)', (a) => F.view(a, [4, -1, 3]), [4, 2, 3], [6, 3, 1], 0, true],
    ['transpose(0, 2)', (a) => F.transpose(a, 0, 2), [4, 3, 2], [1, 4, 12], 0, true],
    ['permute(2, 0, 1)', (a) => F.permute(a, [2, 0, 1]), [4, 2, 3], [1, 12, 4], 0, true],
    ['a[0].t()', (a) => F.t(F.select(a, 0, 0)), [4, 3], [1, 4], 0, true],
    [
      'transpose(1, 2).reshape(2, 12) copies',
      (a) => F.reshape(F.transpose(a, 1, 2), [2, 12]),
      [2, 12],
      [12, 1],
      0,
      false,
    ],
    [
      'transpose(1, 2).reshape(2, 4, 3, 1) views',
      (a) => F.reshape(F.transpose(a, 1, 2), [2, 4, 3, 1]),
      [2, 4, 3, 1],
      [12, 1, 4, 4],
      0,
      true,
    ],
    ['unsqueeze(1)', (a) => F.unsqueeze(a, 1), [2, 1, 3, 4], [12, 12, 4, 1], 0, true],
    ['unsqueeze(-1)', (a) => F.unsqueeze(a, -1), [2, 3, 4, 1], [12, 4, 1, 1], 0, true],
    ['slice(1, 1, 2)', (a) => F.slice(a, 1, 1, 2, 1), [2, 1, 4], [12, 4, 1], 4, true],
    ['slice(1, 1, 2).squeeze()', (a) => F.squeeze(F.slice(a, 1, 1, 2, 1)), [2, 4], [12, 1], 4, true],
    ['select(1, 2)', (a) => F.select(a, 1, 2), [2, 4], [12, 1], 8, true],
    ['slice(2, 1, None, 2)', (a) => F.slice(a, 2, 1, null, 2), [2, 3, 2], [12, 4, 2], 1, true],
    ['slice(-1, -3, -1)', (a) => F.slice(a, -1, -3, -1, 1), [2, 3, 2], [12, 4, 1], 1, true],
    ['narrow(0, 1, 1)', (a) => F.narrow(a, 0, 1, 1), [1, 3, 4], [12, 4, 1], 12, true],
    ['diagonal(1, 1, 2)', (a) => F.diagonal(a, 1, 1, 2), [2, 3], [12, 5], 1, true],
    ['diagonal(-1, 2, 1)', (a) => F.diagonal(a, -1, 2, 1), [2, 3], [12, 5], 1, true],
    ['as_strided([3, 3], [1, 1], 2)', (a) => F.asStrided(a, [3, 3], [1, 1], 2), [3, 3], [1, 1], 2, true],
    ['flatten(1)', (a) => F.flatten(a, 1), [2, 12], [12, 1], 0, true],
    ['transpose(0, 1).flatten() copies', (a) => F.flatten(F.transpose(a, 0, 1)), [24], [1], 0, false],
    ['unflatten(2, [2, 2])', (a) => F.unflatten(a, 2, [2, 2]), [2, 3, 2, 2], [12, 4, 2, 1], 0, true],
    ['movedim(0, 2)', (a) => F.movedim(a, 0, 2), [3, 4, 2], [4, 1, 12], 0, true],
    ['transpose(0, 2).clone() keeps strides', (a) => F.clone(F.transpose(a, 0, 2)), [4, 3, 2], [1, 4, 12], 0, false],
    ['transpose(0, 2).contiguous()', (a) => F.contiguous(F.transpose(a, 0, 2)), [4, 3, 2], [6, 2, 1], 0, false],
    ['view(int16)', (a) => F.view(a, 'int16'), [2, 3, 8], [24, 8, 1], 0, true],
    [
      'transpose(0, 2)[:, :, :1].expand(4, 3, 5)',
      (a) => F.expand(F.slice(F.transpose(a, 0, 2), 2, 0, 1, 1), [4, 3, 5]),
      [4, 3, 5],
      [1, 4, 0],
      0,
      true,
    ],
    ['detach()', (a) => F.detach(a), [2, 3, 4], [12, 4, 1], 0, true],
    ['alias()', (a) => F.alias(a), [2, 3, 4], [12, 4, 1], 0, true],
    ['swapaxes(0, 1)', (a) => F.swapaxes(a, 0, 1), [3, 2, 4], [4, 12, 1], 0, true],
    ['numpy_T()', (a) => F.numpy_T(a), [4, 3, 2], [1, 4, 12], 0, true],
  ];
  for (const [name, run, sizes, strides, offset, aliases] of cases) {
    it(name, () => {
      const a = base();
      const v = run(a);
      if (aliases) expectView(v, a, sizes, strides, offset);
      else expectCopy(v, a, sizes, strides);
    });
  }

  it('contiguous() of a contiguous tensor is the tensor itself', () => {
    const a = base();
    expect(F.contiguous(a)).toBe(a);
  });

  it('expand of a (3, 1) tensor to (2, 3, 4) has strides (0, 1, 0)', () => {
    const x = PlainTensor.zeros([3, 1], 'float32');
    expectView(F.expand(x, [2, 3, 4]), x, [2, 3, 4], [0, 1, 0], 0);
  });

  it('split, chunk, unbind and tensor_split return views at PyTorch offsets', () => {
    const a = base();
    const split = F.split(a, 3, 2) as TensorLike[];
    expect(split.map(geo)).toEqual([
      { sizes: [2, 3, 3], strides: [12, 4, 1], offset: 0 },
      { sizes: [2, 3, 1], strides: [12, 4, 1], offset: 3 },
    ]);
    const chunks = F.chunk(a, 3, 1) as TensorLike[];
    expect(chunks.map((c) => c.offset)).toEqual([0, 4, 8]);
    expect(chunks.every((c) => c.data === a.data && c.sizes.join() === '2,1,4')).toBe(true);
    const unbound = F.unbind(a, 2) as TensorLike[];
    expect(unbound.map(geo)).toEqual([0, 1, 2, 3].map((offset) => ({ sizes: [2, 3], strides: [12, 4], offset })));
    const pieces = F.tensorSplit(a, [1, 3], 2) as TensorLike[];
    expect(pieces.map(geo)).toEqual([
      { sizes: [2, 3, 1], strides: [12, 4, 1], offset: 0 },
      { sizes: [2, 3, 2], strides: [12, 4, 1], offset: 1 },
      { sizes: [2, 3, 1], strides: [12, 4, 1], offset: 3 },
    ]);
    for (const p of [...split, ...unbound, ...pieces]) expect(p.data).toBe(a.data);
  });
});

describe('more PyTorch geometries (leading size-1 dims, 0-d, empty, transposed bases)', () => {
  const z = (sizes: number[]) => PlainTensor.zeros(sizes, 'float32');
  const cases: [string, () => [TensorLike, TensorLike], number[], number[], number][] = [
    ['zeros(3).expand(1, 3)', () => ((b) => [b, F.expand(b, [1, 3])])(z([3])), [1, 3], [3, 1], 0],
    ['zeros(3).expand(2, 1, 3)', () => ((b) => [b, F.expand(b, [2, 1, 3])])(z([3])), [2, 1, 3], [0, 3, 1], 0],
    ['zeros(()).unsqueeze(0)', () => ((b) => [b, F.unsqueeze(b, 0)])(z([])), [1], [1], 0],
    ['zeros(()).expand(1, 2)', () => ((b) => [b, F.expand(b, [1, 2])])(z([])), [1, 2], [0, 0], 0],
    ['zeros(2, 1, 3, 1).squeeze()', () => ((b) => [b, F.squeeze(b)])(z([2, 1, 3, 1])), [2, 3], [3, 1], 0],
    ['zeros(2, 1, 3, 1).squeeze(1)', () => ((b) => [b, F.squeeze(b, 1)])(z([2, 1, 3, 1])), [2, 3, 1], [3, 1, 1], 0],
    [
      'zeros(2, 1, 3, 1).squeeze(0)',
      () => ((b) => [b, F.squeeze(b, 0)])(z([2, 1, 3, 1])),
      [2, 1, 3, 1],
      [3, 3, 1, 1],
      0,
    ],
    ['zeros(3, 4).t().diagonal(1)', () => ((b) => [b, F.diagonal(F.t(b), 1)])(z([3, 4])), [2], [5], 4],
    ['zeros(3, 4).t().select(1, 2)', () => ((b) => [b, F.select(F.t(b), 1, 2)])(z([3, 4])), [4], [1], 8],
    [
      'zeros(3, 4).t().unflatten(0, [2, 2])',
      () => ((b) => [b, F.unflatten(F.t(b), 0, [2, 2])])(z([3, 4])),
      [2, 2, 3],
      [2, 1, 4],
      0,
    ],
    ['zeros(0, 3).view(3, 0)', () => ((b) => [b, F.view(b, [3, 0])])(z([0, 3])), [3, 0], [1, 1], 0],
    ['zeros(0, 3).t().view(-1)', () => ((b) => [b, F.view(F.t(b), [-1])])(z([0, 3])), [0], [1], 0],
    ['zeros(5, 3)[4:2]', () => ((b) => [b, F.slice(b, 0, 4, 2, 1)])(z([5, 3])), [0, 3], [3, 1], 12],
    ['zeros(4, 5)[:, 2:2**62]', () => ((b) => [b, F.slice(b, 1, 2, 2 ** 62, 1)])(z([4, 5])), [4, 3], [5, 1], 2],
  ];
  for (const [name, run, sizes, strides, offset] of cases) {
    it(name, () => {
      const [b, v] = run();
      expectView(v, b, sizes, strides, offset);
    });
  }
});

describe('view ops on arbitrary arguments: a result or an OpError, never a crash', () => {
  const dim = fc.integer({ min: -5, max: 5 });
  const small = fc.integer({ min: -6, max: 8 });
  const sizes = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 4 });
  const calls: [string, fc.Arbitrary<unknown[]>][] = [
    ['view', fc.tuple(fc.array(small, { maxLength: 4 }))],
    ['reshape', fc.tuple(fc.array(small, { maxLength: 4 }))],
    ['permute', fc.tuple(fc.array(dim, { maxLength: 4 }))],
    ['transpose', fc.tuple(dim, dim)],
    ['expand', fc.tuple(fc.array(small, { maxLength: 5 }))],
    ['squeeze', fc.tuple(dim)],
    ['unsqueeze', fc.tuple(dim)],
    ['flatten', fc.tuple(dim, dim)],
    ['unflatten', fc.tuple(dim, fc.array(small, { maxLength: 3 }))],
    ['narrow', fc.tuple(dim, small, small)],
    ['select', fc.tuple(dim, small)],
    ['slice', fc.tuple(dim, fc.option(small), fc.option(small), small)],
    ['split', fc.tuple(small, dim)],
    ['chunk', fc.tuple(small, dim)],
    ['unbind', fc.tuple(dim)],
    ['tensorSplit', fc.tuple(small, dim)],
    ['diagonal', fc.tuple(small, dim, dim)],
    ['movedim', fc.tuple(dim, dim)],
    ['asStrided', fc.tuple(fc.array(small, { maxLength: 3 }), fc.array(small, { maxLength: 3 }), fc.option(small))],
  ];
  for (const [name, args] of calls) {
    it(name, () => {
      fc.assert(
        fc.property(sizes, fc.boolean(), args, (s, transposed, a) => {
          let t: TensorLike = PlainTensor.zeros(s, 'float32');
          if (transposed && s.length >= 2) t = F.transpose(t, 0, -1);
          try {
            const r = F[name](t, ...(a as unknown[]).map((v) => (v === null ? null : v)));
            for (const v of Array.isArray(r) ? r : [r]) {
              // reshape and flatten copy when they must; every other op here returns views.
              if (name !== 'reshape' && name !== 'flatten') expect(v.data).toBe(t.data);
              expect(v.sizes.every((n: number) => Number.isInteger(n) && n >= 0)).toBe(true);
            }
          } catch (e) {
            expect(OpError.isInstance(e), String(e)).toBe(true);
          }
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe('writes through a view reach the base', () => {
  it('filling a selected row changes the base', () => {
    const a = base();
    K.fill(F.select(a, 1, 2), -1);
    const values = tensorValues(ctx, a);
    // Row [:, 2, :] is elements 8..11 and 20..23.
    for (let i = 0; i < 24; i++) expect(values[i]).toBe(i % 12 >= 8 ? -1 : i);
  });

  it('filling a stepped slice of a transposed view changes exactly those elements', () => {
    const a = base();
    const v = F.slice(F.transpose(a, 0, 2), 0, 1, null, 2); // a[:, :, 1::2] seen through the transpose
    K.fill(v, 100);
    const values = tensorValues(ctx, a);
    for (let i = 0; i < 24; i++) expect(values[i]).toBe(i % 4 === 1 || i % 4 === 3 ? 100 : i);
  });

  it('the diagonal and an as_strided window write into the base', () => {
    const a = base();
    K.fill(F.diagonal(a, 0, 1, 2), 0.5);
    K.fill(F.asStrided(a, [2], [1], 22), 7);
    const values = tensorValues(ctx, a);
    const want = [...Array(24).keys()] as number[];
    for (const i of [0, 5, 10, 12, 17]) want[i] = 0.5;
    want[22] = 7;
    want[23] = 7;
    expect(values).toEqual(want);
  });

  it('a view of a view of a split piece writes into the base; a reshape copy does not', () => {
    const a = base();
    const piece = (F.split(a, 1, 0) as TensorLike[])[1];
    K.fill(F.view(F.unsqueeze(piece, 0), [12]), 3);
    const copied = F.reshape(F.transpose(a, 1, 2), [24]);
    K.fill(copied, 9);
    const values = tensorValues(ctx, a);
    for (let i = 0; i < 24; i++) expect(values[i]).toBe(i >= 12 ? 3 : i);
  });

  it('clone does not alias', () => {
    const a = base();
    const c = F.clone(a);
    K.fill(c, 1);
    expect(tensorValues(ctx, a)[5]).toBe(5);
  });
});

describe('in-place view ops change the tensor itself', () => {
  it('transpose_, t_, unsqueeze_, squeeze_ and as_strided_ keep the storage and return self', () => {
    const a = base();
    const data = a.data;
    expect(F.transpose_(a, 0, 2)).toBe(a);
    expect(geo(a)).toEqual({ sizes: [4, 3, 2], strides: [1, 4, 12], offset: 0 });
    expect(F.unsqueeze_(a, 1)).toBe(a);
    expect(geo(a)).toEqual({ sizes: [4, 1, 3, 2], strides: [1, 12, 4, 12], offset: 0 });
    expect(F.squeeze_(a)).toBe(a);
    expect(geo(a)).toEqual({ sizes: [4, 3, 2], strides: [1, 4, 12], offset: 0 });
    expect(F.asStrided_(a, [2, 2], [4, 1], 5)).toBe(a);
    expect(geo(a)).toEqual({ sizes: [2, 2], strides: [4, 1], offset: 5 });
    expect(F.t_(a)).toBe(a);
    expect(geo(a)).toEqual({ sizes: [2, 2], strides: [1, 4], offset: 5 });
    expect(a.data).toBe(data);
    expect(tensorValues(ctx, a)).toEqual([5, 9, 6, 10]);
  });

  it('detach_ keeps self', () => {
    const a = base();
    expect(F.detach_(a)).toBe(a);
    expect(geo(a)).toEqual({ sizes: [2, 3, 4], strides: [12, 4, 1], offset: 0 });
  });
});

describe('view and reshape on random layouts agree with PyTorch', () => {
  interface Case {
    sizes: number[];
    strides: number[];
    offset: number;
    shape: number[];
    view: { sizes?: number[]; strides?: number[]; error?: string };
    reshapeIsView: boolean;
    reshapeStrides: number[];
  }
  const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'view-strides.json'), 'utf8')) as {
    cases: Case[];
  };

  it('has cases that view, fail to view and copy', () => {
    expect(fixture.cases.length).toBe(200);
    expect(fixture.cases.some((c) => c.view.error)).toBe(true);
    expect(fixture.cases.some((c) => !c.reshapeIsView)).toBe(true);
  });

  fixture.cases.forEach((c, i) => {
    it(`${i}: [${c.sizes}] strides [${c.strides}] -> [${c.shape}]`, () => {
      let span = 1;
      for (let d = 0; d < c.sizes.length; d++) span += Math.max(c.sizes[d] - 1, 0) * c.strides[d];
      const storage = PlainTensor.zeros([span + c.offset], 'float32');
      const t = ctx.view(storage, c.sizes, c.strides, c.offset);
      if (c.view.error) {
        expect(() => F.view(t, c.shape)).toThrow(c.view.error);
      } else {
        const v = F.view(t, c.shape);
        expect(geo(v)).toEqual({ sizes: c.view.sizes, strides: c.view.strides, offset: c.offset });
        expect(v.data).toBe(t.data);
      }
      const r = F.reshape(t, c.shape);
      expect([...r.strides]).toEqual(c.reshapeStrides);
      expect(r.data === t.data).toBe(c.reshapeIsView);
    });
  });
});

describe('view errors', () => {
  it('raises PyTorch messages for bad shapes', () => {
    const a = base();
    expect(() => F.view(a, [5, 5])).toThrow("shape '[5, 5]' is invalid for input of size 24");
    expect(() => F.view(a, [-1, -1])).toThrow('only one dimension can be inferred');
    expect(() => F.view(F.transpose(a, 0, 1), [24])).toThrow(
      "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.",
    );
    expect(() => F.view(a, [5, 5])).toThrow(OpError);
  });

  it('computeStride strides address the same elements in the same order (property)', () => {
    const addresses = (sizes: readonly number[], strides: readonly number[]): number[] => {
      const out: number[] = [];
      const walk = (d: number, at: number) => {
        if (d === sizes.length) out.push(at);
        else for (let i = 0; i < sizes[d]; i++) walk(d + 1, at + i * strides[d]);
      };
      walk(0, 0);
      return out;
    };
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 4 }),
        (sizes, strideSeed, shapeSeed) => {
          const strides = sizes.map((_, i) => strideSeed[i]);
          const n = sizes.reduce((x, y) => x * y, 1);
          // A target shape of the same numel: the seed's sizes that divide what is left, then the rest.
          const shape: number[] = [];
          let rest = n;
          for (const s of shapeSeed) {
            if (rest % s === 0) {
              shape.push(s);
              rest /= s;
            }
          }
          shape.push(rest);
          const out = computeStride(sizes, strides, shape);
          if (out !== null) expect(addresses(shape, out)).toEqual(addresses(sizes, strides));
          // Contiguous layouts always view.
          let c = 1;
          const dense = sizes.map(() => 0);
          for (let d = sizes.length - 1; d >= 0; d--) {
            dense[d] = c;
            c *= sizes[d];
          }
          expect(computeStride(sizes, dense, shape)).not.toBeNull();
        },
      ),
    );
  });
});

describe('random view-op calls agree with PyTorch (test/fixtures/view-ops.json.gz)', () => {
  interface Geometry {
    sizes: number[];
    strides: number[];
    offset: number;
  }
  interface Case {
    op: string;
    input: Geometry & { storage: number };
    args: unknown[];
    result?: Geometry | Geometry[];
    aliases?: boolean;
    error?: string;
  }
  const fixture = JSON.parse(
    gunzipSync(readFileSync(join(import.meta.dirname, 'fixtures', 'view-ops.json.gz'))).toString('utf8'),
  ) as {
    cases: Case[];
  };

  it('has successes and errors', () => {
    expect(fixture.cases.length).toBe(1000);
    expect(fixture.cases.filter((c) => c.error).length).toBeGreaterThan(50);
  });

  fixture.cases.forEach((c, i) => {
    it(`${i}: ${c.op}([${c.input.sizes}] strides [${c.input.strides}] +${c.input.offset}, ${JSON.stringify(c.args)})`, () => {
      const storage = PlainTensor.zeros([c.input.storage], 'float32');
      const t = ctx.view(storage, c.input.sizes, c.input.strides, c.input.offset);
      const overload = registry.find(`aten::${c.op}`);
      expect(overload).toBeDefined();
      const run = () => overload!.impl(overload!.bind([t, ...c.args]), ctx, overload!);
      if (c.error !== undefined) {
        expect(run).toThrow(OpError);
        // PyTorch 1.13 overflows computing numel for expand(0-d, [-1, n]); ours names the -1.
        if (!c.error.startsWith('numel: integer multiplication overflow')) expect(run).toThrow(c.error);
        return;
      }
      const r = run();
      const got = Array.isArray(r) ? (r as TensorLike[]).map(geo) : geo(r as TensorLike);
      expect(got).toEqual(c.result);
      if (c.aliases !== undefined) {
        for (const v of Array.isArray(r) ? r : [r]) expect((v as TensorLike).data === t.data).toBe(c.aliases);
      }
    });
  });
});
