import { describe, expect, it } from 'vitest';
import { Tensor, tensor } from '../src/index.js';

describe('eager tensor', () => {
  it('adds with broadcasting and promotion', () => {
    const a = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      { dtype: 'float32' },
    );
    const b = tensor([10, 20, 30]);
    const c = a.add(b, { alpha: 2 });
    expect(c).toBeInstanceOf(Tensor);
    expect(c.dtype).toBe('float32');
    expect(c.toArray()).toEqual([
      [21, 42, 63],
      [24, 45, 66],
    ]);
    expect(a.mul(2.5).toArray()).toEqual([
      [2.5, 5, 7.5],
      [10, 12.5, 15],
    ]);
  });
  it('in-place ops bump the version', () => {
    const a = tensor([1, 2, 3], { dtype: 'float32' });
    const v = a.version;
    a.add_(1);
    expect(a.version).toBe(v + 1);
    expect(a.toArray()).toEqual([2, 3, 4]);
  });
  it('errors carry PyTorch messages', () => {
    expect(() => tensor([1, 2, 3]).add(tensor([1, 2, 3, 4]))).toThrow(
      'The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0',
    );
  });
});

describe('tensor printing and .npy', () => {
  it('prints like PyTorch', () => {
    expect(String(tensor([1.5, 2, 3], { dtype: 'float32' }))).toBe('tensor([1.5000, 2.0000, 3.0000])');
    expect(
      String(
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toBe('tensor([[1, 2],\n        [3, 4]])');
    expect(String(tensor([1, 2], { dtype: 'float64' }))).toBe('tensor([1., 2.], dtype=torch.float64)');
  });
  it('round-trips a non-contiguous tensor through .npy', async () => {
    const { fromNpy, toNpy } = await import('../src/index.js');
    const t = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      { dtype: 'float32' },
    );
    const tt = t.makeView([3, 2], [1, 3], 0);
    const back = fromNpy(toNpy(tt));
    expect(back.sizes).toEqual([3, 2]);
    expect(back.toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
  });
});

describe('torchOps', () => {
  it('calls ops as functions with keyword options', async () => {
    const { torchOps } = await import('../src/index.js');
    const a = tensor([1, 2], { dtype: 'float32' });
    expect(torchOps.add(a, a, { alpha: 3 }).toArray()).toEqual([4, 8]);
    const out = tensor([0, 0], { dtype: 'float32' });
    torchOps.add(a, a, { out });
    expect(out.toArray()).toEqual([2, 4]);
    expect('relu' in torchOps).toBe(true);
  });
});
