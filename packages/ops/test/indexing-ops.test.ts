/**
 * What the goldens cannot reach: overloads that overload resolution never picks from JavaScript
 * (TorchScript names them explicitly: the `hacked_twin`s, `copy_.Tensor`, `to.prim_other`), and
 * aliasing (which results share self's storage, which inputs an op may write).
 */
import { describe, expect, it } from 'vitest';
import {
  allOps,
  type OpArgs,
  OpRegistry,
  type PlainTensor,
  plainContext,
  type TensorLike,
  tensorFromValues,
  tensorValues,
} from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);

function call(qualified: string, args: unknown[], kwargs?: Record<string, unknown>): TensorLike {
  const o = registry.find(qualified);
  if (!o) throw new Error(`no overload ${qualified}`);
  return o.impl(o.bind(args, kwargs) as OpArgs, ctx, o) as TensorLike;
}

const floats = (values: number[], sizes = [values.length]) => tensorFromValues(ctx, values, sizes, 'float32');
const longs = (values: number[], sizes = [values.length]) => tensorFromValues(ctx, values, sizes, 'int64');
const x34 = () => floats([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [3, 4]);

describe('overloads TorchScript calls by name', () => {
  it('index.Tensor_hacked_twin equals index.Tensor', () => {
    const idx = [longs([2, 0]), longs([1, 3])];
    const twin = call('aten::index.Tensor_hacked_twin', [x34(), idx]);
    expect(tensorValues(ctx, twin)).toEqual([9, 3]);
    expect(tensorValues(ctx, twin)).toEqual(tensorValues(ctx, call('aten::index.Tensor', [x34(), idx])));
  });

  it('index_put.hacked_twin leaves self alone; index_put_.hacked_twin writes self', () => {
    const x = x34();
    const out = call('aten::index_put.hacked_twin', [x, [longs([1])], floats([-1]), true]);
    expect(tensorValues(ctx, out).slice(4, 8)).toEqual([3, 4, 5, 6]);
    expect(tensorValues(ctx, x).slice(4, 8)).toEqual([4, 5, 6, 7]);
    const same = call('aten::index_put_.hacked_twin', [x, [longs([0]), longs([2])], floats([50])]);
    expect(same).toBe(x);
    expect(tensorValues(ctx, x)[2]).toBe(50);
    const impl = call('aten::_index_put_impl_.hacked_twin', [x, [longs([2, 2])], floats([1]), true, false]);
    expect(impl).toBe(x);
    expect(tensorValues(ctx, x).slice(8)).toEqual([10, 11, 12, 13]);
  });

  it('copy_.Tensor broadcasts and converts into self', () => {
    const x = x34();
    expect(call('aten::copy_.Tensor', [x, longs([7, 8, 9, 10])])).toBe(x);
    expect(tensorValues(ctx, x)).toEqual([7, 8, 9, 10, 7, 8, 9, 10, 7, 8, 9, 10]);
    expect(() => call('aten::copy_.Tensor', [floats([1, 2, 3, 4]), x34()])).toThrow(
      "output with shape [4] doesn't match the broadcast shape [3, 4]",
    );
  });

  it('to.prim_other returns self unless copy is set', () => {
    const x = x34();
    expect(call('aten::to.prim_other', [x])).toBe(x);
    const copied = call('aten::to.prim_other', [x, false, true]);
    expect(copied).not.toBe(x);
    expect(copied.data).not.toBe(x.data);
    expect(tensorValues(ctx, copied)).toEqual(tensorValues(ctx, x));
  });

  it("to.dtype also takes a device string from JavaScript (x.to('cpu'))", () => {
    const x = x34();
    expect(ctx.F.to(x, 'cpu')).toBe(x);
    expect(() => ctx.F.to(x, 'cuda')).toThrow('PyTorch is not linked with support for cuda devices');
  });
});

describe('aliasing', () => {
  it('to returns self when nothing changes, a copy otherwise', () => {
    const x = x34();
    expect(ctx.F.to(x, 'float32')).toBe(x);
    expect(ctx.F.to(x, 'float32', false, true)).not.toBe(x);
    const d = ctx.F.to(x, 'float64') as TensorLike;
    expect(d.dtype).toBe('float64');
    expect(ctx.F.typeAs(x, floats([1]))).toBe(x);
  });

  it('to(memory_format=channels_last) lays the result out channels-last', () => {
    const x = tensorFromValues(
      ctx,
      Array.from({ length: 12 }, (_, i) => i),
      [1, 3, 2, 2],
      'float32',
    );
    const y = ctx.F.to(x, 'float32', { memory_format: 2 }) as TensorLike;
    expect(y.strides).toEqual([12, 1, 6, 3]);
    expect(tensorValues(ctx, y)).toEqual(tensorValues(ctx, x));
  });

  it('in-place ops return self and bump its version; functional ones leave inputs alone', () => {
    const x = x34() as PlainTensor;
    const before = x.version;
    const mask = tensorFromValues(ctx, [true, false, false, true], [4], 'bool');
    expect(ctx.F.maskedFill_(x, mask, 0)).toBe(x);
    expect(x.version).toBeGreaterThan(before);
    const y = ctx.F.maskedFill(x, mask, 5) as TensorLike;
    expect(y.data).not.toBe(x.data);
    expect(tensorValues(ctx, x)[0]).toBe(0);
    for (const name of ['scatter_', 'indexFill_', 'indexAdd_', 'indexCopy_', 'tril_', 'zero_', 'fill_']) {
      expect(typeof ctx.F[name]).toBe('function');
    }
    expect(ctx.F.tril_(x, -1)).toBe(x);
    expect(tensorValues(ctx, x).slice(0, 4)).toEqual([0, 0, 0, 0]);
  });

  it('copy_ from an overlapping view reads the source before writing', () => {
    const x = floats([1, 2, 3, 4]);
    ctx.F.copy_(ctx.view(x, [3], [1], 1), ctx.view(x, [3], [1], 0));
    expect(tensorValues(ctx, x)).toEqual([1, 1, 2, 3]);
  });
});
