/**
 * The derivative rules of the view ops, checked by the adjoint identity: every view op is linear,
 * y = A x, so its rule g ↦ Aᵀ g must satisfy <g, A x> = <Aᵀ g, x> for any x and g. Runs over every
 * successful functional sample of the views family, with random gradients (some outputs of the
 * multi-output ops get none).
 */

import * as K from '@tsjit/kernels';
import { describe, expect, it } from 'vitest';
import {
  allOps,
  materialize,
  OpRegistry,
  plainContext,
  SampleBuilder,
  type TensorLike,
  tensorFromValues,
  tensorValues,
} from '../src/index.js';
import { viewsOps } from '../src/lists/views.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);
// Rules may call ops of other families that this branch does not have yet: test stand-ins.
const stand = {
  // put(self, index, source, accumulate=True) on a 1-D self: index_add along dim 0.
  put: (self: TensorLike, index: TensorLike, source: TensorLike, accumulate: boolean) => {
    expect(accumulate).toBe(true);
    const out = ctx.empty(self.sizes, self.dtype);
    K.copy(out, self);
    const n = index.sizes.reduce((p, q) => p * q, 1);
    if (n > 0) K.indexAdd(out, 0, F.reshape(index, [n]), F.reshape(source, [n]));
    return out;
  },
};
// sumTo (a helper of F) calls F.sum through the context's own F.
for (const [name, fn] of Object.entries(stand)) if (!(name in ctx.F)) ctx.F[name] = fn;
const F = ctx.F;

let seed = 7;
function random(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648 - 0.5;
}

function dot(a: TensorLike, b: TensorLike): number {
  const x = tensorValues(ctx, a);
  const y = tensorValues(ctx, b);
  expect(x.length).toBe(y.length);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

const isFloatTensor = (v: unknown): v is TensorLike =>
  ctx.isTensor(v) && (v.dtype === 'float32' || v.dtype === 'float64');

describe('view op derivative rules satisfy <g, A x> = <Aᵀ g, x>', () => {
  for (const op of viewsOps) {
    if (op.definition.nondifferentiable) continue;
    const samples = op.definition.samples(new SampleBuilder(op.name));
    samples.forEach((sample, i) => {
      if (sample.error) return;
      const overload = registry.find(`aten::${sample.overload}`);
      if (!overload || overload.inplace || overload.outNames.length) return;
      const rule = op.derivativeFor(overload);
      if (!rule) return;
      const args = sample.args.map((a) => materialize(ctx, a));
      const kwargs = sample.kwargs ? (materialize(ctx, sample.kwargs) as Record<string, unknown>) : undefined;
      const bound = overload.bind(args, kwargs);
      const inputs = Object.entries(bound).filter(
        ([, v]) => isFloatTensor(v) || (Array.isArray(v) && v.length > 0 && v.every(isFloatTensor)),
      );
      if (inputs.length === 0) return;
      // An integer `src` is a constant term: the op is then affine, not linear, in the float inputs.
      if (ctx.isTensor(bound.src) && !isFloatTensor(bound.src)) return;
      it(`${op.name} ${i}: ${sample.overload}`, () => {
        const result = overload.impl(bound, ctx, overload);
        const outputs = (Array.isArray(result) ? result : [result]) as TensorLike[];
        const grads = outputs.map((y, k) => {
          // The second output of a multi-output op gets no gradient.
          if (outputs.length > 1 && k === 1) return null;
          const n = y.sizes.reduce((p, q) => p * q, 1);
          return tensorFromValues(
            ctx,
            Array.from({ length: n }, () => random()),
            y.sizes,
            y.dtype,
          );
        });
        let lhs = 0;
        outputs.forEach((y, k) => {
          if (grads[k]) lhs += dot(grads[k]!, y);
        });
        const g = rule(F, { ...bound, grad: grads[0], grads, result });
        let rhs = 0;
        let used = 0;
        for (const [name, x] of inputs) {
          const gx = g[name];
          // Inputs the op does not differentiate (view_as's `other`) get none.
          if (gx === null || gx === undefined) continue;
          used++;
          if (Array.isArray(x)) {
            (x as TensorLike[]).forEach((t, j) => {
              if (gx[j] === null) return;
              expect([...(gx[j] as TensorLike).sizes]).toEqual([...t.sizes]);
              rhs += dot(gx[j], t);
            });
          } else {
            expect([...(gx as TensorLike).sizes]).toEqual([...(x as TensorLike).sizes]);
            rhs += dot(gx, x as TensorLike);
          }
        }
        if (grads.some((v) => v !== null)) expect(used).toBeGreaterThan(0);
        expect(Math.abs(lhs - rhs)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(lhs)));
      });
    });
  }
});
