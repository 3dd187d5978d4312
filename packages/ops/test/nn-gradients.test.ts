/**
 * Finite-difference checks (float64, central differences) of the nn ops' derivative rules whose
 * F calls all exist on this branch: <rule(v), e_i> must match d<f(x), v>/dx_i for every input
 * element (a directional check per element, so a wrong index mapping or scale fails).
 */
import { describe, expect, it } from 'vitest';
import type { TensorLike } from '../src/index.js';
import { allOps, OpRegistry, plainContext, tensorFromValues, tensorValues } from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);

let seed = 12345;
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
function ints(values: number[], sizes = [values.length]): TensorLike {
  return tensorFromValues(ctx, values, sizes, 'int64');
}

function call(key: string, args: unknown[]): { result: unknown; bound: Record<string, unknown> } {
  const o = registry.find(`aten::${key}`);
  if (!o) throw new Error(`no overload ${key}`);
  const bound = o.bind(args);
  return { result: o.impl(bound, ctx, o), bound };
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Checks the rule's gradient of every input named in `wrt` (positional index) against central differences. */
function gradcheck(key: string, args: unknown[], wrt: Record<string, number>): void {
  const o = registry.find(`aten::${key}`)!;
  const { result, bound } = call(key, args);
  // One random cotangent per tensor result: the objective is sum_k <result_k, v_k>.
  const outs = (Array.isArray(result) ? result : [result]) as (TensorLike | null)[];
  const vs = outs.map((r) => (r ? t([...r.sizes]) : null));
  const rule = o.op.derivativeFor(o)!;
  expect(rule, `${key} has a derivative rule`).toBeDefined();
  const grads = rule(ctx.F, { ...bound, grad: vs[0], grads: vs, result });
  const vv = vs.map((v) => (v ? tensorValues(ctx, v) : []));
  const objective = () => {
    const r = call(key, args).result;
    const list = (Array.isArray(r) ? r : [r]) as (TensorLike | null)[];
    return list.reduce((acc, x, k) => acc + (x ? dot(tensorValues(ctx, x), vv[k]) : 0), 0);
  };
  const h = 1e-6;
  for (const [name, pos] of Object.entries(wrt)) {
    const x = args[pos] as TensorLike;
    const analytic = tensorValues(ctx, grads[name]);
    const data = new Float64Array(x.data.buffer, x.data.byteOffset, x.data.byteLength / 8);
    expect(analytic.length).toBe(data.length);
    for (let i = 0; i < data.length; i++) {
      const keep = data[i];
      data[i] = keep + h;
      const plus = objective();
      data[i] = keep - h;
      const minus = objective();
      data[i] = keep;
      const numeric = (plus - minus) / (2 * h);
      expect(Math.abs(analytic[i] - numeric), `${key} d/d${name}[${i}]: ${analytic[i]} vs ${numeric}`).toBeLessThan(
        1e-5 * (1 + Math.abs(numeric)),
      );
    }
  }
}

describe('nn derivative rules (finite differences)', () => {
  it('conv2d: stride, padding, dilation, groups', () => {
    gradcheck('conv2d', [t([2, 4, 5, 6]), t([4, 2, 2, 3]), t([4]), [2, 1], [1, 0], [1, 2], 2], {
      input: 0,
      weight: 1,
      bias: 2,
    });
  });
  it("conv1d.padding 'same' with an even kernel (asymmetric padding)", () => {
    gradcheck('conv1d.padding', [t([1, 2, 5]), t([3, 2, 4]), t([3]), [1], 'same', [1], 1], { input: 0, weight: 1 });
  });
  it('conv_transpose2d with output_padding and groups', () => {
    gradcheck('conv_transpose2d.input', [t([1, 4, 3, 2]), t([4, 1, 2, 2]), t([2]), [2, 2], [1, 0], [1, 1], 2, [1, 1]], {
      input: 0,
      weight: 1,
      bias: 2,
    });
  });
  it('convolution (3-d, transposed)', () => {
    gradcheck(
      'convolution',
      [t([1, 2, 2, 2, 3]), t([2, 2, 2, 1, 2]), null, [2, 1, 1], [0, 0, 1], [1, 1, 1], true, [1, 0, 0], 1],
      {
        input: 0,
        weight: 1,
      },
    );
  });
  it('max_pool2d and max_pool3d_with_indices', () => {
    gradcheck('max_pool2d', [t([1, 2, 5, 5]), [3, 3], [2, 2], [1, 1], [1, 1], true], { self: 0 });
    gradcheck('max_pool3d_with_indices', [t([1, 1, 3, 4, 4]), [2, 2, 2], [1, 2, 2], [0, 1, 1], [1, 1, 1], false], {
      self: 0,
    });
  });
  it('avg_pool2d: ceil_mode, count_include_pad, divisor_override', () => {
    gradcheck('avg_pool2d', [t([1, 2, 5, 5]), [3, 2], [2, 2], [1, 1], true, true, null], { self: 0 });
    gradcheck('avg_pool2d', [t([1, 1, 5, 5]), [3, 3], [2, 2], [1, 1], true, false, null], { self: 0 });
    gradcheck('avg_pool3d', [t([1, 1, 4, 3, 3]), [2, 2, 2], [1, 1, 2], [1, 0, 1], false, true, 3], { self: 0 });
  });
  it('adaptive pools', () => {
    gradcheck('adaptive_avg_pool2d', [t([1, 2, 5, 3]), [3, 2]], { self: 0 });
    gradcheck('adaptive_avg_pool3d', [t([1, 1, 3, 4, 5]), [2, 3, 2]], { self: 0 });
    gradcheck('adaptive_max_pool2d', [t([2, 5, 4]), [3, 3]], { self: 0 });
  });
  it('upsampling: every interpolation mode', () => {
    gradcheck('upsample_bilinear2d.vec', [t([1, 1, 3, 4]), [5, 3], false, null], { input: 0 });
    gradcheck('upsample_bicubic2d', [t([1, 1, 3, 3]), [5, 4], true, null, null], { self: 0 });
    gradcheck('upsample_trilinear3d.vec', [t([1, 1, 2, 3, 2]), null, false, [1.5, 2, 2.5]], { input: 0 });
    gradcheck('upsample_linear1d', [t([1, 2, 4]), [7], false, null], { self: 0 });
    gradcheck('upsample_nearest2d.vec', [t([1, 1, 3, 2]), [5, 5], null], { input: 0 });
    gradcheck('_upsample_nearest_exact3d', [t([1, 1, 2, 2, 3]), [3, 4, 2], null, null, null], { self: 0 });
    gradcheck('_upsample_bilinear2d_aa', [t([1, 1, 6, 5]), [3, 2], false, null, null], { self: 0 });
    gradcheck('_upsample_bicubic2d_aa.vec', [t([1, 1, 7, 4]), [3, 6], false, null], { input: 0 });
  });
  it('padding', () => {
    gradcheck('constant_pad_nd', [t([2, 3, 3]), [1, -1, 2, 0], 1.5], { self: 0 });
    gradcheck('reflection_pad2d', [t([1, 3, 4]), [2, 1, 0, 2]], { self: 0 });
    gradcheck('replication_pad3d', [t([1, 1, 2, 2, 3]), [1, 2, 0, 1, 2, 0]], { self: 0 });
    gradcheck('pad', [t([1, 2, 4]), [2, 3], 'reflect', null], { self: 0 });
  });
  it('shuffles, embedding, im2col / col2im', () => {
    gradcheck('pixel_shuffle', [t([1, 8, 2, 3]), 2], { self: 0 });
    gradcheck('pixel_unshuffle', [t([2, 4, 6]), 2], { self: 0 });
    gradcheck('channel_shuffle', [t([1, 6, 2]), 3], { self: 0 });
    // padding_idx and scale_grad_by_freq change the gradient on purpose, so only the plain lookup is a true derivative.
    gradcheck('embedding', [t([5, 3]), ints([1, 4, 1, 0, 4, 4], [2, 3]), -1, false, false], { weight: 0 });
    gradcheck('im2col', [t([1, 2, 4, 5]), [2, 3], [1, 1], [1, 0], [2, 1]], { self: 0 });
    gradcheck('col2im', [t([1, 4, 4]), [4, 5], [2, 2], [1, 1], [0, 0], [2, 2]], { self: 0 });
  });
  it('embedding_bag: sum (with per_sample_weights), mean with padding_idx, max', () => {
    const idx = () => ints([1, 2, 4, 5, 4, 3, 2, 0]);
    const offs = () => ints([0, 2, 2, 5]);
    gradcheck('_embedding_bag', [t([6, 3]), idx(), offs(), false, 0, false, t([8]), false, -1], {
      weight: 0,
      per_sample_weights: 6,
    });
    gradcheck('embedding_bag.padding_idx', [t([6, 3]), idx(), offs(), false, 1, false, null, false, 2], { weight: 0 });
    gradcheck('embedding_bag', [t([6, 3]), idx(), ints([0, 3, 8]), false, 2, false, null, true], { weight: 0 });
  });
  it('convolution_backward (double backward), plain and transposed', () => {
    const all = [true, true, true];
    gradcheck(
      'convolution_backward',
      [t([1, 4, 3, 3]), t([1, 4, 4, 4]), t([4, 2, 2, 2]), [4], [2, 1], [1, 0], [1, 1], false, [0, 0], 2, all],
      { grad_output: 0, input: 1, weight: 2 },
    );
    gradcheck(
      'convolution_backward',
      [t([1, 3, 6]), t([1, 2, 3]), t([2, 3, 2]), [3], [2], [1], [2], true, [1], 1, all],
      { grad_output: 0, input: 1, weight: 2 },
    );
  });
  it('backward ops are linear in grad_output (their own derivative rules)', () => {
    gradcheck('avg_pool2d_backward', [t([1, 1, 3, 3]), t([1, 1, 5, 5]), [3, 3], [2, 2], [1, 1], true, false, null], {
      grad_output: 0,
    });
    gradcheck('upsample_bicubic2d_backward', [t([1, 1, 5, 4]), [5, 4], [1, 1, 3, 3], false, null, null], {
      grad_output: 0,
    });
    gradcheck('_adaptive_avg_pool2d_backward', [t([1, 1, 2, 3]), t([1, 1, 5, 4])], { grad_output: 0 });
    gradcheck('reflection_pad1d_backward', [t([1, 7]), t([1, 4]), [2, 1]], { grad_output: 0 });
  });
});
