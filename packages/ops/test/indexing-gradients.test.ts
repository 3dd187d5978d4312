/**
 * Finite-difference checks of the indexing and shape families' derivative rules over their own
 * samples (float64 copies of the inputs): for a random weight w, the rule's gradients of
 * sum(result * w) must match central differences.
 */
import { describe, expect, it } from 'vitest';
import {
  allOps,
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
