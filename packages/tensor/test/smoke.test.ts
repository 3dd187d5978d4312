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

describe('the eager API over the whole op library', () => {
  it('takes sizes as separate ints and as lists', async () => {
    const { torchOps } = await import('../src/index.js');
    const x = torchOps.arange(6);
    expect(x.view(2, 3).sizes).toEqual([2, 3]);
    expect(x.view([3, 2]).sizes).toEqual([3, 2]);
    expect(x.view(2, 3).permute(1, 0).toArray()).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    expect(torchOps.zeros(2, 3).sizes).toEqual([2, 3]);
    expect(torchOps.zeros([2, 3], { dtype: 'int32' }).dtype).toBe('int32');
  });
  it('runs a small network eagerly and matches hand-computed values', async () => {
    const { torchOps } = await import('../src/index.js');
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: 'float32' },
    );
    const w = tensor(
      [
        [1, 0],
        [0, -1],
      ],
      { dtype: 'float32' },
    );
    const y = torchOps.linear(x, w).relu().softmax(-1);
    const e = Math.exp(1);
    expect(y.toArray()).toEqual([
      [Math.fround(e / (e + 1)), Math.fround(1 / (e + 1))],
      [Math.fround(Math.exp(3) / (Math.exp(3) + 1)), Math.fround(1 / (Math.exp(3) + 1))],
    ]);
    expect(x.sum().item()).toBe(10);
    expect(x.max(1)[1].toArray()).toEqual([1, 1]);
  });
  it('reports PyTorch errors from deep inside ops', () => {
    const a = tensor([[1, 2, 3]], { dtype: 'float32' });
    expect(() => a.matmul(a)).toThrow('mat1 and mat2 shapes cannot be multiplied (1x3 and 1x3)');
    expect(() => a.view(4)).toThrow("shape '[4]' is invalid for input of size 3");
  });
});

describe('random ops', () => {
  it('are reproducible under manualSeed and match PyTorch', async () => {
    const { manualSeed, torchOps } = await import('../src/index.js');
    manualSeed(0);
    const a = torchOps.rand(3).toArray() as number[];
    manualSeed(0);
    expect(torchOps.rand(3).toArray()).toEqual(a);
    // torch.manual_seed(0); torch.rand(3) in PyTorch 1.13
    expect(a.map((v) => v.toFixed(4))).toEqual(['0.4963', '0.7682', '0.0885']);
  });
});
