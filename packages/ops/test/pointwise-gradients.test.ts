/**
 * The pointwise family's derivative rules against central finite differences in float64: for a
 * random upstream gradient g, d/dx sum(g * f(x)) must equal what the rule returns. Inputs keep away
 * from kinks and poles (where gradcheck.test.ts, on the ops' samples, has to skip elements).
 */
import { describe, expect, it } from 'vitest';
import {
  allOps,
  FloatScalar,
  OpRegistry,
  plainContext,
  type TensorLike,
  tensorFromValues,
  tensorValues,
} from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);
const F = ctx.F;

type Args = Record<string, unknown>;
interface Case {
  readonly overload: string;
  /** Values of the differentiable tensor inputs, by argument name. */
  readonly inputs: Record<string, readonly number[]>;
  /** The other arguments (scalars, flags). */
  readonly extra?: Args;
}

const N = 5;
const spread = (lo: number, hi: number) => Array.from({ length: N }, (_, i) => lo + ((hi - lo) * (i + 0.37)) / N);
const g = [0.7, -1.3, 0.4, 2.1, -0.6];

function tensor(values: readonly number[]): TensorLike {
  return tensorFromValues(ctx, values, [values.length], 'float64');
}

function run(overloadName: string, args: Args): TensorLike {
  const o = registry.find(`aten::${overloadName}`)!;
  return o.impl(o.bind([], args), ctx, o);
}

function weightedSum(t: TensorLike): number {
  return tensorValues(ctx, t).reduce((s, v, i) => s + v * g[i % g.length], 0);
}

function check(c: Case): void {
  const o = registry.find(`aten::${c.overload}`);
  expect(o, c.overload).toBeDefined();
  const args: Args = { ...c.extra };
  for (const [name, values] of Object.entries(c.inputs)) args[name] = tensor(values);
  const result = run(c.overload, args);
  const grad = tensor(g.slice(0, tensorValues(ctx, result).length));
  const rule = o!.op.derivativeFor(o!);
  expect(rule, `${c.overload} has a derivative rule`).toBeDefined();
  const grads = rule!(F, { ...args, grad, grads: [grad], result });
  for (const [name, values] of Object.entries(c.inputs)) {
    const analytic = tensorValues(ctx, grads[name] as TensorLike);
    const h = 1e-6;
    values.forEach((_, i) => {
      const at = (delta: number) => {
        const moved = values.map((v, j) => (j === i ? v + delta : v));
        return weightedSum(run(c.overload, { ...args, [name]: tensor(moved) }));
      };
      const numeric = (at(h) - at(-h)) / (2 * h);
      expect(
        Math.abs(analytic[i] - numeric),
        `${c.overload} d/d${name}[${i}]: ${analytic[i]} vs ${numeric}`,
      ).toBeLessThan(1e-5 + 1e-5 * Math.abs(numeric));
    });
  }
}

const unary = (overload: string, lo: number, hi: number, extra?: Args): Case => ({
  overload,
  inputs: { self: spread(lo, hi) },
  extra,
});

const UNARY: Case[] = [
  unary('abs', -2, 2),
  unary('neg', -2, 2),
  unary('sqrt', 0.3, 3),
  unary('rsqrt', 0.3, 3),
  unary('reciprocal', 0.3, 3),
  unary('square', -2, 2),
  unary('exp', -2, 2),
  unary('exp2', -2, 2),
  unary('expm1', -2, 2),
  unary('log', 0.3, 3),
  unary('log2', 0.3, 3),
  unary('log10', 0.3, 3),
  unary('log1p', -0.5, 3),
  unary('sin', -2, 2),
  unary('cos', -2, 2),
  unary('tan', -1, 1),
  unary('asin', -0.8, 0.8),
  unary('acos', -0.8, 0.8),
  unary('atan', -2, 2),
  unary('sinh', -2, 2),
  unary('cosh', -2, 2),
  unary('tanh', -2, 2),
  unary('asinh', -2, 2),
  unary('acosh', 1.5, 3),
  unary('atanh', -0.8, 0.8),
  unary('sigmoid', -2, 2),
  unary('erf', -2, 2),
  unary('erfc', -2, 2),
  unary('erfinv', -0.8, 0.8),
  unary('lgamma', 0.5, 3),
  unary('digamma', 0.5, 3),
  unary('frac', 0.1, 0.9),
  unary('nan_to_num', -2, 2),
  unary('deg2rad', -2, 2),
  unary('rad2deg', -2, 2),
  unary('positive', -2, 2),
  unary('relu', -2, 2),
  unary('polygamma', 0.5, 3, { n: 1 }),
  unary('threshold', -2, 2, { threshold: 0.1, value: 5 }),
  unary('clamp', -2, 2, { min: -1, max: new FloatScalar(1) }),
  unary('clamp', -2, 2, { min: null, max: 0.5 }),
  unary('clamp_min', -2, 2, { min: 0.25 }),
  unary('clamp_max', -2, 2, { max: 0.25 }),
  unary('pow.Tensor_Scalar', 0.3, 3, { exponent: 2.5 }),
  unary('pow.Tensor_Scalar', -2, 2, { exponent: 3 }),
  unary('sub.Scalar', -2, 2, { other: 3, alpha: 2 }),
  unary('rsub.Scalar', -2, 2, { other: 3, alpha: 2 }),
  unary('div.Scalar', -2, 2, { other: 3 }),
  unary('remainder.Scalar', 0.1, 2.9, { other: 1.5 }),
  unary('fmod.Scalar', -2.9, -0.1, { other: 1.5 }),
  unary('copysign.Scalar', 0.2, 2, { other: -1 }),
  unary('xlogy.Scalar_Other', 0.2, 2, { other: 3 }),
  unary('sinc', -2, 2),
  unary('logit', 0.1, 0.9),
  unary('logit', 0.05, 0.95, { eps: new FloatScalar(0.2) }),
  unary('lerp.Scalar', -2, 2, { end: tensor(spread(3, 1)), weight: 0.3 }),
  { overload: 'pow.Scalar', inputs: { exponent: spread(-2, 2) }, extra: { self: 2.5 } },
  { overload: 'xlogy.Scalar_Self', inputs: { other: spread(0.5, 3) }, extra: { self: 2 } },
];

