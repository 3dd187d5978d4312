/**
 * Finite-difference checks of the indexing and shape families' derivative rules over their own
 * samples (float64 copies of the inputs): for a random weight w, the rule's gradients of
 * sum(result * w) must match central differences. Ops of other families that the rules call are
 * stubbed with the kernels only where this branch does not have them yet (after the merge the
 * real ops run).
 */
import * as K from '@tsjit/kernels';
import { describe, expect, it } from 'vitest';
import {
  allOps,
  type DType,
  helpers,
  materialize,
  type Op,
  OpError,
  OpRegistry,
  plainContext,
  SampleBuilder,
  type TensorLike,
  tensorFromValues,
  tensorValues,
} from '../src/index.js';
import { indexingOps } from '../src/lists/indexing.js';
import { shapeOps } from '../src/lists/shape.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);
const F = ctx.F;
const isT = (v: unknown): v is TensorLike => ctx.isTensor(v);

function fresh(sizes: readonly number[], dtype: DType, value = 0): TensorLike {
  const t = ctx.empty(sizes, dtype);
  if (value !== 0) K.fill(t, value);
  return t;
}
function viewSizes(t: TensorLike, sizes: readonly number[]): number[] {
  const n = helpers.numel(t.sizes);
  const known = sizes.filter((s) => s !== -1).reduce((a, b) => a * b, 1);
  return sizes.map((s) => (s === -1 ? n / Math.max(known, 1) : s));
}
const stubs: Record<string, (...a: any[]) => any> = {
  zerosLike: (t: TensorLike) => fresh(t.sizes, t.dtype),
  onesLike: (t: TensorLike) => fresh(t.sizes, t.dtype, 1),
  newZeros: (t: TensorLike, sizes: number[]) => fresh(sizes, t.dtype),
  reshape: (t: TensorLike, sizes: number[]) => {
    const c = helpers.clone(ctx, t);
    const s = viewSizes(t, sizes);
    return ctx.view(c, s, helpers.contiguousStrides(s), 0);
  },
  sum: (t: TensorLike, dims?: number[], keepdim = false) => {
    if (dims !== undefined && dims.length === 0 && t.sizes.length > 0) return t;
    const mask = new Set((dims ?? t.sizes.map((_, i) => i)).map((d) => (d < 0 ? d + t.sizes.length : d)));
    const sizes = t.sizes.flatMap((s, i) => (mask.has(i) ? (keepdim ? [1] : []) : [s]));
    const out = fresh(sizes, t.dtype);
    K.sum(out, t, dims ?? null, keepdim);
    return out;
  },
  narrow: (t: TensorLike, dim: number, start: number, length: number) => {
    const sizes = [...t.sizes];
    sizes[dim] = length;
    return ctx.view(t, sizes, t.strides, t.offset + start * t.strides[dim]);
  },
  select: (t: TensorLike, dim: number, i: number) =>
    ctx.view(
      t,
      t.sizes.filter((_, d) => d !== dim),
      t.strides.filter((_, d) => d !== dim),
      t.offset + i * t.strides[dim],
    ),
  expand: (t: TensorLike, sizes: number[]) => helpers.expandTo(ctx, t, sizes),
  diagonal: (t: TensorLike, offset = 0, dim1 = 0, dim2 = 1) => {
    const nd = t.sizes.length;
    const d1 = dim1 < 0 ? dim1 + nd : dim1;
    const d2 = dim2 < 0 ? dim2 + nd : dim2;
    const n = Math.max(
      0,
      offset >= 0 ? Math.min(t.sizes[d1], t.sizes[d2] - offset) : Math.min(t.sizes[d1] + offset, t.sizes[d2]),
    );
    const start = offset >= 0 ? offset * t.strides[d2] : -offset * t.strides[d1];
    const keep = t.sizes.map((_, d) => d).filter((d) => d !== d1 && d !== d2);
    return ctx.view(
      t,
      [...keep.map((d) => t.sizes[d]), n],
      [...keep.map((d) => t.strides[d]), t.strides[d1] + t.strides[d2]],
      t.offset + (n > 0 ? start : 0),
    );
  },
  constantPadNd: (t: TensorLike, pad: number[]) => {
    const sizes = t.sizes.map((n, d) => n + pad[2 * (t.sizes.length - 1 - d) + 1]);
    const out = fresh(sizes, t.dtype);
    K.copy(ctx.view(out, t.sizes, out.strides, 0), t);
    return out;
  },
  eq: (a: TensorLike, b: TensorLike | number) => {
    const other = isT(b) ? helpers.toDtype(ctx, b, a.dtype) : helpers.full(ctx, [], b, a.dtype);
    const out = fresh(helpers.broadcastShapes(a.sizes, other.sizes), 'bool');
    K.binary('eq', out, a, other);
    return out;
  },
  div: (a: TensorLike, b: TensorLike) => {
    const dtype = 'float64';
    const out = fresh(helpers.broadcastShapes(a.sizes, b.sizes), dtype);
    K.binary('div', out, helpers.toDtype(ctx, a, dtype), helpers.toDtype(ctx, b, dtype));
    return out;
  },
  bitwiseAnd: (a: TensorLike, b: TensorLike) => {
    const out = fresh(helpers.broadcastShapes(a.sizes, b.sizes), 'bool');
    K.binary('bitwise_and', out, a, b);
    return out;
  },
  where: (c: TensorLike, a: TensorLike, b: TensorLike) => {
    const out = fresh(helpers.broadcastShapes(c.sizes, a.sizes, b.sizes), 'float64');
    K.where(out, c, helpers.toDtype(ctx, a, 'float64'), helpers.toDtype(ctx, b, 'float64'));
    return out;
  },
  arange: (a: number, b: number) =>
    tensorFromValues(
      ctx,
      Array.from({ length: b - a }, (_, i) => a + i),
      [b - a],
      'int64',
    ),
};
for (const [name, fn] of Object.entries(stubs)) F[name] ??= fn;

