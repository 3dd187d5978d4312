/**
 * The eager engine against PyTorch 1.13: each case of fixtures/autograd-goldens.json
 * (tooling/fixtures/gen_autograd_goldens.py) is replayed here on the recorded inputs, and its
 * gradients (or error message) compared with PyTorch's.
 */
import { readFileSync } from 'node:fs';
import { type Tensor, tensor, torchOps } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { autograd, inferenceMode, installAutograd, isInference, noGrad } from '../src/index.js';

installAutograd();

// biome-ignore lint/suspicious/noExplicitAny: ops are called with PyTorch's loose argument kinds.
const T = torchOps as any;
const DTYPES = { float64: 'float64', float32: 'float32' } as const;

interface Encoded {
  readonly shape: number[];
  readonly values: number[];
}
interface GoldenCase {
  readonly inputs: Record<string, Encoded & { dtype: keyof typeof DTYPES; requiresGrad: boolean }>;
  readonly expected: Record<string, unknown>;
}
const golden = JSON.parse(readFileSync(new URL('./fixtures/autograd-goldens.json', import.meta.url), 'utf8')) as {
  cases: Record<string, GoldenCase>;
};

type In = Record<string, Tensor>;
type Out = Record<string, unknown>;

const f64 = { dtype: 'float64' };
const long = (v: number[] | number[][]) => tensor(v, { dtype: 'int64' });

function err(fn: () => unknown): Out {
  try {
    fn();
  } catch (e) {
    return { error: (e as Error).message };
  }
  throw new Error('expected an error');
}

