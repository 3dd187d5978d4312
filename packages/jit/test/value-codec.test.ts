import { FloatScalar, PyDevice } from '@tsjit/ops';
import { Tensor, tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import {
  decodeValue,
  decodeValues,
  type EncodedValue,
  encodeValue,
  encodeValues,
  type ObjectCodec,
} from '../src/workers/value-codec.js';
import { ValueCodecError } from '../src/workers/value-codec-error.js';

// Tensor's op methods are added at run time; their declaration does not reach this package's types.
interface Eager {
  transpose(a: number, b: number): Eager & Tensor;
  select(dim: number, index: number): Eager & Tensor;
  view(sizes: number[]): Eager & Tensor;
  mul_(other: number): Eager & Tensor;
  toArray(): unknown;
}
const eager = (t: unknown): Eager & Tensor => t as Eager & Tensor;

// What postMessage does to a message between the encoder and the decoder.
function acrossThreads<T>(encoded: T): T {
  return structuredClone(encoded);
}
function roundTrip(value: unknown, options = {}): unknown {
  return decodeValue(acrossThreads(encodeValue(value, options)), options);
}

/** A stand-in for the interpreter's ScriptObject: a class name and named slots. */
class Obj {
  constructor(
    readonly className: string,
    readonly slots: Map<string, unknown> = new Map(),
  ) {}
}
const objects: ObjectCodec<Obj> = {
  matches: (v): v is Obj => v instanceof Obj,
  qualifiedName: (v) => v.className,
  attributes: (v) => [...v.slots],
  create: (name) => new Obj(name),
  setAttribute: (v, name, value) => v.slots.set(name, value),
};

describe('value codec', () => {
  it('keeps scalars: ints (number and bigint), floats, FloatScalar, bools, strings, None', () => {
    for (const v of [0, -7, 2 ** 53 - 1, 1.5, Number.NaN, -0, 2n ** 63n - 1n, true, false, 'héllo', null]) {
      expect(Object.is(roundTrip(v), v)).toBe(true);
    }
    const f = roundTrip(new FloatScalar(2));
    expect(f).toBeInstanceOf(FloatScalar);
    expect((f as FloatScalar).value).toBe(2);
  });

  it('keeps lists mutable and tuples frozen, nested', () => {
    const value = [1, Object.freeze([2, new FloatScalar(3)]), [Object.freeze(['a'])]];
    const back = roundTrip(value) as unknown[];
    expect(Object.isFrozen(back)).toBe(false);
    expect(Object.isFrozen(back[1])).toBe(true);
    expect(((back[1] as unknown[])[1] as FloatScalar).value).toBe(3);
    expect(Object.isFrozen((back[2] as unknown[])[0])).toBe(true);
    expect(back).toEqual([1, [2, new FloatScalar(3)], [['a']]]);
  });

  it('keeps aliasing within one message: the same list twice is one list', () => {
    const shared = [1, 2];
    const back = roundTrip([shared, shared, [shared]]) as unknown[][];
    expect(back[0]).toBe(back[1]);
    expect(back[2][0]).toBe(back[0]);
    (back[0] as number[]).push(3);
    expect(back[1]).toEqual([1, 2, 3]);
    // ...and across the arguments of one call.
    const [a, b] = decodeValues(acrossThreads(encodeValues([shared, { x: shared }])));
    expect((b as { x: unknown }).x).toBe(a);
  });

  it('keeps a list that contains itself', () => {
    const list: unknown[] = [1];
    list.push(list);
    const back = roundTrip(list) as unknown[];
    expect(back[1]).toBe(back);
  });

  it('keeps dicts as Maps in insertion order, with tensor, int, str and bool keys', () => {
    const t = tensor([1]);
    const dict = new Map<unknown, unknown>([
      ['z', 1],
      ['a', [2]],
      [3, 'three'],
      [true, null],
      [t, 4],
    ]);
    const back = roundTrip(dict) as Map<unknown, unknown>;
    expect(back).toBeInstanceOf(Map);
    const keys = [...back.keys()];
    expect(keys.slice(0, 4)).toEqual(['z', 'a', 3, true]);
    expect(keys[4]).toBeInstanceOf(Tensor);
    expect([...back.values()]).toEqual([1, [2], 'three', null, 4]);
  });

  it('keeps plain objects (dict arguments written as records)', () => {
    expect(roundTrip({ b: 1, a: [2] })).toEqual({ b: 1, a: [2] });
  });

  it('keeps devices as PyDevice', () => {
    const back = roundTrip(new PyDevice('cuda:1')) as PyDevice;
    expect(back).toBeInstanceOf(PyDevice);
    expect(back.type).toBe('cuda');
    expect(back.index).toBe(1);
  });

  it('copies a tensor on an ordinary ArrayBuffer into a SharedArrayBuffer, with its geometry and requiresGrad', () => {
    const base = tensor(
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      { dtype: 'float64' },
    );
    const t = eager(base).transpose(0, 1).select(0, 2); // strided, offset 2
    t.requiresGrad = true;
    const encoded = encodeValue(t) as { storage: { buffer: unknown } };
    expect(encoded.storage.buffer).toBeInstanceOf(SharedArrayBuffer);
    const back = decodeValue(acrossThreads(encoded as EncodedValue)) as Tensor;
    expect(back).toBeInstanceOf(Tensor);
    expect(back.dtype).toBe('float64');
    expect(back.sizes).toEqual([2]);
    expect(back.strides).toEqual(t.strides);
    expect(back.offset).toBe(2);
    expect(back.requiresGrad).toBe(true);
    expect(eager(back).toArray()).toEqual([3, 6]);
    // A copy: the source tensor's own storage stayed where it was.
    expect(base.storage.isShared).toBe(false);
  });

  it('shares, without copying, the storage of a tensor already on a SharedArrayBuffer; views stay views of one Storage', () => {
    const base = tensor([1, 2, 3, 4], { dtype: 'int32' });
    base.storage.toShared();
    base.storage.version = 5;
    const view = eager(base).view([2, 2]).select(0, 1);
    const [a, b] = decodeValues(acrossThreads(encodeValues([base, view, base]))) as Tensor[];
    expect(a.storage).toBe(b.storage);
    expect(a.storage.version).toBe(5);
    expect(eager(b).toArray()).toEqual([3, 4]);
    // The same memory: a write on one side is seen on the other.
    eager(b).mul_(10);
    expect(eager(base).toArray()).toEqual([1, 2, 30, 40]);
    // The same tensor twice in one message is one tensor.
    const twice = decodeValues(acrossThreads(encodeValues([base, base]))) as Tensor[];
    expect(twice[0]).toBe(twice[1]);
  });

  it('rebuilds script objects by class name through the ObjectCodec, cycles included', () => {
    const child = new Obj('__torch__.Child', new Map<string, unknown>([['w', tensor([1.5])]]));
    const parent = new Obj(
      '__torch__.Parent',
      new Map<string, unknown>([
        ['child', child],
        ['again', child],
        ['n', 3],
      ]),
    );
    child.slots.set('parent', parent);
    const back = roundTrip(parent, { objects }) as Obj;
    expect(back).toBeInstanceOf(Obj);
    expect(back).not.toBe(parent);
    expect(back.className).toBe('__torch__.Parent');
    const backChild = back.slots.get('child') as Obj;
    expect(backChild.className).toBe('__torch__.Child');
    expect(back.slots.get('again')).toBe(backChild);
    expect(backChild.slots.get('parent')).toBe(back);
    expect(eager(backChild.slots.get('w')).toArray()).toEqual([1.5]);
    expect([...back.slots.keys()]).toEqual(['child', 'again', 'n']);
  });

  it('rejects what cannot cross threads with a ValueCodecError', () => {
    expect(() => encodeValue(() => 1)).toThrow(ValueCodecError);
    expect(() => encodeValue(Symbol('s'))).toThrow('a symbol cannot be passed to or from a worker thread');
    expect(() => encodeValue(new Obj('X'))).toThrow('a Obj cannot be passed to or from a worker thread');
    expect(() => decodeValue(encodeValue(new Obj('X'), { objects }))).toThrow('no way to rebuild an object of X');
  });
});
