/**
 * Creation ops beyond the goldens: the `t[]` overloads of aten::tensor / as_tensor (not callable
 * through torch.ops, so no goldens; expected values from torch.tensor in PyTorch 1.13), full's
 * bool fill (eager PyTorch's dtype inference, which torch.ops turns into an int), overload
 * resolution of scalar arguments, and the factory keyword checks.
 */
import { describe, expect, it } from 'vitest';
import {
  allOps,
  FloatScalar,
  OpRegistry,
  plainContext,
  resolveOverload,
  splitOptions,
  type TensorLike,
  tensorValues,
} from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);
const F = ctx.F;
const values = (t: TensorLike) => tensorValues(ctx, t);

describe('aten::tensor from lists', () => {
  it('infers sizes and dtype like torch.tensor', () => {
    const a = F.tensor([
      [1, 2],
      [3, 4],
    ]);
    expect([a.dtype, [...a.sizes], values(a)]).toEqual(['int64', [2, 2], [1, 2, 3, 4]]);
    const b = F.tensor([1, 2.5]);
    expect([b.dtype, values(b)]).toEqual(['float32', [1, 2.5]]);
    const c = F.tensor([new FloatScalar(1), 2]);
    expect(c.dtype).toBe('float32');
    expect(F.tensor([true, false]).dtype).toBe('bool');
    expect(F.tensor([true, 2]).dtype).toBe('int64');
    const d = F.tensor([[true], [false]], { dtype: 'float64' });
    expect([d.dtype, [...d.sizes], values(d)]).toEqual(['float64', [2, 1], [1, 0]]);
    const e = F.tensor([]);
    expect([e.dtype, [...e.sizes]]).toEqual(['float32', [0]]);
    expect([...F.tensor([[], []]).sizes]).toEqual([2, 0]);
  });

  it('keeps int64 values beyond 2^53 given as bigint', () => {
    const t = F.tensor([2n ** 60n + 1n, 1]);
    const data = new BigInt64Array(t.data.buffer, t.data.byteOffset, 2);
    expect(data[0]).toBe(2n ** 60n + 1n);
  });

  it('rejects ragged lists with PyTorch message', () => {
    expect(() => F.tensor([[1, 2], [3]])).toThrow('expected sequence of length 2 at dim 1 (got 1)');
    expect(() => F.tensor([[1, 2], 3])).toThrow(/expected sequence of length 2 at dim 1/);
    expect(() => F.tensor([1, [2]])).toThrow(/too many dimensions|expected sequence/);
  });

  it('scalar overloads resolve by the JS value', () => {
    expect(F.tensor(3).dtype).toBe('int64');
    expect(F.tensor(2.5).dtype).toBe('float32');
    expect(F.tensor(new FloatScalar(3)).dtype).toBe('float32');
    expect(F.tensor(true).dtype).toBe('bool');
    expect(F.asTensor([1, 2]).dtype).toBe('int64');
  });

  it('as_tensor aliases a tensor that needs no conversion', () => {
    const x = F.zeros([3]);
    expect(F.asTensor(x)).toBe(x);
    expect(F.asTensor(x, { dtype: 'float64' })).not.toBe(x);
  });
});

describe('factories', () => {
  it('full infers bool, int64 and float32 from the fill value', () => {
    expect(F.full([2], true).dtype).toBe('bool');
    expect(values(F.full([2], true))).toEqual([1, 1]);
    expect(F.full([2], 2).dtype).toBe('int64');
    expect(F.full([2], new FloatScalar(2)).dtype).toBe('float32');
  });

  it('checks device and layout', () => {
    expect(F.zeros([2], { device: 'cpu' }).dtype).toBe('float32');
    expect(() => F.zeros([2], { device: 'cuda' })).toThrow(/only has the 'cpu' device/);
    expect(() => F.ones([2], { layout: 'sparse_coo' })).toThrow(/torch.strided/);
    expect(F.ones([2], { layout: 'strided', pin_memory: true }).dtype).toBe('float32');
  });

  it('arange sizes follow ceil((end - start) / step)', () => {
    expect(values(F.arange(0, 1, 0.3))).toHaveLength(4);
    expect(values(F.arange(10, 0, -3))).toEqual([10, 7, 4, 1]);
    expect(F.arange(5).dtype).toBe('int64');
    expect(F.arange(new FloatScalar(5)).dtype).toBe('float32');
  });

  it('overload resolution picks arange.start_step for three scalars', () => {
    const isTensor = (v: unknown) => ctx.isTensor(v);
    const [pos, kw] = splitOptions([0, 5, 2], isTensor);
    expect(resolveOverload(registry.overloads('aten::arange'), pos, kw, isTensor).key).toBe('arange.start_step');
  });
});
