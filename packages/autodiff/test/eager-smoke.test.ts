import { tensor, torchOps as T } from '@tsjit/tensor';
import { expect, it } from 'vitest';
import { autograd, installAutograd, noGrad } from '../src/index.js';

installAutograd();

it('smoke', () => {
  const x = tensor([1, 2, 3], { dtype: 'float32', requiresGrad: true });
  const y = x.mul(x).sum();
  console.log(String(y), (y.gradFn as any).name(), (y.gradFn as any).nextFunctions);
  y.backward();
  expect(x.grad!.tolist()).toEqual([2, 4, 6]);
  const z = x.exp();
  z.add_(1);
  expect(() => z.sum().backward()).toThrow(/modified by an inplace/);
  const w = noGrad(() => x.mul(2));
  expect(w.requiresGrad).toBe(false);
  const a = tensor([1, 2], { dtype: 'float32', requiresGrad: true });
  let c = a;
  for (let i = 0; i < 100000; i++) c = c.mul(1.00001);
  c.sum().backward();
  console.log(a.grad!.tolist());
  const [g] = autograd.grad(T.sum(T.pow(a, 3)), a, undefined, { createGraph: true });
  const [gg] = autograd.grad(g!.sum(), a);
  expect(gg!.tolist()).toEqual([6, 12]);
});