const cases: Record<string, (x: In) => Out> = {
  broadcast_add_mul: ({ a, b }) => {
    T.sum(T.add(T.mul(a, b), a)).backward();
    return { a: a.grad, b: b.grad };
  },
  broadcast_div_sub: ({ a, b }) => {
    T.mean(T.pow(T.sub(T.div(a, T.add(T.abs(b), 1)), b), 2)).backward();
    return { a: a.grad, b: b.grad };
  },
  several_uses: ({ x }) => {
    T.sum(T.add(T.mul(x, x), T.mul(T.exp(x), x))).backward();
    return { x: x.grad };
  },
  views_transpose_expand: ({ x }) => {
    const v = T.expand(T.unsqueeze(T.select(T.transpose(x, 0, 1), 0, 1), 0), [2, 4]);
    T.sum(T.mul(v, v)).backward();
    return { x: x.grad };
  },
  views_slice_narrow_select: ({ x }) => {
    const y = T.slice(T.slice(x, 0, 1, 4), 1, 0, 4, 2);
    const z = T.select(T.narrow(x, 1, 1, 2), 0, 3);
    const w = T.select(T.reshape(x, [20]), 0, 7);
    T.add(T.add(T.sum(T.sin(y)), T.sum(T.mul(z, 3))), T.mul(w, 2)).backward();
    return { x: x.grad };
  },
  inplace_nonleaf: ({ x }) => {
    const y = T.mul(x, 2);
    T.add_(y, 1);
    T.mul_(y, x);
    T.sum(y).backward();
    return { x: x.grad };
  },
  inplace_on_view: ({ x }) => {
    const y = T.clone(x);
    T.mul_(T.select(y, 0, 1), 3);
    T.add_(T.select(y, 1, 0), T.select(x, 1, 1));
    T.sum(T.mul(y, y)).backward();
    return { x: x.grad };
  },
  inplace_on_view_of_transposed_base: ({ x }) => {
    const y = T.clone(T.t(x));
    T.mul_(T.select(y, 0, 1), T.slice(T.select(x, 0, 0), 0, 0, 3));
    T.add_(T.select(y, 1, 2), 1);
    T.sum(T.mul(y, T.exp(y))).backward();
    return { x: x.grad, y_stride: [...y.strides] };
  },
  copy_into_zeros: ({ w }) => {
    const z = T.zeros([4], f64);
    T.copy_(T.slice(z, 0, 1, 3), w);
    T.sum(T.mul(z, T.arange(4, f64))).backward();
    return { w: w.grad };
  },
  reductions: ({ x }) => {
    T.sum(T.mul(T.sum(x, 1), T.slice(T.mean(x, 0), 0, 0, 3))).backward(null, { retainGraph: true });
    const first = T.clone(x.grad);
    x.grad = null;
    const parts = [T.sum(T.amax(x, 1)), T.sum(T.logsumexp(x, 0)), T.prod(x), T.std(x), T.sum(T.var(x, 1)), T.norm(x)];
    parts.reduce((s, p) => T.add(s, p)).backward();
    return { x_first: first, x: x.grad };
  },
  max_min_values: ({ x }) => {
    T.add(T.sum(T.max(x, 1)[0]), T.mul(T.min(x), 2)).backward();
    return { x: x.grad };
  },
  matmul_family: ({ a, b, c }) => {
    const s1 = T.sum(T.tanh(T.matmul(a, b)));
    const s2 = T.sum(T.mm(a, b));
    const s3 = T.sum(T.pow(T.matmul(c, b), 2));
    T.add(T.add(s1, s2), s3).backward();
    return { a: a.grad, b: b.grad, c: c.grad };
  },
  linear: ({ x, w, b }) => {
    T.sum(T.relu(T.linear(x, w, b))).backward();
    return { x: x.grad, w: w.grad, b: b.grad };
  },
  conv2d: ({ x, w, b }) => {
    T.sum(T.pow(T.conv2d(x, w, b, 1, 1), 2)).backward();
    return { x: x.grad, w: w.grad, b: b.grad };
  },
  conv1d_groups: ({ x, w }) => {
    T.sum(T.sin(T.conv1d(x, w, null, 2, 0, 1, 2))).backward();
    return { x: x.grad, w: w.grad };
  },
  index_ops: ({ x }) => {
    const idx = long([2, 0, 2]);
    const g = T.gather(
      x,
      1,
      long([
        [0, 1],
        [2, 2],
        [1, 0],
        [0, 0],
      ]),
    );
    const parts = [
      T.mul(T.sum(T.indexSelect(x, 0, idx)), 2),
      T.sum(T.pow(g, 2)),
      T.sum(T.exp(T.index(x, [idx]))),
      T.sum(T.maskedFill(x, T.gt(x, 0), 0.5)),
      T.sum(T.where(T.gt(x, 0), x, T.mul(x, 3))),
    ];
    parts.reduce((s, p) => T.add(s, p)).backward();
    return { x: x.grad };
  },
  softmax_cross_entropy: ({ x }) => {
    const ce = T.crossEntropyLoss(x, long([1, 0, 4]));
    const sm = T.sum(T.select(T.softmax(x, 1), 1, 0));
    const ls = T.mul(T.sum(T.logSoftmax(x, 0)), 0.1);
    T.add(T.add(ce, sm), ls).backward();
    return { x: x.grad };
  },
  norms: ({ x, w, b, bw }) => {
    const ln = T.sum(T.pow(T.layerNorm(x, [4], w, b), 2));
    const bn = T.sum(T.pow(T.batchNorm(x, bw, null, null, null, true, 0.1, 1e-5, false), 3));
    T.add(ln, bn).backward();
    return { x: x.grad, w: w.grad, b: b.grad, bw: bw.grad };
  },
  activations: ({ x }) => {
    const parts = [T.relu(x), T.mul(T.sigmoid(x), T.gelu(x)), T.pow(T.tanh(x), 2), T.softplus(x)];
    T.sum(parts.reduce((s, p) => T.add(s, p))).backward();
    return { x: x.grad };
  },
  cat_stack_split: ({ a, b }) => {
    const c = T.cat([a, b], 0);
    const s = T.stack([a, T.mul(b, 2)], 1);
    const [p, q] = T.split(c, [1, 3], 0);
    const u = T.unbind(c, 1);
    const parts = [T.mul(T.sum(p), 3), T.sum(T.pow(q, 2)), T.sum(T.sin(s)), T.sum(u[2])];
    parts.reduce((s1: Tensor, p1: Tensor) => T.add(s1, p1)).backward();
    return { a: a.grad, b: b.grad };
  },
  tensor_hooks: ({ x }) => {
    x.registerHook((g) => T.add(g, 1));
    const y = T.mul(x, 2);
    y.registerHook((g: Tensor) => T.mul(g, 3));
    T.sum(T.mul(y, y)).backward();
    return { x: x.grad };
  },
  retain_grad: ({ x }) => {
    const y = T.mul(x, 2);
    y.retainGrad();
    const z = T.exp(y);
    z.retainGrad();
    T.sum(T.mul(z, y)).backward();
    return { x: x.grad, y: y.grad, z: z.grad };
  },
  hooks_and_retain_grad_across_inplace: ({ x }) => {
    const y = T.mul(x, 2);
    const seen: number[] = [];
    y.registerHook((g: Tensor) => {
      seen.push(T.sum(g).item() as number);
      return T.mul(g, 10);
    });
    y.retainGrad();
    T.mul_(y, 3);
    T.sum(T.mul(y, y)).backward();
    return { x: x.grad, y: y.grad, seen };
  },
  accumulate_two_backwards: ({ x }) => {
    T.sum(T.mul(x, 2)).backward();
    T.sum(T.mul(x, x)).backward();
    return { x: x.grad };
  },
  retain_graph_twice: ({ x }) => {
    const y = T.sum(T.mul(T.exp(x), x));
    y.backward(null, { retainGraph: true });
    y.backward();
    return { x: x.grad };
  },
  higher_order: ({ x }) => {
    const y = T.sum(T.pow(x, 3));
    const [g] = autograd.grad(y, x, null, { createGraph: true });
    const [g2] = autograd.grad(T.sum(T.mul(g, T.sin(x))), x, null, { createGraph: true });
    T.sum(g2).backward();
    return { g, g2, x: x.grad };
  },
  higher_order_backward_create_graph: ({ x, w }) => {
    T.sum(T.tanh(T.matmul(x, w))).backward(null, { createGraph: true });
    const gx = x.grad as Tensor;
    x.grad = null;
    w.grad = null;
    T.sum(T.pow(gx, 2)).backward();
    return { gx, x: x.grad, w: w.grad };
  },
  higher_order_through_inplace: ({ x }) => {
    const y = T.mul(x, 1.5);
    T.mul_(y, x);
    const [g] = autograd.grad(T.sum(y), x, null, { createGraph: true });
    const [gg] = autograd.grad(T.sum(T.mul(g, g)), x);
    return { g, gg };
  },
  grad_accumulates_in_place: ({ x }) => {
    T.sum(T.mul(x, 2)).backward();
    const g = x.grad;
    T.sum(T.mul(x, 3)).backward();
    return { x: x.grad, same_tensor: g === x.grad, g };
  },
  grad_allow_unused: ({ x, u }) => {
    const [gx, gu] = autograd.grad(T.sum(T.mul(x, x)), [x, u], null, { allowUnused: true });
    return { gx, gu, x: x.grad };
  },
  backward_inputs: ({ a, b }) => {
    T.sum(T.mul(a, b)).backward(null, { inputs: [a] });
    return { a: a.grad, b: b.grad };
  },
  nonscalar_with_gradient: ({ x, g }) => {
    T.mul(x, x).backward(g);
    return { x: x.grad };
  },
  detach_and_no_grad: ({ x }) => {
    const n = noGrad(() => T.mul(x, 2));
    T.sum(T.add(T.mul(T.detach(x), x), n)).backward();
    return { x: x.grad, n_requires_grad: n.requiresGrad };
  },
  float32_mlp: ({ x, w1, b1, w2 }) => {
    const h = T.relu(T.linear(x, w1, b1));
    T.crossEntropyLoss(T.linear(h, w2), long([0, 2, 1, 1])).backward();
    return { w1: w1.grad, b1: b1.grad, w2: w2.grad };
  },
  grad_fn_names: ({ x }) => {
    const m = T.randn([3, 2], f64);
    const name = (t: Tensor) => (t.gradFn as { name(): string }).name();
    const next = (t: Tensor) => (t.gradFn as { nextFunctions: [{ name(): string } | null, number][] }).nextFunctions;
    return {
      mul: name(T.mul(x, x)),
      sum: name(T.sum(x)),
      sum_dim: name(T.sum(x, 1)),
      t: name(T.t(x)),
      exp: name(T.exp(x)),
      view: name(T.view(x, [6])),
      mm: name(T.mm(x, m)),
      relu: name(T.relu(x)),
      leaf: next(T.mul(x, x))[0][0]!.name(),
      next_count: next(T.mul(x, T.t(m))).length,
      next_none: next(T.mul(x, T.t(m)))[1][0] === null,
      is_leaf_x: x.isLeaf,
      is_leaf_y: T.mul(x, 2).isLeaf,
    };
  },
  grad_wrt_nonleaf: ({ x }) => {
    const y = T.mul(x, 2);
    const z = T.sum(T.mul(T.exp(y), y));
    const [gy] = autograd.grad(z, y, null, { retainGraph: true });
    z.backward(null, { inputs: [y] });
    return { gy, y: y.grad, x: x.grad };
  },
  sibling_views_after_inplace: ({ x }) => {
    const y = T.clone(x);
    const v1 = T.slice(y, 0, 0, 2);
    const v2 = T.slice(y, 0, 1);
    T.mul_(v1, T.select(x, 0, 3));
    T.sum(T.mul(v2, v2)).backward();
    return { x: x.grad };
  },
  view_made_before_base_got_history: ({ w }) => {
    const z = T.zeros([4], f64);
    const v = T.slice(z, 0, 1, 3);
    T.copy_(z, T.mul(w, 2));
    T.sum(T.mul(v, v)).backward();
    return { w: w.grad, v_requires_grad: v.requiresGrad };
  },
  observing_hook_and_counts: ({ x }) => {
    const seen: number[] = [];
    const y = T.sin(x);
    y.registerHook((g: Tensor) => {
      seen.push(T.sum(g).item() as number);
    });
    T.sum(T.mul(y, y)).backward(null, { retainGraph: true });
    T.sum(T.mul(y, 3)).backward();
    return { x: x.grad, seen };
  },
  dtype_conversion: ({ x }) => {
    const y = T.to(x, 'float32');
    T.sum(T.mul(y, y)).backward();
    return { x: x.grad };
  },
  embedding_and_pooling: ({ w, x }) => {
    const e = T.embedding(
      w,
      long([
        [0, 2],
        [2, 4],
      ]),
    );
    const p = T.maxPool2d(x, 2);
    const a = T.avgPool2d(x, 2, 1);
    T.add(T.add(T.sum(T.pow(e, 2)), T.mul(T.sum(p), 2)), T.sum(T.exp(a))).backward();
    return { w: w.grad, x: x.grad };
  },
  nonleaf_grad_is_none: ({ x }) => {
    const y = T.mul(x, 2);
    T.sum(y).backward();
    return { x: x.grad, y: y.grad };
  },
  error_detached_output_modified: ({ x }) => {
    const y = T.exp(x);
    T.zero_(T.detach(y));
    return err(() => T.sum(y).backward());
  },
  error_leaf_inplace: ({ x }) => err(() => T.add_(x, 1)),
  error_view_of_leaf_inplace: ({ x }) => err(() => T.mul_(T.select(x, 0, 0), 2)),
  error_second_backward: ({ x }) => {
    const y = T.sum(T.mul(x, x));
    y.backward();
    return err(() => y.backward());
  },
  error_saved_output_modified: ({ a }) => {
    const b = T.exp(a);
    T.add_(b, 1);
    return err(() => T.sum(b).backward());
  },
  error_saved_leaf_modified: ({ w, x }) => {
    const y = T.mul(w, x);
    T.add_(x, 1);
    return err(() => T.sum(y).backward());
  },
  error_inplace_reads_itself: ({ x }) => {
    const y = T.clone(x);
    T.mul_(y, y);
    return err(() => T.sum(y).backward());
  },
  inplace_reads_itself_without_saving: ({ x }) => {
    const y = T.clone(x);
    T.add_(y, y);
    T.sum(y).backward();
    return { x: x.grad };
  },
  inference_tensors: ({ w }) => {
    const a = inferenceMode(() => T.mul(T.ones([3], f64), 2));
    T.sum(T.add(w, a)).backward();
    return {
      w: w.grad,
      is_inference: isInference(a),
      saved: err(() => T.sum(T.mul(w, a)).backward()).error,
      inplace: err(() => T.add_(a, 1)).error,
    };
  },
  error_nonscalar: ({ x }) => err(() => T.mul(x, 2).backward()),
  error_unused: ({ x, u }) => err(() => autograd.grad(T.sum(T.mul(x, 2)), [x, u])),
  error_no_grad_fn: ({ x }) => err(() => T.sum(T.mul(x, 2)).backward()),
  error_int_requires_grad: () => err(() => long([1, 2]).requiresGrad_()),
  error_nonleaf_requires_grad_false: ({ x }) => err(() => T.mul(x, 2).requiresGrad_(false)),
  error_hook_no_grad: ({ x }) => err(() => x.registerHook((g) => g)),
};

