/**
 * Every differentiable op through the tape: for each op sample with floating inputs (functional
 * and in-place overloads), the inputs become float64 leaves, L = sum(op(inputs) * v) for a fixed
 * random v is recorded by the autograd mode and walked back, and the leaves' gradients must match
 * central differences of L. This checks what the ops' own gradcheck cannot: how the engine maps
 * arguments to slots (tensor lists, broadcasting, several outputs, outputs that got no gradient)
 * and handles in-place overloads (self copied to a non-leaf first, so the op may write it).
 */
import { allOps, helpers, materialize, type Overload, type Sample, SampleBuilder } from '@tsjit/ops';
import {
  dispatch,
  eagerContext,
  opRegistry,
  readValues,
  type Tensor,
  Tensor as TensorClass,
  torchOps,
} from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { installAutograd, noGrad } from '../src/index.js';

installAutograd();

// biome-ignore lint/suspicious/noExplicitAny: ops are called with PyTorch's loose argument kinds.
const T = torchOps as any;
const ctx = eagerContext;
const MAX_ELEMENTS_PER_INPUT = 6;
const isFloat = (v: unknown): v is Tensor =>
  v instanceof TensorClass && (v.dtype === 'float32' || v.dtype === 'float64');

function toFloat64(v: unknown): unknown {
  if (isFloat(v)) return helpers.clone(ctx, v, 'float64');
  if (Array.isArray(v)) return Object.isFrozen(v) ? Object.freeze(v.map(toFloat64)) : v.map(toFloat64);
  return v;
}

function leaves(v: unknown, out: Tensor[] = []): Tensor[] {
  if (isFloat(v)) out.push(v);
  else if (Array.isArray(v)) for (const e of v) leaves(e, out);
  return out;
}

function floatOutputs(result: unknown): (Tensor | null)[] {
  const list = Array.isArray(result) ? result : [result];
  return list.map((r) => (isFloat(r) ? r : null));
}

/** Element i (row-major) of a float64 tensor, in place whatever its strides. */
function at(t: Tensor, i: number): number {
  let pos = t.offset;
  for (let d = t.sizes.length - 1; d >= 0; d--) {
    pos += (i % t.sizes[d]) * t.strides[d];
    i = Math.floor(i / t.sizes[d]);
  }
  return pos;
}
const view = (t: Tensor) => new Float64Array(t.data.buffer, t.data.byteOffset, t.data.byteLength / 8);

function eligible(overload: Overload, sample: Sample): boolean {
  if (sample.error || sample.check === 'meta' || sample.noGradcheck) return false;
  if (overload.outNames.length) return false;
  return overload.op.derivativeFor(overload) !== undefined;
}

const registry = opRegistry();
let checked = 0;

