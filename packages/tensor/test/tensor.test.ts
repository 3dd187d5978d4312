import { describe, expect, it } from 'vitest';
import {
  type DispatchMode,
  eagerContext,
  fromArray,
  OpGroup,
  opGroup,
  pushMode,
  Storage,
  Tensor,
  tensor,
  withMode,
} from '../src/index.js';

describe('creating tensors from JS data', () => {
  it('infers dtypes as torch.tensor does for JS values', () => {
    expect(tensor([1, 2, 3]).dtype).toBe('int64');
    expect(tensor([1.5, 2]).dtype).toBe('float32');
    expect(tensor([true, false]).dtype).toBe('bool');
    expect(tensor(new Float64Array([1, 2])).dtype).toBe('float64');
    expect(tensor(new Int32Array([1, 2])).dtype).toBe('int32');
    expect(tensor(3).sizes).toEqual([]);
    expect(tensor([]).sizes).toEqual([0]);
    expect(tensor([[], []]).sizes).toEqual([2, 0]);
  });
  it('converts to the requested dtype', () => {
    const t = tensor([1.7, -2.2, 300], { dtype: 'uint8' });
    expect(t.toArray()).toEqual([1, 254, 44]);
    expect(tensor([0.1], { dtype: 'float16' }).item()).toBeCloseTo(0.0999755859375, 10);
    expect(tensor([1], { dtype: 'torch.float64' }).dtype).toBe('float64');
  });
  it('rejects ragged and non-numeric data with PyTorch messages', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow('expected sequence of length 2 at dim 1 (got 1)');
    expect(() => tensor(['a'] as never)).toThrow('Could not infer dtype of string');
    expect(() => fromArray([1, 2, 3], [2, 2])).toThrow("shape '[2, 2]' is invalid for input of size 3");
    expect(() => tensor([1], { dtype: 'complex64' })).toThrow('unknown dtype complex64');
  });
  it('reads values back in every dtype', () => {
    for (const dtype of [
      'float32',
      'float64',
      'float16',
      'bfloat16',
      'int64',
      'int32',
      'int16',
      'int8',
      'uint8',
    ] as const) {
      expect(
        tensor(
          [
            [1, 2],
            [3, 4],
          ],
          { dtype },
        ).toArray(),
      ).toEqual([
        [1, 2],
        [3, 4],
      ]);
    }
    expect(tensor([true, false], { dtype: 'bool' }).toArray()).toEqual([true, false]);
    expect(tensor(5).toArray()).toBe(5);
    expect(() => tensor([1, 2]).item()).toThrow('a Tensor with 2 elements cannot be converted to Scalar');
  });
  it('allocates on a SharedArrayBuffer when asked', () => {
    const t = tensor([1, 2], { dtype: 'float32', shared: true });
    expect(t.storage.isShared).toBe(true);
    expect(t.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(t.add(t).toArray()).toEqual([2, 4]);
  });
});

describe('requiresGrad at creation', () => {
  it('is accepted for floating tensors and refused for integer and bool ones, as torch.tensor does', () => {
    expect(tensor([1.5, 2], { dtype: 'float32', requiresGrad: true }).requiresGrad).toBe(true);
    expect(fromArray([1, 2], [2], { dtype: 'float64', requiresGrad: true }).requiresGrad).toBe(true);
    // PyTorch 1.13: torch.tensor([1, 2, 3], requires_grad=True) raises this RuntimeError.
    const message = 'Only Tensors of floating point and complex dtype can require gradients';
    expect(() => tensor([1, 2, 3], { requiresGrad: true })).toThrow(message);
    expect(() => fromArray([1, 0], [2], { dtype: 'bool', requiresGrad: true })).toThrow(message);
  });
});

describe('storage', () => {
  it('small storages share slabs, are zeroed and element-aligned', () => {
    const a = Storage.allocate(4);
    const b = Storage.allocate(3);
    const c = Storage.allocate(8);
    expect(a.bytes.buffer).toBe(b.bytes.buffer);
    for (const s of [a, b, c]) {
      expect(s.bytes.byteOffset % 16).toBe(0);
      expect([...s.bytes].every((x) => x === 0)).toBe(true);
    }
    expect(Storage.allocate(1 << 20).bytes.byteOffset).toBe(0);
  });
});

