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