for (const op of allOps) {
  if (op.definition.derivative === undefined) continue;
  const samples = op.definition.samples(new SampleBuilder(op.name));
  const find = (s: Sample) => registry.find(s.overload.includes('::') ? s.overload : `aten::${s.overload}`);
  if (!samples.some((s) => find(s) && eligible(find(s)!, s))) continue;
  describe(op.name, () => {
    samples.forEach((sample, si) => {
      const overload = find(sample);
      if (!overload || !eligible(overload, sample)) return;
      it(`${si}: ${sample.overload}`, () => {
        const positional = sample.args.map((a) => toFloat64(materialize(ctx, a)));
        const keywords = sample.kwargs
          ? (toFloat64(materialize(ctx, sample.kwargs)) as Record<string, unknown>)
          : undefined;
        const inputs = [...leaves(positional), ...leaves(Object.values(keywords ?? {}))];
        if (inputs.length === 0) return;
        // An in-place op writes a copy of self (a non-leaf), so that the leaf stays the input.
        const call = () => {
          const args =
            overload.inplace && isFloat(positional[0]) ? [T.clone(positional[0]), ...positional.slice(1)] : positional;
          return floatOutputs(dispatch(overload, overload.bind(args, keywords)));
        };
        let plain: (Tensor | null)[];
        try {
          plain = noGrad(call);
        } catch {
          // The float64 copies may make a call PyTorch would reject (mixed dtypes): nothing to check.
          return;
        }
        if (plain.every((o) => o === null)) return;
        // Finite differences need float64 outputs (a cast to float32 rounds them away).
        if (plain.some((o) => o !== null && o.dtype !== 'float64')) return;
        const again = noGrad(call);
        const same = plain.every((o, k) => {
          if (o === null) return true;
          const a = readValues(o);
          const b = readValues(again[k] as Tensor);
          return a.every((x, j) => Object.is(x, b[j]));
        });
        // Random ops give other values on every run: no finite differences.
        if (!same) return;
        const differentiable = op.definition.outputDifferentiability;
        const sb = new SampleBuilder(`${op.name}/${si}/tape`);
        const weights = plain.map((o, k) =>
          o && (differentiable === undefined || differentiable[k])
            ? T.reshape(
                T.tensor(
                  Array.from({ length: o.numel() }, () => sb.random() * 2 - 1),
                  { dtype: 'float64' },
                ),
                o.sizes,
              )
            : null,
        );
        const loss = (outs: (Tensor | null)[]): Tensor | null => {
          let s: Tensor | null = null;
          outs.forEach((o, k) => {
            const w = weights[k];
            if (o === null || w === null) return;
            const term = T.sum(T.mul(o, w.dtype === o.dtype ? w : T.to(w, o.dtype)));
            s = s === null ? term : T.add(s, term);
          });
          return s;
        };
        for (const t of inputs) t.requiresGrad_();
        const l = loss(call());
        for (const t of inputs) t.requiresGrad = false;
        if (l === null || !(l as Tensor).requiresGrad) return;
        try {
          (l as Tensor).backward();
        } catch (e) {
          // A rule that declares itself unimplemented (scatter with reduce, as in PyTorch) fails here.
          if (/with a reduce argument is not implemented/.test((e as Error).message)) return;
          throw e;
        }
        const l0 = readValues(loss(plain) as Tensor)[0] as number;
        // A loss of 1e308 (nan_to_num's replacement of inf) leaves no digits for a 1e-6 step.
        if (!(Math.abs(l0) < 1e6)) return;
        const evalLoss = () => readValues(noGrad(() => loss(call())) as Tensor)[0] as number;
        inputs.forEach((t, n) => {
          const g = t.grad;
          if (g === null) return;
          expect([...g.sizes], `gradient of input ${n}: sizes`).toEqual([...t.sizes]);
          const gv = readValues(g) as number[];
          const data = view(t);
          const eps = 1e-6;
          for (let i = 0; i < Math.min(t.numel(), MAX_ELEMENTS_PER_INPUT); i++) {
            const p = at(t, i);
            const x0 = data[p];
            let lp: number;
            let lm: number;
            try {
              data[p] = x0 + eps;
              lp = evalLoss();
              data[p] = x0 - eps;
              lm = evalLoss();
            } catch {
              continue;
            } finally {
              data[p] = x0;
            }
            const numeric = (lp - lm) / (2 * eps);
            // No derivative to compare at a kink, a jump or outside the domain (as the ops' gradcheck).
            if (!Number.isFinite(numeric) || !Number.isFinite(lp) || !Number.isFinite(lm)) continue;
            if (Math.abs((lp - l0) / eps - (l0 - lm) / eps) > 1e-3 * (1 + Math.abs(numeric))) continue;
            if (Math.abs(lp - lm) > 1e-3) continue;
            checked++;
            expect(
              Math.abs(gv[i] - numeric),
              `d/d input ${n} [${i}]: tape ${gv[i]}, finite difference ${numeric}`,
            ).toBeLessThanOrEqual(1e-4 + 1e-3 * Math.abs(numeric));
          }
        });
      });
    });
  });
}

describe('coverage', () => {
  it('compared a substantial number of gradient elements', () => {
    expect(checked).toBeGreaterThan(1000);
  });
});
