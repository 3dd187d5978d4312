import { type Tensor, tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { Adam, type Optimizer, SGD } from '../src/optim/index.js';
import { expectClose, type FlatTensor, loadGoldens, toTensor } from './optim-goldens.js';

interface Goldens {
  A: FlatTensor;
  b: FlatTensor;
  runs: { name: string; options: Record<string, number>; losses: number[]; w: FlatTensor; c: FlatTensor }[];
}

const goldens = loadGoldens<Goldens>('least-squares.json.gz');

/**
 * Fits min mean((A w + c - b)^2) without autograd: the gradients 2/N A^T r and 2/N sum(r) are written with
 * tensor ops, and the optimizer steps on them as PyTorch's did on autograd's.
 */
describe('least squares by hand-written gradients, stepped like PyTorch 1.13', () => {
  for (const run of goldens.runs) {
    it(`${run.name}: the loss at every step and the fitted weights`, () => {
      const A = toTensor(goldens.A);
      const b = toTensor(goldens.b);
      const n = A.size(0);
      const w = tensor([[0], [0], [0], [0]], { dtype: 'float32', requiresGrad: true });
      const c = tensor([0], { dtype: 'float32', requiresGrad: true });
      const opt: Optimizer<object> =
        run.name === 'adam'
          ? new Adam([w, c], run.options.lr)
          : new SGD([w, c], run.options.lr, { momentum: run.options.momentum });
      const losses: number[] = [];
      for (let step = 0; step < run.losses.length; step++) {
        opt.zeroGrad();
        const r = A.mm(w).add(c).sub(b);
        losses.push(r.pow(2).mean().item() as number);
        const scale = 2 / n;
        const gw = A.t().mm(r).mul(scale);
        const gc = r.sum().mul(scale).reshape([1]);
        // zeroGrad left zeros in place after the first step: accumulate as autograd would.
        if (w.grad === null) w.grad = gw;
        else (w.grad as Tensor).add_(gw);
        if (c.grad === null) c.grad = gc;
        else (c.grad as Tensor).add_(gc);
        opt.step();
      }
      losses.forEach((l, i) => {
        expect(Math.abs(l - run.losses[i]), `loss ${i}: ${l} vs ${run.losses[i]}`).toBeLessThanOrEqual(
          1e-4 * run.losses[i] + 1e-6,
        );
      });
      expect(losses[losses.length - 1]).toBeLessThan(losses[0] / 100);
      expectClose(w, run.w, 'w', 1e-4, 1e-5);
      expectClose(c, run.c, 'c', 1e-4, 1e-5);
    });
  }
});