function decodeInputs(c: GoldenCase): In {
  const out: In = {};
  for (const [name, e] of Object.entries(c.inputs)) {
    // clone: a leaf that owns its storage, not a view of the flat tensor.
    const t = T.clone(T.reshape(tensor(e.values, { dtype: DTYPES[e.dtype] }), e.shape)) as Tensor;
    if (e.requiresGrad) t.requiresGrad_();
    out[name] = t;
  }
  return out;
}

function compare(actual: unknown, expected: unknown, path: string, rtol: number, atol: number): void {
  if (expected === null) {
    expect(actual ?? null, path).toBeNull();
    return;
  }
  if (Array.isArray(expected)) {
    (expected as unknown[]).forEach((e, i) => {
      compare((actual as unknown[])[i], e, `${path}[${i}]`, rtol, atol);
    });
    return;
  }
  if (typeof expected === 'object' && 'values' in (expected as object)) {
    const e = expected as Encoded;
    expect(actual, `${path}: a tensor`).not.toBeNull();
    const t = actual as Tensor;
    expect([...t.sizes], `${path}: shape`).toEqual(e.shape);
    const values = T.reshape(T.contiguous(t), [-1]).tolist() as number[];
    values.forEach((v, i) => {
      const want = e.values[i];
      expect(Math.abs(v - want), `${path}[${i}]: ${v} vs PyTorch ${want}`).toBeLessThanOrEqual(
        atol + rtol * Math.abs(want),
      );
    });
    return;
  }
  if (typeof expected === 'number') {
    expect(Math.abs((actual as number) - expected), `${path}: ${actual} vs PyTorch ${expected}`).toBeLessThanOrEqual(
      atol + rtol * Math.abs(expected),
    );
    return;
  }
  expect(actual, path).toEqual(expected);
}

describe('eager autograd against PyTorch 1.13', () => {
  for (const [name, c] of Object.entries(golden.cases)) {
    it(name, () => {
      const fn = cases[name];
      expect(fn, `no replay for ${name}`).toBeDefined();
      const inputs = decodeInputs(c);
      const f32 = Object.values(c.inputs).some((e) => e.dtype === 'float32');
      const out = fn(inputs);
      expect(Object.keys(out).sort()).toEqual(Object.keys(c.expected).sort());
      for (const [k, v] of Object.entries(c.expected))
        compare(out[k], v, `${name}.${k}`, f32 ? 1e-4 : 1e-7, f32 ? 1e-5 : 1e-9);
    });
  }
});
