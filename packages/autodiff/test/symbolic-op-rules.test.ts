/**
 * Every derivative rule interpreted symbolically against the same rule run eagerly: for each op
 * sample with floating inputs (as gradcheck.test.ts in @tsjit/ops picks them), a one-node graph of
 * the sampled overload is differentiated, its backward graph run, and each input's gradient must
 * equal what the rule computes with eager tensors. Ops whose rules have no symbolic form are
 * listed with the reason.
 */
import { Graph, type Value } from '@tsjit/ir';
import {
  allOps,
  isFloatingDtype,
  materialize,
  type Overload,
  type Sample,
  SampleBuilder,
  tensorFromValues,
} from '@tsjit/ops';
import { dispatch, eagerContext, opRegistry, Tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { differentiate, emitOverload, SymbolicGradientError, SymTensor, type TensorInfo } from '../src/index.js';
import { flat, profileOf, runGraph } from './symbolic-helpers.js';

const registry = opRegistry();
const isTensor = (v: unknown): v is Tensor => v instanceof Tensor;
const isFloat = (v: unknown): v is Tensor => isTensor(v) && isFloatingDtype(v.dtype);

function toFloat64(v: unknown): unknown {
  if (isFloat(v))
    return dispatch(registry.find('aten::to.dtype')!, {
      self: v,
      dtype: 7,
      non_blocking: false,
      copy: true,
      memory_format: null,
    });
  if (Array.isArray(v)) return v.map(toFloat64);
  return v;
}

interface Outcome {
  readonly key: string;
  readonly status: 'same' | 'refused' | 'skipped';
  readonly reason?: string;
}

/** Builds the one-node graph, differentiates it, compares with the eager rule; throws on a mismatch. */
function compare(overload: Overload, sample: Sample): Outcome {
  const key = `${overload.op.name}/${sample.overload}`;
  const positional = sample.args.map((a) => toFloat64(materialize(eagerContext, a)));
  const keywords = sample.kwargs
    ? (toFloat64(materialize(eagerContext, sample.kwargs)) as Record<string, unknown>)
    : undefined;
  let bound: Record<string, unknown>;
  let result: unknown;
  try {
    bound = overload.bind(positional, keywords);
    result = dispatch(overload, { ...bound });
  } catch {
    return { key, status: 'skipped', reason: 'the float64 call fails' };
  }
  const outputs = Array.isArray(result) ? (result as unknown[]) : [result];
  const differentiable = overload.op.definition.outputDifferentiability;
  const weights = outputs.map((o, k) =>
    isFloat(o) && (differentiable === undefined || differentiable[k])
      ? tensorFromValues(
          eagerContext,
          Array.from({ length: o.numel() }, (_, i) => Math.cos(i * 0.7 + k)),
          o.sizes,
          'float64',
        )
      : null,
  );
  if (weights.every((w) => w === null)) return { key, status: 'skipped', reason: 'no floating output' };
  const rule = overload.op.derivativeFor(overload)!;
  let eager: Record<string, unknown>;
  try {
    eager = rule(eagerContext.F, { ...bound, grad: weights[0], grads: weights, result });
  } catch {
    return { key, status: 'skipped', reason: 'the eager rule fails on this sample' };
  }
  // The forward graph: a tensor argument (or a tensor in a list) is a graph input, the rest constants.
  const g = new Graph();
  const reader = { assume: () => {}, assumeData: () => {} };
  const inputValues: unknown[] = [];
  const targets: { name: string; index: number | null }[] = [];
  const symArgs: Record<string, unknown> = {};
  const asInput = (t: Tensor, name: string, index: number | null) => {
    inputValues.push(t);
    targets.push({ name, index });
    return new SymTensor(reader, { backward: g.addInput() }, { sizes: t.sizes, dtype: t.dtype });
  };
  for (const [name, v] of Object.entries(bound)) {
    if (isTensor(v)) symArgs[name] = asInput(v, name, null);
    else if (Array.isArray(v) && v.some(isTensor))
      symArgs[name] = v.map((e, i) => (isTensor(e) ? asInput(e, name, i) : e));
    else symArgs[name] = v;
  }
  const host = {
    backward: g,
    registry,
    backwardValue: (t: SymTensor) => t.backward!,
    sizesValue: () => {
      throw new Error('unused');
    },
    newTensor: (value: Value, info: TensorInfo | undefined) => new SymTensor(reader, { backward: value }, info),
  };
  let emitted: unknown;
  try {
    emitted = emitOverload(host, overload, symArgs);
  } catch (e) {
    return { key, status: 'skipped', reason: `cannot build the forward graph: ${(e as Error).message}` };
  }
  const results = Array.isArray(emitted) ? emitted : [emitted];
  for (const r of results) g.registerOutput((r as SymTensor).backward!);
  const requiring = inputValues.flatMap((t, i) => (isFloat(t) ? [i] : []));
  if (requiring.length === 0) return { key, status: 'skipped', reason: 'no floating input' };
  const run = runGraph(g, inputValues);
  let gradient: ReturnType<typeof differentiate>;
  try {
    gradient = differentiate(g, { inputsRequiringGrad: requiring, profile: profileOf(run.values) });
  } catch (e) {
    if (SymbolicGradientError.isInstance(e)) return { key, status: 'refused', reason: (e as Error).message };
    throw e;
  }
  const fwd = runGraph(gradient.forward, inputValues).outputs;
  const flatWeights = results.length === 1 && Array.isArray(result) && !Array.isArray(emitted) ? [weights[0]] : weights;
  const grads = gradient.gradOutputs.map((p) => flatWeights[p.output]);
  const back = runGraph(gradient.backward, [
    ...grads,
    ...fwd.slice(gradient.realOutputs, gradient.realOutputs + gradient.captured),
  ]).outputs;
  gradient.gradInputs.forEach((input, k) => {
    const { name, index } = targets[input];
    let want = eager[name];
    if (index !== null) want = Array.isArray(want) ? want[index] : undefined;
    const got = back[k];
    if (want === undefined || want === null) {
      expect(got === null || got === undefined, `${key}: d/d${name}: the eager rule gives none`).toBe(true);
      return;
    }
    expect(isTensor(got), `${key}: d/d${name} is a tensor`).toBe(true);
    const a = flat(got as Tensor);
    const b = flat(want as Tensor);
    expect(a.length, `${key}: d/d${name} numel`).toBe(b.length);
    a.forEach((x, i) => {
      if (Number.isNaN(b[i]) || !Number.isFinite(b[i]))
        expect(Object.is(x, b[i]), `${key}: d/d${name}[${i}] ${x} vs ${b[i]}`).toBe(true);
      else
        expect(Math.abs(x - b[i]), `${key}: d/d${name}[${i}] ${x} vs ${b[i]}`).toBeLessThanOrEqual(
          1e-9 * (1 + Math.abs(b[i])),
        );
    });
  });
  return { key, status: 'same' };
}

const outcomes: Outcome[] = [];

describe('every derivative rule, symbolically vs eagerly', () => {
  for (const op of allOps) {
    if (op.definition.derivative === undefined) continue;
    const samples = op.definition.samples(new SampleBuilder(op.name));
    samples.forEach((sample, si) => {
      if (sample.error || sample.check === 'meta' || sample.noGradcheck) return;
      const overload = registry.find(sample.overload.includes('::') ? sample.overload : `aten::${sample.overload}`);
      if (!overload || overload.inplace || overload.outNames.length || !overload.op.derivativeFor(overload)) return;
      it(`${op.name} ${si}: ${sample.overload}`, () => {
        outcomes.push(compare(overload, sample));
      });
    });
  }
  it('summary: every eligible sample differentiates symbolically', () => {
    const by = (s: string) => outcomes.filter((o) => o.status === s);
    // Refusals would be listed here with their reasons; every rule has a symbolic form today
    // (data-dependent ones read the profiled contents of integer tensors, under a guard).
    expect(by('refused').map((o) => `${o.key}: ${o.reason}`)).toEqual([]);
    expect(by('same').length).toBeGreaterThan(3800);
  });
});
