/**
 * The linalg derivative rules against central finite differences in float64, on hand-picked shapes
 * (batched and broadcast matmul, bilinear, tensordot, kron...) with every input element checked
 * (gradcheck.test.ts checks the ops' own samples and only their first elements).
 */
import { describe, expect, it } from 'vitest';
import {
  allOps,
  helpers,
  OpRegistry,
  plainContext,
  type TensorLike,
  tensorFromValues,
  tensorValues,
} from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);
const F = ctx.F;
const values = (t: TensorLike) => tensorValues(ctx, t);

type Arg = { shape: number[] } | unknown;
const isShape = (a: Arg): a is { shape: number[] } => typeof a === 'object' && a !== null && 'shape' in a;

function gradCheck(overload: string, args: Arg[], kwargs?: Record<string, unknown>): void {
  const o = registry.find(`aten::${overload}`);
  if (!o) throw new Error(`no overload ${overload}`);
  const rule = o.op.derivativeFor(o);
  if (!rule) throw new Error(`${overload} has no derivative rule`);
  const data = args.map((a, k) =>
    isShape(a)
      ? Array.from({ length: a.shape.reduce((x, y) => x * y, 1) }, (_, i) => Math.sin(1.7 * i + k) * 1.5)
      : null,
  );
  const build = (d: (number[] | null)[]) =>
    args.map((a, k) => (isShape(a) ? tensorFromValues(ctx, d[k] as number[], a.shape, 'float64') : a));
  const run = (d: (number[] | null)[]) => {
    const bound = build(d);
    return { bound, result: o.impl(o.bind(bound, kwargs), ctx, o) as TensorLike };
  };
  const { bound, result } = run(data);
  const w = Array.from({ length: Math.max(1, helpers.numel(result.sizes)) }, (_, i) => Math.cos(0.9 * i + 0.3));
  const grad = tensorFromValues(ctx, w, result.sizes, 'float64');
  const named = o.bind(bound, kwargs);
  const grads = rule(F, { ...named, grad, grads: [grad], result });
  const loss = (d: (number[] | null)[]) => values(run(d).result).reduce((a, v, i) => a + v * w[i], 0);
  const eps = 1e-6;
  args.forEach((a, k) => {
    if (!isShape(a)) return;
    const name = o.schema.arguments[k].name;
    const g = grads[name] as TensorLike;
    expect(g, `gradient of ${name}`).toBeTruthy();
    expect([...g.sizes], `sizes of the gradient of ${name}`).toEqual(a.shape);
    const gv = values(g);
    (data[k] as number[]).forEach((x, i) => {
      const plus = data.map((v) => (v ? [...v] : v));
      const minus = data.map((v) => (v ? [...v] : v));
      (plus[k] as number[])[i] = x + eps;
      (minus[k] as number[])[i] = x - eps;
      const numeric = (loss(plus) - loss(minus)) / (2 * eps);
      if (Math.abs(gv[i] - numeric) > 1e-5 * Math.max(1, Math.abs(numeric))) {
        expect.fail(`${overload} d/d${name}[${i}]: rule ${gv[i]}, finite differences ${numeric}`);
      }
    });
  });
}

const s = (...shape: number[]) => ({ shape });

describe('linalg derivative rules match finite differences', () => {
  const cases: [string, Arg[], Record<string, unknown>?][] = [
    ['mm', [s(2, 3), s(3, 4)]],
    ['bmm', [s(2, 2, 3), s(2, 3, 2)]],
    ['mv', [s(2, 3), s(3)]],
    ['dot', [s(4), s(4)]],
    ['vdot', [s(3), s(3)]],
    ['outer', [s(2), s(3)]],
    ['ger', [s(3), s(2)]],
    ['matmul', [s(3), s(3)]],
    ['matmul', [s(2, 3), s(3)]],
    ['matmul', [s(3), s(3, 2)]],
    ['matmul', [s(2, 3), s(3, 2)]],
    ['matmul', [s(2, 2, 3), s(3)]],
    ['matmul', [s(3), s(2, 3, 2)]],
    ['matmul', [s(2, 2, 3), s(3, 2)]],
    ['matmul', [s(2, 1, 2, 3), s(3, 3, 2)]],
    ['addmm', [s(2, 4), s(2, 3), s(3, 4)]],
    ['addmm', [s(4), s(2, 3), s(3, 4)], { beta: 0.5, alpha: 2 }],
    ['addmv', [s(1), s(2, 3), s(3)], { beta: 3, alpha: -1 }],
    ['baddbmm', [s(2, 1), s(3, 2, 3), s(3, 3, 2)], { beta: 0.5, alpha: 2 }],
    ['addbmm', [s(2, 2), s(3, 2, 3), s(3, 3, 2)], { beta: 2, alpha: 0.5 }],
    ['linear', [s(2, 3), s(4, 3), s(4)]],
    ['linear', [s(3), s(4, 3)]],
    ['linear', [s(2, 2, 3), s(4, 3), s(4)]],
    ['linear', [s(2, 3), s(3)]],
    ['bilinear', [s(2, 3), s(2, 2), s(4, 3, 2), s(4)]],
    ['tensordot', [s(2, 3, 2), s(2, 3, 4), [1, 0], [1, 0]]],
    ['tensordot', [s(2, 3), s(2), [], []]],
    ['kron', [s(2, 3), s(2, 2)]],
    ['kron', [s(3), s(2, 2)]],
    ['trace', [s(3, 4)]],
    ['matrix_power', [s(3, 3), 3]],
    ['matrix_power', [s(2, 2, 2), 2]],
    ['linalg_matrix_power', [s(2, 2), 4]],
  ];
  for (const [overload, args, kwargs] of cases) {
    const label = args.map((a) => (isShape(a) ? `[${a.shape}]` : JSON.stringify(a))).join(', ');
    it(`${overload}(${label})${kwargs ? ` ${JSON.stringify(kwargs)}` : ''}`, () => gradCheck(overload, args, kwargs));
  }
});
