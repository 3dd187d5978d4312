/**
 * Every derivative rule against finite differences: for each op sample with floating inputs, the
 * inputs are copied to contiguous float64 tensors, L = sum(op(inputs) * v) for a fixed random v,
 * and the rule's gradients (F = direct ops on the plain backend) must match central differences
 * of L. In-place and out= overloads are covered through their functional overload.
 */
import { describe, expect, it } from 'vitest';
import {
  allOps,
  helpers,
  materialize,
  type Op,
  OpRegistry,
  type Overload,
  plainContext,
  type Sample,
  SampleBuilder,
  type TensorLike,
  tensorFromValues,
  tensorValues,
} from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);
const MAX_ELEMENTS_PER_INPUT = 12;

const isFloat = (t: TensorLike) => t.dtype === 'float32' || t.dtype === 'float64';

function toFloat64(v: unknown): unknown {
  if (ctx.isTensor(v)) return isFloat(v) ? helpers.clone(ctx, v, 'float64') : v;
  if (Array.isArray(v)) return v.map(toFloat64);
  return v;
}

/** The float tensors among the outputs (a tensor or a tuple). */
function floatOutputs(result: unknown): (TensorLike | null)[] {
  const list = Array.isArray(result) ? result : [result];
  return list.map((r) => (ctx.isTensor(r) && isFloat(r) ? r : null));
}

function loss(outputs: (TensorLike | null)[], weights: (number[] | null)[]): number {
  let s = 0;
  outputs.forEach((o, k) => {
    if (!o || !weights[k]) return;
    const vals = tensorValues(ctx, o);
    for (let i = 0; i < vals.length; i++) s += vals[i] * weights[k]![i];
  });
  return s;
}

function eligible(op: Op, overload: Overload, sample: Sample): boolean {
  if (sample.error || sample.check === 'meta' || sample.noGradcheck) return false;
  if (overload.inplace || overload.outNames.length) return false;
  return op.derivativeFor(overload) !== undefined;
}

/** Differentiable tensor arguments: top-level floating tensors (and tensors inside lists). */
function tensorInputs(args: Record<string, unknown>): { name: string; index: number | null; t: TensorLike }[] {
  const out: { name: string; index: number | null; t: TensorLike }[] = [];
  for (const [name, v] of Object.entries(args)) {
    if (ctx.isTensor(v) && isFloat(v)) out.push({ name, index: null, t: v });
    else if (Array.isArray(v)) {
      v.forEach((e, i) => {
        if (ctx.isTensor(e) && isFloat(e)) out.push({ name, index: i, t: e });
      });
    }
  }
  return out;
}

function setElement(t: TensorLike, i: number, value: number): void {
  new Float64Array(t.data.buffer, t.data.byteOffset, helpers.numel(t.sizes))[t.offset + i] = value;
}

for (const op of allOps) {
  if (op.definition.derivative === undefined) continue;
  const samples = op.definition.samples(new SampleBuilder(op.name));
  const findOverload = (sample: Sample) =>
    registry.find(sample.overload.includes('::') ? sample.overload : `aten::${sample.overload}`);
  if (!samples.some((s) => findOverload(s) && eligible(op, findOverload(s)!, s))) continue;
  describe(op.name, () => {
    samples.forEach((sample, si) => {
      const overload = findOverload(sample);
      if (!overload || !eligible(op, overload, sample)) return;
      it(`${si}: ${sample.overload}`, () => {
        const positional = sample.args.map((a) => toFloat64(materialize(ctx, a)));
        const keywords = sample.kwargs
          ? (toFloat64(materialize(ctx, sample.kwargs)) as Record<string, unknown>)
          : undefined;
        const args = overload.bind(positional, keywords);
        const inputs = tensorInputs(args);
        if (inputs.length === 0) return;
        const run = () => floatOutputs(overload.impl(overload.bind(positional, keywords), ctx, overload));
        // The float64 copies may make a call PyTorch would reject (mixed dtypes): nothing to check.
        let outputs: (TensorLike | null)[];
        try {
          outputs = run();
        } catch {
          return;
        }
        if (outputs.every((o) => o === null)) return;
        // Finite differences need float64 outputs (a cast to float32 rounds them away), and a
        // deterministic op (random ops give other values on every run).
        if (outputs.some((o) => o !== null && o.dtype !== 'float64')) return;
        const again = run();
        if (
          outputs.some(
            (o, k) => o && tensorValues(ctx, o).some((v, j) => !Object.is(v, tensorValues(ctx, again[k]!)[j])),
          )
        )
          return;
        const sb = new SampleBuilder(`${op.name}/${si}/v`);
        const differentiable = op.definition.outputDifferentiability;
        const weights = outputs.map((o, k) =>
          o && (differentiable === undefined || differentiable[k])
            ? Array.from({ length: helpers.numel(o.sizes) }, () => sb.random() * 2 - 1)
            : null,
        );
        const grads = outputs.map((o, k) =>
          o && weights[k] ? tensorFromValues(ctx, weights[k]!, o.sizes, 'float64') : null,
        );
        const result = overload.impl(overload.bind(positional, keywords), ctx, overload);
        const rule = op.derivativeFor(overload)!;
        const analytic = rule(ctx.F, { ...args, grad: grads[0], grads, result });
        for (const { name, index, t } of inputs) {
          let g = analytic[name];
          if (index !== null) g = Array.isArray(g) ? g[index] : undefined;
          const n = helpers.numel(t.sizes);
          if (g === undefined || g === null) {
            // No gradient claimed: the loss must not depend on this input.
            continue;
          }
          expect(ctx.isTensor(g), `gradient of ${name} must be a tensor`).toBe(true);
          expect([...(g as TensorLike).sizes], `gradient of ${name}: sizes`).toEqual([...t.sizes]);
          const gv = tensorValues(ctx, g as TensorLike);
          const eps = 1e-6;
          const l0 = loss(outputs, weights);
          for (let i = 0; i < Math.min(n, MAX_ELEMENTS_PER_INPUT); i++) {
            const x0 = tensorValues(ctx, t)[i];
            // A step that leaves the op's domain (std < 0, p > 1) leaves nothing to compare.
            let lp: number;
            let lm: number;
            try {
              setElement(t, i, x0 + eps);
              lp = loss(run(), weights);
              setElement(t, i, x0 - eps);
              lm = loss(run(), weights);
            } catch {
              continue;
            } finally {
              setElement(t, i, x0);
            }
            const numeric = (lp - lm) / (2 * eps);
            // Where the loss is not finite around x, or its one-sided slopes differ (a kink: relu at
            // 0, a tie in max or sort), there is no derivative to check; PyTorch's rules pick a side.
            if (!Number.isFinite(numeric) || !Number.isFinite(lp) || !Number.isFinite(lm)) continue;
            const right = (lp - l0) / eps;
            const left = (l0 - lm) / eps;
            if (Math.abs(right - left) > 1e-3 * (1 + Math.abs(numeric))) continue;
            // A jump (sign at 0, round at .5) moves the loss by O(1) over the step.
            if (Math.abs(lp - lm) > 1e-3) continue;
            expect(
              Math.abs(gv[i] - numeric),
              `d/d${name}[${i}]: rule ${gv[i]}, finite difference ${numeric}`,
            ).toBeLessThanOrEqual(1e-4 + 1e-3 * Math.abs(numeric));
          }
        }
      });
    });
  });
}
