/**
 * What the goldens cannot see: aliasing (positive returns self), in-place ops writing into self and
 * bumping its version, and the Python types of scalar-overload results.
 */
import { describe, expect, it } from 'vitest';
import {
  allOps,
  FloatScalar,
  OpRegistry,
  type PlainTensor,
  plainContext,
  resolveOverload,
  tensorFromValues,
  tensorValues,
} from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);
const F = ctx.F;
const isTensor = (v: unknown) => ctx.isTensor(v);

describe('pointwise semantics', () => {
  it('positive returns its input itself', () => {
    const x = tensorFromValues(ctx, [1, -2], [2], 'float32');
    expect(F.positive(x)).toBe(x);
  });

  it('in-place ops write into self, return it and bump its version', () => {
    const x = tensorFromValues(ctx, [1, -2, 3], [3], 'float32') as PlainTensor;
    const before = x.version;
    expect(F.abs_(x)).toBe(x);
    expect(tensorValues(ctx, x)).toEqual([1, 2, 3]);
    expect(x.version).toBeGreaterThan(before);
    const y = tensorFromValues(ctx, [1, 5, 3], [3], 'int64');
    expect(F.lt_(y, 3)).toBe(y);
    expect(y.dtype).toBe('int64');
    expect(tensorValues(ctx, y)).toEqual([1, 0, 0]);
  });

  it('an in-place op on a view writes through to the base storage', () => {
    const base = tensorFromValues(ctx, [1, 2, 3, 4, 5, 6], [2, 3], 'float32');
    const column = ctx.view(base, [2], [3], 1);
    F.mul_(column, 10);
    expect(tensorValues(ctx, base)).toEqual([1, 20, 3, 4, 50, 6]);
  });

  it('scalar overloads return Python-typed values', () => {
    const sqrt = F.sqrt(4);
    expect(sqrt).toBeInstanceOf(FloatScalar);
    expect((sqrt as FloatScalar).value).toBe(2);
    expect(F.floor(new FloatScalar(2.5))).toBe(2);
    expect(F.add(2, 3)).toBe(5);
    expect(F.add(2, 0.5)).toBe(2.5);
    expect(F.eq('a', 'a')).toBe(true);
    expect(F.floordiv(-7, 2)).toBe(-4);
    expect(F.remainder(-7, 3)).toBe(2);
    expect(F.mul(3037000500n, 3037000500n)).toBe(-9223372036709301616n);
  });

  it('scalar overload resolution prefers the exact argument types', () => {
    const pick = (name: string, ...args: unknown[]) =>
      resolveOverload(registry.overloads(`aten::${name}`), args, undefined, isTensor).key;
    expect(pick('add', 1, 2)).toBe('add.int');
    expect(pick('add', 1, new FloatScalar(2))).toBe('add.int_float');
    expect(pick('add', 1.5, 2)).toBe('add.float_int');
    expect(pick('add', new FloatScalar(1), new FloatScalar(2))).toBe('add.float');
    expect(pick('add', true, 2)).toBe('add');
    expect(pick('eq', [1, 2], [1, 2])).toBe('eq.int_list');
    const t = tensorFromValues(ctx, [1], [1], 'float32');
    expect(pick('add', t, 2)).toBe('add.Scalar');
    expect(pick('pow', 2, t)).toBe('pow.Scalar');
  });

  it('integer division by zero is a RuntimeError with PyTorch message', () => {
    const x = tensorFromValues(ctx, [1, 2], [2], 'int64');
    expect(() => F.floorDivide(x, 0)).toThrow('ZeroDivisionError');
    expect(() => F.remainder(x, tensorFromValues(ctx, [1, 0], [2], 'int64'))).toThrow('ZeroDivisionError');
  });
});
