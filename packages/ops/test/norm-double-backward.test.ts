/**
 * The double-backward rules of the norm backward ops treat the saved statistics (mean, rstd /
 * invstd) as functions of input, as PyTorch's rules do (the statistics are non-differentiable
 * inputs there). The generic gradcheck holds them fixed, so these rules are checked here against
 * central differences of the composite x -> backward(g, x, stats(x), w), with the statistics
 * recomputed by the forward op (eps = 0, as the rules assume var(xhat) = 1).
 */
import { describe, expect, it } from 'vitest';
import type { TensorLike } from '../src/index.js';
import { allOps, OpRegistry, plainContext, tensorFromValues, tensorValues } from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);
const F = ctx.F;

let seed = 271828;
function rand(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648 - 0.5;
}
function t(sizes: number[]): TensorLike {
  const n = sizes.reduce((a, b) => a * b, 1);
  return tensorFromValues(
    ctx,
    Array.from({ length: n }, () => rand() * 4),
    sizes,
    'float64',
  );
}
function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * `build()` returns the backward op's arguments with statistics computed from the current input;
 * `wrt` names the tensors (by schema name) whose gradients are checked.
 */
function check(key: string, build: () => unknown[], wrt: Record<string, TensorLike>): void {
  const o = registry.find(`aten::${key}`)!;
  const run = () => {
    const r = o.impl(o.bind(build()), ctx, o);
    return (Array.isArray(r) ? r : [r]) as (TensorLike | null)[];
  };
  const bound = o.bind(build());
  const result = run();
  const vs = result.map((r) => (r ? t([...r.sizes]) : null));
  const rule = o.op.derivativeFor(o)!;
  const grads = rule(ctx.F, { ...bound, grad: vs[0], grads: vs, result });
  const vv = vs.map((v) => (v ? tensorValues(ctx, v) : []));
  const objective = () => run().reduce((acc, x, k) => acc + (x ? dot(tensorValues(ctx, x), vv[k]) : 0), 0);
  const h = 1e-6;
  for (const [name, x] of Object.entries(wrt)) {
    // No gradient claimed: the objective must not depend on this input.
    const g = grads[name] as TensorLike | null;
    if (g) expect([...g.sizes]).toEqual([...x.sizes]);
    const data = new Float64Array(x.data.buffer, x.data.byteOffset, x.data.byteLength / 8);
    for (let i = 0; i < data.length; i++) {
      const keep = data[i];
      data[i] = keep + h;
      const plus = objective();
      data[i] = keep - h;
      const minus = objective();
      data[i] = keep;
      const numeric = (plus - minus) / (2 * h);
      const analytic = g ? tensorValues(ctx, g) : new Array<number>(data.length).fill(0);
      expect(Math.abs(analytic[i] - numeric), `${key} d/d${name}[${i}]: ${analytic[i]} vs ${numeric}`).toBeLessThan(
        1e-5 * (1 + Math.abs(numeric)),
      );
    }
  }
}

describe('norm backward ops: double backward with statistics that follow the input', () => {
  it('native_layer_norm_backward', () => {
    for (const [sizes, shape, affine, mask] of [
      [[2, 3, 4], [4], true, [true, true, true]],
      [[2, 3, 2], [3, 2], false, [true, false, false]],
      [[3, 4], [4], true, [false, true, true]],
      [[4], [4], true, [true, true, true]],
    ] as [number[], number[], boolean, boolean[]][]) {
      const g = t(sizes);
      const x = t(sizes);
      const w = affine ? t(shape) : null;
      const b = affine ? t(shape) : null;
      const build = () => {
        const [, mean, rstd] = F.nativeLayerNorm(x, shape, null, null, 0);
        return [g, x, shape, mean, rstd, w, b, mask];
      };
      check('native_layer_norm_backward', build, { grad_out: g, input: x, ...(w ? { weight: w } : {}) });
    }
  });

  it('native_group_norm_backward', () => {
    for (const [sizes, group, mask] of [
      [[2, 4, 3], 2, [true, true, true]],
      [[2, 3, 2, 2], 3, [true, false, true]],
      [[3, 4], 1, [true, true, false]],
      [[2, 4, 3], 4, [false, true, true]],
    ] as [number[], number, boolean[]][]) {
      const [N, C] = sizes;
      const HxW = sizes.slice(2).reduce((p, s) => p * s, 1);
      const g = t(sizes);
      const x = t(sizes);
      const w = t([C]);
      const build = () => {
        const [, mean, rstd] = F.nativeGroupNorm(x, null, null, N, C, HxW, group, 0);
        return [g, x, mean, rstd, w, N, C, HxW, group, mask];
      };
      check('native_group_norm_backward', build, { grad_out: g, input: x, weight: w });
    }
  });

  it('native_batch_norm_backward (training: batch statistics)', () => {
    for (const [sizes, affine, mask] of [
      [[2, 3, 4], true, [true, true, true]],
      [[4, 3], false, [true, false, true]],
      [[2, 3], true, [false, true, true]],
      [[3, 2, 2, 2], true, [true, false, false]],
    ] as [number[], boolean, boolean[]][]) {
      const C = sizes[1];
      const g = t(sizes);
      const x = t(sizes);
      const w = affine ? t([C]) : null;
      const build = () => {
        const [, mean, invstd] = F.nativeBatchNorm(x, null, null, null, null, true, 0.1, 0);
        return [g, x, w, null, null, mean, invstd, true, 0, mask];
      };
      check('native_batch_norm_backward', build, { grad_out: g, input: x, ...(w ? { weight: w } : {}) });
    }
  });
});
