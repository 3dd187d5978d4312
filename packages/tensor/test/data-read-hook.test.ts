/**
 * The data-read hook (what jit.trace's TracerWarnings listen to), and the JS conversions it
 * reports: Symbol.toPrimitive (PyTorch's float(x) / bool(x)), iteration (PyTorch's iter(x):
 * x.unbind(0)), item, toArray, toFlatArray, and tensors made from JS data.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { type DataReadKind, fromArray, setDataReadHook, type Tensor, tensor } from '../src/index.js';

const seen: DataReadKind[] = [];
const record = (kind: DataReadKind) => {
  seen.push(kind);
};

afterEach(() => {
  setDataReadHook(null);
  seen.length = 0;
});

// TypeScript rejects `tensor > 0`; plain JS runs Symbol.toPrimitive. The cast changes nothing at run time.
const num = (t: Tensor): number => t as unknown as number;

describe('tensor to JS conversions', () => {
  test('a one-element tensor converts to a number in comparisons and arithmetic', () => {
    const x = tensor([[1.5, 2.5]]);
    expect(num(x.sum()) > 3).toBe(true);
    expect(num(x.sum()) + 1).toBe(5);
    expect(Number(tensor([true]))).toBe(1);
    expect(+tensor(7)).toBe(7);
  });

  test('a tensor of several elements has no number value, and strings are its repr', () => {
    const x = tensor([1, 2]);
    expect(() => Number(x)).toThrow('only one element tensors can be converted to Python scalars');
    expect(`${x}`).toBe('tensor([1, 2])');
    expect(String(tensor(3.5))).toBe('tensor(3.5000)');
  });

  test('iteration gives the sub-tensors along dimension 0; a 0-d tensor is not iterable', () => {
    const rows = [
      ...tensor([
        [1, 2],
        [3, 4],
      ]),
    ];
    expect(rows.map((r) => r.toArray())).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(() => [...tensor(1)]).toThrow(TypeError);
  });
});

test('irRepr: how a graph constant prints the tensor (PyTorch: {value} for one element)', () => {
  expect(tensor([[2.5]]).irRepr()).toBe('{2.5}');
  expect(tensor(3).irRepr()).toBe('{3}');
  expect(tensor(true).irRepr()).toBe('{1}');
  expect(tensor([1, 2]).irRepr()).toBe('<Tensor>');
});

describe('setDataReadHook', () => {
  test('reports each read and each tensor made from JS data', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    setDataReadHook(record);
    x.sum().item();
    x.toArray();
    x.tolist();
    x.toFlatArray();
    void (num(x.max()) > 0);
    for (const _ of x) break;
    fromArray([1, 2, 3]);
    tensor([1]);
    expect(seen).toEqual(['item', 'toArray', 'toArray', 'toArray', 'toNumber', 'iterate', 'fromData', 'fromData']);
  });

  test('printing, shapes and ops report nothing; the previous hook comes back', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ]);
    const previous = setDataReadHook(record);
    expect(previous).toBe(null);
    void String(x);
    void x.size(0);
    x.add(1).relu();
    expect(seen).toEqual([]);
    expect(setDataReadHook(null)).toBe(record);
    tensor(1).item();
    expect(seen).toEqual([]);
  });
});