const binary = (overload: string, self: readonly number[], other: readonly number[], extra?: Args): Case => ({
  overload,
  inputs: { self, other },
  extra,
});

const BINARY: Case[] = [
  binary('add.Tensor', spread(-2, 2), spread(1, -1), { alpha: 3 }),
  binary('mul.Tensor', spread(-2, 2), spread(1, -1)),
  binary('sub.Tensor', spread(-2, 2), spread(1, -1), { alpha: 2 }),
  binary('rsub.Tensor', spread(-2, 2), spread(1, -1), { alpha: 2 }),
  binary('div.Tensor', spread(-2, 2), spread(0.5, 3)),
  binary('remainder.Tensor', spread(0.1, 2.9), spread(1.7, 1.9)),
  binary('fmod.Tensor', spread(-2.9, -0.1), spread(1.7, 1.9)),
  binary('atan2', spread(-2, 2), spread(0.5, 3)),
  binary('maximum', spread(-2, 2), spread(1, -1)),
  binary('minimum', spread(-2, 2), spread(1, -1)),
  binary('fmax', spread(-2, 2), spread(1, -1)),
  binary('fmin', spread(-2, 2), spread(1, -1)),
  binary('hypot', spread(-2, 2), spread(0.5, 3)),
  binary('copysign.Tensor', spread(0.3, 2), spread(1, -1)),
  binary('xlogy.Tensor', spread(-2, 2), spread(0.5, 3)),
  binary('logaddexp', spread(-2, 2), spread(1, -1)),
  binary('logaddexp2', spread(-2, 2), spread(1, -1)),
  binary('ldexp.Tensor', spread(-2, 2), spread(1, -1)),
  { overload: 'pow.Tensor_Tensor', inputs: { self: spread(0.3, 3), exponent: spread(-2, 2) } },
  { overload: 'where.self', inputs: { self: spread(-2, 2), other: spread(1, -1) }, extra: { condition: null } },
  {
    overload: 'clamp.Tensor',
    inputs: { self: spread(-2, 2), min: [-1, 0.5, -3, 1.5, 0], max: [1, 2, -2.5, 1.8, 3] },
  },
  { overload: 'clamp_min.Tensor', inputs: { self: spread(-2, 2), min: spread(1, -1) } },
  { overload: 'clamp_max.Tensor', inputs: { self: spread(-2, 2), max: spread(1, -1) } },
  { overload: 'lerp.Tensor', inputs: { self: spread(-2, 2), end: spread(1, 3), weight: spread(0.1, 0.9) } },
  {
    overload: 'addcmul',
    inputs: { self: spread(-2, 2), tensor1: spread(1, -1), tensor2: spread(0.5, 2) },
    extra: { value: 0.5 },
  },
  {
    overload: 'addcdiv',
    inputs: { self: spread(-2, 2), tensor1: spread(1, -1), tensor2: spread(0.5, 2) },
    extra: { value: 2 },
  },
  {
    overload: 'threshold_backward',
    inputs: { grad_output: spread(-2, 2) },
    extra: { self: tensor(spread(-1, 1)), threshold: 0.1 },
  },
  { overload: 'tanh_backward', inputs: { grad_output: spread(-2, 2), output: spread(-0.9, 0.9) } },
  { overload: 'sigmoid_backward', inputs: { grad_output: spread(-2, 2), output: spread(0.1, 0.9) } },
];

describe('pointwise derivative rules match finite differences', () => {
  for (const c of UNARY) it(`${c.overload} ${JSON.stringify(c.extra ?? {})}`, () => check(c));
  for (const c of BINARY) {
    it(c.overload, () => {
      if ('condition' in (c.extra ?? {})) {
        const condition = tensorFromValues(ctx, [true, false, true, true, false], [5], 'bool');
        check({ ...c, extra: { ...c.extra, condition } });
      } else {
        check(c);
      }
    });
  }
});
