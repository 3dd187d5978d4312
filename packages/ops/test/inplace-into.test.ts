/**
 * In-place overloads with `inplaceInto` (relu_, hardtanh_, add_, mul_) write straight into self
 * where that is safe, and take the functional path (a result copied into self) otherwise. Both
 * paths must give the functional result, bump the version once and return self. Expected values
 * follow from the functional ops, themselves checked against PyTorch's goldens.
 */
import { describe, expect, it } from 'vitest';
import { allOps, OpRegistry, plainContext, type TensorLike, tensorFromValues, tensorValues } from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);
const F = ctx.F;

function t(values: number[], sizes: number[], dtype: 'float32' | 'float64' | 'int64' = 'float32'): TensorLike {
  return tensorFromValues(ctx, values, sizes, dtype);
}

function version(x: TensorLike): number {
  return (x as unknown as { version?: number; storage?: { version: number } }).version ?? 0;
}

describe('in-place overloads written into self', () => {
  const cases: [string, (x: TensorLike, y: TensorLike) => TensorLike, (x: TensorLike, y: TensorLike) => TensorLike][] =
    [
      ['relu_', (x) => F.relu_(x), (x) => F.relu(x)],
      ['hardtanh_', (x) => F.hardtanh_(x, 0, 2), (x) => F.hardtanh(x, 0, 2)],
      ['add_ alpha', (x, y) => F.add_(x, y, { alpha: 0.5 }), (x, y) => F.add(x, y, { alpha: 0.5 })],
      ['add_ broadcast', (x, y) => F.add_(x, F.select(y, 0, 1)), (x, y) => F.add(x, F.select(y, 0, 1))],
      ['mul_ tensor', (x, y) => F.mul_(x, y), (x, y) => F.mul(x, y)],
      ['mul_ scalar', (x) => F.mul_(x, 0.25), (x) => F.mul(x, 0.25)],
      ['add_ self', (x) => F.add_(x, x), (x) => F.add(x, x)],
      ['sub_ alpha', (x, y) => F.sub_(x, y, { alpha: 2 }), (x, y) => F.sub(x, y, { alpha: 2 })],
      ['div_ tensor', (x, y) => F.div_(x, y), (x, y) => F.div(x, y)],
      ['div_ scalar', (x) => F.div_(x, 3), (x) => F.div(x, 3)],
      ['sqrt_', (x) => F.sqrt_(F.abs_(x)), (x) => F.sqrt(F.abs(x))],
      ['sigmoid_', (x) => F.sigmoid_(x), (x) => F.sigmoid(x)],
      ['tanh_', (x) => F.tanh_(x), (x) => F.tanh(x)],
      [
        'addcmul_',
        (x, y) => F.addcmul_(x, y, F.select(y, 0, 0), { value: 0.5 }),
        (x, y) => F.addcmul(x, y, F.select(y, 0, 0), { value: 0.5 }),
      ],
      [
        'addcdiv_',
        (x, y) => F.addcdiv_(x, F.select(y, 0, 1), y, { value: -2 }),
        (x, y) => F.addcdiv(x, F.select(y, 0, 1), y, { value: -2 }),
      ],
    ];
  for (const dtype of ['float32', 'float64'] as const) {
    for (const [name, inplace, functional] of cases) {
      it(`${name} (${dtype}) on contiguous and strided self`, () => {
        const values = [-3, -1.5, 0, 0.5, 2, 3.5];
        const other = [1, 2, 3, -1, -2, 0.25];
        // Contiguous self: the kernel writes into it.
        const x = t(values, [2, 3], dtype);
        const expected = tensorValues(ctx, functional(t(values, [2, 3], dtype), t(other, [2, 3], dtype)));
        const before = version(x);
        const r = inplace(x, t(other, [2, 3], dtype));
        expect(r).toBe(x);
        expect(tensorValues(ctx, x)).toEqual(expected);
        // sqrt_ of abs_ writes twice.
        expect(version(x)).toBe(before + (name === 'sqrt_' ? 2 : 1));
        // Transposed self: the functional path and a copy.
        const xt = F.t(t(values, [3, 2], dtype));
        const yt = F.t(t(other, [3, 2], dtype));
        const expectedT = tensorValues(ctx, functional(F.t(t(values, [3, 2], dtype)), F.t(t(other, [3, 2], dtype))));
        expect(inplace(xt, yt)).toBe(xt);
        expect(tensorValues(ctx, xt)).toEqual(expectedT);
      });
    }
  }

  it('add_ with an operand overlapping self takes the copying path (reads before writes)', () => {
    const x = t([1, 2, 3, 4, 5, 6], [6]);
    // other = x[1:] viewed as [5] inside the same storage, self = x[:5]: overlapping, shifted.
    const self = ctx.view(x, [5], [1], 0);
    const other = ctx.view(x, [5], [1], 1);
    F.add_(self, other);
    expect(tensorValues(ctx, x)).toEqual([3, 5, 7, 9, 11, 6]);
  });

  it('an integer self keeps PyTorch checks (alpha must be an integer)', () => {
    const x = t([1, 2, 3], [3], 'int64');
    expect(() => F.add_(x, t([1, 1, 1], [3], 'int64'), { alpha: 0.5 })).toThrow(/alpha must not be a floating point/);
    F.add_(x, t([1, 1, 1], [3], 'int64'), { alpha: 2 });
    expect(tensorValues(ctx, x)).toEqual([3, 4, 5]);
  });

  it('addcmul_ with a tensor overlapping self takes the copying path', () => {
    const x = t([1, 2, 3, 4], [4]);
    const shifted = ctx.view(x, [3], [1], 1);
    const self = ctx.view(x, [3], [1], 0);
    F.addcmul_(self, shifted, t([1, 1, 1], [3]), { value: 2 });
    expect(tensorValues(ctx, x)).toEqual([5, 8, 11, 4]);
  });

  it('sqrt_ on float16 keeps PyTorch error; addcdiv_ on int64 self keeps its own', () => {
    expect(() => F.sqrt_(F.to(t([1, 4], [2]), 'float16'))).toThrow(/not implemented for 'Half'/);
    expect(() => F.addcdiv_(t([1, 2], [2], 'int64'), t([1, 2], [2]), t([1, 2], [2]))).toThrow(
      /can't be cast to the desired output type/,
    );
  });

  it('a float self with a float64 other refuses nothing and promotes like the functional op', () => {
    const x = t([1, 2], [2], 'float32');
    F.add_(x, t([0.5, 0.25], [2], 'float64'));
    expect(tensorValues(ctx, x)).toEqual([1.5, 2.25]);
    expect(x.dtype).toBe('float32');
  });
});
