/**
 * Engine properties with no PyTorch golden needed: a 100,000-op chain backward in constant stack,
 * gradcheck (finite differences) over compositions, grad modes, hooks' handles, detach_.
 */
import { eagerContext, type Tensor, tensor, toNested, torchOps } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import {
  autograd,
  enableGrad,
  GradcheckError,
  gradcheck,
  inferenceMode,
  installAutograd,
  isGradEnabled,
  isInferenceModeEnabled,
  noGrad,
  type OpNode,
  setGradEnabled,
} from '../src/index.js';

installAutograd();

// biome-ignore lint/suspicious/noExplicitAny: ops are called with PyTorch's loose argument kinds.
const T = torchOps as any;
const f64 = (v: number[], requiresGrad = true): Tensor => tensor(v, { dtype: 'float64', requiresGrad });
const randn = (sizes: number[]): Tensor => (T.randn(sizes, { dtype: 'float64' }) as Tensor).requiresGrad_();

describe('the walk', () => {
  it('backpropagates through a 100,000-op chain without overflowing the stack', () => {
    const x = f64([1, 2]);
    let y = x;
    for (let i = 0; i < 100_000; i++) y = T.mul(y, 1.00001);
    T.sum(y).backward();
    const expected = 1.00001 ** 100_000;
    for (const g of toNested(x.grad!) as number[]) expect(g).toBeCloseTo(expected, 6);
  });

  it('sums the gradients of a value used by many consumers (a wide fan-out)', () => {
    const x = f64([0.5]);
    let s = T.mul(x, 0);
    for (let i = 0; i < 1000; i++) s = T.add(s, T.mul(x, i));
    s.backward();
    expect((toNested(x.grad!) as number[])[0]).toBeCloseTo((999 * 1000) / 2, 6);
  });
});

describe('saved tensors', () => {
  const savedBytes = (t: Tensor) => {
    const node = t.gradFn as OpNode;
    return [node.args.self as Tensor, node.result as Tensor].map((s) => s.storage.bytes.byteLength);
  };

  it('are released after backward, kept with retainGraph', () => {
    const x = f64([1, 2, 3]);
    const y = T.exp(x);
    T.sum(y).backward(null, { retainGraph: true });
    expect(savedBytes(y)).toEqual([24, 24]);
    T.sum(y).backward();
    expect(savedBytes(y)).toEqual([0, 0]);
    // The data-less copies keep the geometry: a rule that needs only sizes still runs.
    expect([...((y.gradFn as OpNode).result as Tensor).sizes]).toEqual([3]);
  });
});

describe('gradcheck', () => {
  const fns: [string, (...a: Tensor[]) => Tensor, number[][]][] = [
    ['broadcast mul / div', (a, b) => T.div(T.mul(a, b), T.add(T.exp(b), 1)), [[2, 3], [3]]],
    [
      'matmul + tanh',
      (a, b) => T.tanh(T.matmul(a, b)),
      [
        [2, 3],
        [3, 2],
      ],
    ],
    ['softmax over a view', (a) => T.softmax(T.transpose(a, 0, 1), 1), [[3, 4]]],
    [
      'in-place on a view of a clone',
      (a) => {
        const y = T.clone(a);
        T.mul_(T.select(y, 0, 1), T.select(a, 0, 0));
        return T.sin(y);
      },
      [[3, 2]],
    ],
    [
      'conv2d',
      (x, w) => T.conv2d(x, w, null, 1, 1),
      [
        [1, 2, 4, 4],
        [2, 2, 3, 3],
      ],
    ],
    ['layer norm', (x, w) => T.layerNorm(x, [3], w), [[2, 3], [3]]],
    [
      'second derivative through createGraph',
      (x) => {
        const [g] = autograd.grad(T.sum(T.pow(T.sin(x), 2)), x, null, { createGraph: true });
        return g as Tensor;
      },
      [[4]],
    ],
  ];
  for (const [name, fn, shapes] of fns) {
    it(name, () => {
      expect(gradcheck(fn, shapes.map(randn))).toBe(true);
    });
  }

  it('fails on a wrong gradient (a detach hidden in the function)', () => {
    const fn = (a: Tensor) => T.mul(a, T.detach(a));
    expect(() => gradcheck(fn, [randn([3])])).toThrow(GradcheckError);
    expect(gradcheck(fn, [randn([3])], { raiseException: false })).toBe(false);
  });
});

describe('grad modes', () => {
  it('records nothing under noGrad and inference mode, and restores the mode', () => {
    const x = f64([1, 2]);
    expect(noGrad(() => T.mul(x, 2)).requiresGrad).toBe(false);
    expect(noGrad(() => isGradEnabled())).toBe(false);
    expect(noGrad(() => enableGrad(() => T.mul(x, 2))).requiresGrad).toBe(true);
    expect(inferenceMode(() => [T.mul(x, 2).requiresGrad, isInferenceModeEnabled()])).toEqual([false, true]);
    expect(isGradEnabled()).toBe(true);
    setGradEnabled(false);
    try {
      expect(T.mul(x, 2).gradFn).toBeNull();
      // TorchScript's torch.is_grad_enabled() reads the same state.
      expect(eagerContext.isGradEnabled?.()).toBe(false);
    } finally {
      setGradEnabled(true);
    }
    expect(T.mul(x, 2).gradFn).not.toBeNull();
  });

  it('does not record ops on tensors that do not require grad', () => {
    const a = f64([1, 2], false);
    const y = T.exp(T.mul(a, a));
    expect([y.requiresGrad, y.gradFn, y.isLeaf]).toEqual([false, null, true]);
  });

  it('aten::tensor honours requires_grad (TorchScript torch.tensor(..., requires_grad=True))', () => {
    const z = T.tensor([1.5, 2.5], { dtype: 'float64', requiresGrad: true }) as Tensor;
    expect([z.requiresGrad, z.isLeaf]).toEqual([true, true]);
  });
});

describe('tensor API', () => {
  it('removes a hook through its handle', () => {
    const x = f64([1, 2]);
    const handle = x.registerHook((g) => T.mul(g, 10));
    T.sum(x).backward();
    handle.remove();
    T.sum(x).backward();
    expect(toNested(x.grad!)).toEqual([11, 11]);
  });

  it('detach_ cuts the history in place', () => {
    const x = f64([1, 2]);
    const y = T.mul(x, 2);
    T.detach_(y);
    expect([y.requiresGrad, y.gradFn]).toEqual([false, null]);
  });

  it('prints grad_fn in the repr and names the node', () => {
    const x = f64([1, 2]);
    expect(String(T.mul(x, x))).toBe('tensor([1., 4.], dtype=torch.float64, grad_fn=<MulBackward0>)');
    expect(String((T.sum(x) as Tensor).gradFn)).toBe('<SumBackward0 object>');
  });

  it('retainsGrad tells a retained non-leaf; a leaf keeps its .grad anyway', () => {
    const x = f64([1, 2]);
    const y = T.mul(x, 3);
    y.retainGrad();
    x.retainGrad();
    expect([y.retainsGrad, x.retainsGrad]).toEqual([true, false]);
  });

  it('keeps the input untouched when an op returns it (contiguous of a contiguous tensor)', () => {
    const x = f64([1, 2]);
    const y = T.contiguous(x);
    expect([x.isLeaf, y.isLeaf]).toEqual([true, false]);
    T.sum(T.mul(y, 3)).backward();
    expect(toNested(x.grad!)).toEqual([3, 3]);
  });
});