/** float tensors become contiguous float64 copies (each logical element its own storage slot). */
function toFloat64(v: unknown): unknown {
  if (isT(v))
    return helpers.isContiguous(v) && v.dtype === 'float64' && v.offset === 0
      ? helpers.clone(ctx, v)
      : v.dtype.startsWith('float')
        ? helpers.clone(ctx, v, 'float64')
        : v;
  if (Array.isArray(v)) return v.map(toFloat64);
  return v;
}

function weightsFor(t: TensorLike, seed: number): TensorLike {
  const n = helpers.numel(t.sizes);
  return tensorFromValues(
    ctx,
    Array.from({ length: n }, (_, i) => Math.sin(seed + i * 1.7) + 0.1),
    t.sizes,
    'float64',
  );
}

function dot(a: TensorLike, w: TensorLike): number {
  const x = tensorValues(ctx, a);
  const y = tensorValues(ctx, w);
  return x.reduce((s, v, i) => s + v * y[i], 0);
}

/**
 * Samples where the rule knowingly differs from finite differences: duplicate indices in a
 * non-accumulating write (the last write wins, yet PyTorch's rule, followed here, gives every
 * duplicate the gradient).
 */
const DUPLICATE_WRITES = new Set(['index_put#2', '_index_put_impl#2', 'scatter#0', 'scatter#1', 'scatter#4']);

const ops: readonly Op[] = [...indexingOps, ...shapeOps].filter((op) => op.differentiable);

describe('derivative rules against finite differences', () => {
  for (const op of ops) {
    it(op.name, () => {
      const samples = op.definition.samples(new SampleBuilder(op.name));
      let count = 0;
      samples.forEach((sample, si) => {
        if (sample.error || sample.check === 'meta') return;
        const o = registry.find(`aten::${sample.overload}`);
        if (!o || o.inplace || o.outNames.length) return;
        const rule = o.op.derivativeFor(o);
        if (!rule) return;
        const args = o.bind(
          sample.args.map((a) => toFloat64(materialize(ctx, a))),
          sample.kwargs ? (toFloat64(materialize(ctx, sample.kwargs)) as Record<string, unknown>) : undefined,
        );
        if (DUPLICATE_WRITES.has(`${op.name}#${si}`)) return;
        const result = o.impl(args, ctx, o);
        if (!isT(result) || result.dtype !== 'float64' || helpers.numel(result.sizes) === 0) return;
        if (!tensorValues(ctx, result).every(Number.isFinite)) return;
        const w = weightsFor(result, si);
        let grads: Record<string, unknown>;
        try {
          grads = rule(F, { ...args, grad: w, grads: [w], result });
        } catch (e) {
          // Rules PyTorch does not have either (scatter with reduce=) say so.
          if (OpError.isInstance(e) && (e as OpError).pyType === 'NotImplementedError') return;
          throw e;
        }
        for (const [name, g] of Object.entries(grads)) {
          const input = args[name];
          const list = Array.isArray(input) ? input : [input];
          const glist = Array.isArray(input) ? (g as unknown[]) : [g];
          list.forEach((t: unknown, k: number) => {
            if (!isT(t) || t.dtype !== 'float64' || glist[k] === null || glist[k] === undefined) return;
            const analytic = tensorValues(ctx, glist[k] as TensorLike);
            expect((glist[k] as TensorLike).sizes, `${sample.overload} #${si} d${name}`).toEqual(t.sizes);
            const data = new Float64Array(t.data.buffer, t.data.byteOffset, helpers.numel(t.sizes));
            for (let e = 0; e < data.length; e++) {
              const keep = data[e];
              const eps = 1e-6 * Math.max(1, Math.abs(keep));
              data[e] = keep + eps;
              const plus = dot(o.impl(args, ctx, o), w);
              data[e] = keep - eps;
              const minus = dot(o.impl(args, ctx, o), w);
              data[e] = keep;
              const numeric = (plus - minus) / (2 * eps);
              expect(
                Math.abs(numeric - analytic[e]),
                `${sample.overload} #${si} d${name}[${e}]: numeric ${numeric}, rule ${analytic[e]}`,
              ).toBeLessThan(1e-5 * Math.max(1, Math.abs(numeric)));
            }
            count++;
          });
        }
      });
      expect(count, `${op.name}: no sample was checked`).toBeGreaterThan(0);
    });
  }
});