describe('views and versions', () => {
  it('a view shares storage and version counter with its base', () => {
    const base = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      { dtype: 'float32' },
    );
    const t = base.makeView([3, 2], [1, 3], 0);
    expect(t.storage).toBe(base.storage);
    expect(t.base).toBe(base);
    expect(t.isContiguous()).toBe(false);
    t.add_(10);
    expect(base.toArray()).toEqual([
      [11, 12, 13],
      [14, 15, 16],
    ]);
    expect(base.version).toBe(1);
    expect(t.version).toBe(1);
  });
  it('out= resizes an empty output and bumps its version', () => {
    const a = tensor([1, 2, 3], { dtype: 'float32' });
    const out = tensor([], { dtype: 'float32' });
    a.add(a, { out });
    expect(out.sizes).toEqual([3]);
    expect(out.toArray()).toEqual([2, 4, 6]);
    expect(out.version).toBe(1);
  });
  it('size/stride/dim accessors', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.size()).toEqual([2, 3]);
    expect(t.size(-1)).toBe(3);
    expect(t.stride(0)).toBe(3);
    expect(t.dim()).toBe(2);
    expect(t.numel()).toBe(6);
    expect(() => t.size(2)).toThrow('Dimension out of range (expected to be in range of [-2, 1], but got 2)');
  });
});

describe('overload resolution from JS arguments', () => {
  it('picks overloads by argument kinds and caches them', () => {
    const g = opGroup('add');
    expect(g).toBeInstanceOf(OpGroup);
    const a = tensor([1], { dtype: 'float32' });
    expect(g.resolve([a, a]).key).toBe('add.Tensor');
    expect(g.resolve([a, 2]).key).toBe('add.Scalar');
    expect(g.resolve([a, a, { out: a }]).key).toBe('add.out');
    expect(g.resolve([a, a, { alpha: 2 }]).key).toBe('add.Tensor');
  });
  it('explains a call no overload accepts', () => {
    const a = tensor([1], { dtype: 'float32' });
    expect(() => a.add('x' as never)).toThrow(
      /add\(\) received an invalid combination of arguments - got \(Tensor, str\)/,
    );
    expect(() => a.add(a, { beta: 1 } as never)).toThrow(/invalid combination/);
  });
});

describe('dispatcher modes', () => {
  it('a mode sees each call once, with the overload and its arguments, and can change the result', () => {
    const seen: string[] = [];
    const mode: DispatchMode = {
      handle(overload, args, next) {
        seen.push(`${overload.qualifiedName}(${Object.keys(args).join(',')})`);
        return next(args);
      },
    };
    const a = tensor([1, 2], { dtype: 'float32' });
    const r = withMode(mode, () => a.mul(a).add(1));
    expect(r.toArray()).toEqual([2, 5]);
    expect(seen).toEqual(['aten::mul.Tensor(self,other)', 'aten::add.Scalar(self,other,alpha)']);
    a.add(a);
    expect(seen.length).toBe(2);
  });
  it('calls made inside a mode go to the modes below it only', () => {
    const outer: string[] = [];
    const inner: string[] = [];
    const popOuter = pushMode({
      handle(o, args, next) {
        outer.push(o.key);
        return next(args);
      },
    });
    const popInner = pushMode({
      handle(o, args, next) {
        inner.push(o.key);
        // A call the handler makes itself is seen by the outer mode, not by this one.
        if (o.key === 'mul.Tensor') eagerContext.F.add(args.self, 1);
        return next(args);
      },
    });
    const a = tensor([1], { dtype: 'float32' });
    a.mul(a);
    popInner();
    popOuter();
    expect(inner).toEqual(['mul.Tensor']);
    expect(outer).toEqual(['add.Scalar', 'mul.Tensor']);
  });
  it('modes must be popped in order', () => {
    const m1: DispatchMode = { handle: (_o, a, next) => next(a) };
    const m2: DispatchMode = { handle: (_o, a, next) => next(a) };
    const p1 = pushMode(m1);
    const p2 = pushMode(m2);
    expect(() => p1()).toThrow('reverse order');
    p2();
    p1();
    expect(Tensor).toBeDefined();
  });
});
