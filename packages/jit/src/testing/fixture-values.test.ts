import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnyType, DictType, FloatType, IntType, ListType, OptionalType, TupleType, UnionType } from '@tsjit/ir';
import { FloatScalar } from '@tsjit/ops';
import { fromArray, readValues, type Tensor, toNpy } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { compareValue, decodeValue, type FixtureValue, isErrorExpectation } from './fixture-values.js';

const int = IntType.get();
const float = FloatType.get();
const t32 = (data: (number | string)[], shape = [data.length]): FixtureValue => ({
  tensor: { dtype: 'float32', shape, data: data as never },
});

describe('decodeValue', () => {
  it('decodes scalars: ints (bigint beyond 2^53), floats with nan/inf, bool, str, None', () => {
    expect(decodeValue({ int: 3 })).toBe(3);
    expect(decodeValue({ int: '9007199254740993' })).toBe(9007199254740993n);
    expect(decodeValue({ int: '-9223372036854775808' })).toBe(-9223372036854775808n);
    expect(decodeValue({ int: '12' })).toBe(12);
    expect(decodeValue({ float: 0.5 })).toBe(0.5);
    expect(decodeValue({ float: 'nan' })).toBeNaN();
    expect(decodeValue({ float: '-inf' })).toBe(Number.NEGATIVE_INFINITY);
    expect(Object.is(decodeValue({ float: -0 }), -0)).toBe(true);
    expect(decodeValue({ bool: false })).toBe(false);
    expect(decodeValue({ str: 'a' })).toBe('a');
    expect(decodeValue({ none: null })).toBeNull();
  });

  it('keeps integral floats floats with exactFloats', () => {
    expect(decodeValue({ float: 2 })).toBe(2);
    const boxed = decodeValue({ float: 2 }, { exactFloats: true });
    expect(boxed).toBeInstanceOf(FloatScalar);
    expect((boxed as FloatScalar).value).toBe(2);
    expect(decodeValue({ float: 2.5 }, { exactFloats: true })).toBe(2.5);
  });

  it('decodes tuples frozen, lists mutable, dicts as Maps in order', () => {
    const t = decodeValue({ tuple: [{ int: 1 }, { list: [{ str: 'x' }] }] }) as unknown[];
    expect(Object.isFrozen(t)).toBe(true);
    expect(Object.isFrozen(t[1])).toBe(false);
    expect(t[1]).toEqual(['x']);
    const d = decodeValue({
      dict: [
        [{ str: 'z' }, { int: 1 }],
        [{ str: 'a' }, { int: 2 }],
      ],
    }) as Map<unknown, unknown>;
    expect([...d.entries()]).toEqual([
      ['z', 1],
      ['a', 2],
    ]);
  });

  it('decodes inline tensors (dtype, shape, nan) and .npy files', () => {
    const t = decodeValue(t32([1, 'nan', '-inf', 4], [2, 2])) as Tensor;
    expect(t.dtype).toBe('float32');
    expect(t.sizes).toEqual([2, 2]);
    const values = readValues(t) as number[];
    expect(values[0]).toBe(1);
    expect(values[1]).toBeNaN();
    expect(values[2]).toBe(Number.NEGATIVE_INFINITY);
    const b = decodeValue({ tensor: { dtype: 'bool', shape: [2], data: [true, false] } }) as Tensor;
    expect(readValues(b)).toEqual([true, false]);
    const scalar = decodeValue({ tensor: { dtype: 'int64', shape: [], data: [7] } }) as Tensor;
    expect(scalar.sizes).toEqual([]);
    expect(readValues(scalar)).toEqual([7]);

    const dir = mkdtempSync(join(tmpdir(), 'fixture-values-'));
    writeFileSync(join(dir, 't0.npy'), toNpy(fromArray([1, 2, 3], [3], { dtype: 'int32' })));
    const fromFile = decodeValue({ tensor: 't0.npy' }, { caseDir: dir }) as Tensor;
    expect(fromFile.dtype).toBe('int32');
    expect(readValues(fromFile)).toEqual([1, 2, 3]);
    expect(() => decodeValue({ tensor: 't0.npy' })).toThrow(/caseDir/);
  });

  it('rejects what is not a VALUE', () => {
    expect(() => decodeValue({ int: 1, float: 2 } as never)).toThrow(/one type tag/);
    expect(() => decodeValue({ complex: 1 } as never)).toThrow(/not a fixture VALUE/);
  });
});

describe('compareValue', () => {
  it('ints: equal values match; bigint and number of the same value match', () => {
    expect(compareValue(3, { int: 3 }, { type: int })).toBeNull();
    expect(compareValue(9007199254740993n, { int: '9007199254740993' })).toBeNull();
    expect(compareValue(5, { int: '5' })).toBeNull();
  });

  it('ints: a different value, a float, a bool are mismatches', () => {
    expect(compareValue(4, { int: 3 }, { type: int })).toBe('expected int 3, got int 4');
    expect(compareValue(3, { int: 3 }, { type: float })).toBe('expected int 3, got float 3');
    expect(compareValue(new FloatScalar(3), { int: 3 })).toBe('expected int 3, got float 3');
    expect(compareValue(3.5, { int: 3 })).toBe('expected int 3, got float 3.5');
    expect(compareValue(true, { int: 1 })).toBe('expected int 1, got bool True');
    expect(compareValue(9007199254740992n, { int: '9007199254740993' })).toBe(
      'expected int 9007199254740993, got int 9007199254740992',
    );
  });

  it('floats: within atol + rtol * |expected|; nan only nan; infinities only themselves', () => {
    expect(compareValue(1.00001, { float: 1 }, { rtol: 1e-4, atol: 0, type: float })).toBeNull();
    expect(compareValue(1.001, { float: 1 }, { rtol: 1e-4, atol: 0, type: float })).toBe(
      'expected float 1, got float 1.001',
    );
    expect(compareValue(1e-9, { float: 0 }, { rtol: 0, atol: 1e-8, type: float })).toBeNull();
    expect(compareValue(Number.NaN, { float: 'nan' })).toBeNull();
    expect(compareValue(1, { float: 'nan' }, { type: float })).toBe('expected float nan, got float 1');
    expect(compareValue(Number.NaN, { float: 1 })).toBe('expected float 1, got float nan');
    expect(compareValue(Number.POSITIVE_INFINITY, { float: 'inf' })).toBeNull();
    expect(compareValue(Number.NEGATIVE_INFINITY, { float: 'inf' })).toBe('expected float inf, got float -inf');
    expect(compareValue(1e308, { float: 'inf' }, { rtol: 1, atol: 1 })).toBe('expected float inf, got number 1e+308');
  });

  it('floats: an int is not a float (by type, bigint); FloatScalar, -0 and fractions are floats', () => {
    expect(compareValue(2, { float: 2 }, { type: int })).toBe('expected float 2, got int 2');
    expect(compareValue(2n, { float: 2 })).toBe('expected float 2, got int 2');
    expect(compareValue(new FloatScalar(2), { float: 2 }, { type: int })).toBeNull();
    expect(compareValue(-0, { int: 0 })).toBe('expected int 0, got float -0');
    expect(compareValue(2, { float: 2 }, { type: float })).toBeNull();
    expect(compareValue(2, { float: 2 }, { type: OptionalType.of(float) })).toBeNull();
  });

  it('int vs float: an integral number matches either where the type does not tell', () => {
    expect(compareValue(2, { float: 2 })).toBeNull();
    expect(compareValue(2, { int: 2 })).toBeNull();
    expect(compareValue(2, { float: 2 }, { type: AnyType.get() })).toBeNull();
    expect(compareValue(2, { float: 2 }, { type: UnionType.of([int, float]) })).toBeNull();
    expect(compareValue(2, { float: 2 }, { type: UnionType.of([int, IntType.get()]) })).toBe(
      'expected float 2, got int 2',
    );
  });

  it('bool, str, None: equal and of the same type', () => {
    expect(compareValue(true, { bool: true })).toBeNull();
    expect(compareValue(false, { bool: true })).toBe('expected bool True, got bool False');
    expect(compareValue(1, { bool: true })).toBe('expected bool True, got number 1');
    expect(compareValue('ab', { str: 'ab' })).toBeNull();
    expect(compareValue('ab ', { str: 'ab' })).toBe('expected str "ab", got str "ab "');
    expect(compareValue(null, { none: null })).toBeNull();
    expect(compareValue(undefined, { none: null })).toBe('expected None, got undefined');
    expect(compareValue(0, { none: null })).toBe('expected None, got number 0');
    expect(compareValue(null, { str: '' })).toBe('expected str "", got None');
  });

  it('tuples and lists: same kind, same length, elements match (with the path of the first mismatch)', () => {
    const expected: FixtureValue = { list: [{ int: 1 }, { tuple: [{ float: 0.5 }, { int: 3 }] }] };
    const type = ListType.of(UnionType.of([int, TupleType.of([float, int])]));
    expect(compareValue([1, Object.freeze([0.5, 3])], expected, { type })).toBeNull();
    expect(compareValue(Object.freeze([1, Object.freeze([0.5, 3])]), expected)).toBe(
      'expected list of length 2, got tuple of length 2',
    );
    expect(compareValue([1, [0.5, 3]], expected)).toBe('[1]: expected tuple of length 2, got list of length 2');
    expect(compareValue([1], expected)).toBe('expected list of length 2, got list of length 1');
    const typed = ListType.of(TupleType.of([float, float]));
    const rows: FixtureValue = {
      list: [{ tuple: [{ float: 1 }, { float: 2 }] }, { tuple: [{ float: 1 }, { int: 3 }] }],
    };
    expect(compareValue([Object.freeze([1, 2]), Object.freeze([1, 3])], rows, { type: typed })).toBe(
      '[1][1]: expected int 3, got float 3',
    );
    expect(compareValue('ab', { list: [] })).toBe('expected list of length 0, got str "ab"');
  });

  it('dicts: same keys in the same order, values match', () => {
    const expected: FixtureValue = {
      dict: [
        [{ str: 'b' }, { float: 1 }],
        [{ str: 'a' }, { float: 2.5 }],
      ],
    };
    const type = DictType.of(IntType.get(), float);
    expect(
      compareValue(
        new Map<unknown, unknown>([
          ['b', 1],
          ['a', 2.5],
        ]),
        expected,
      ),
    ).toBeNull();
    expect(
      compareValue(
        new Map<unknown, unknown>([
          ['a', 2.5],
          ['b', 1],
        ]),
        expected,
      ),
    ).toBe('{key 0}: expected str "b", got str "a" (dict keys in insertion order)');
    expect(
      compareValue(
        new Map<unknown, unknown>([
          ['b', 1],
          ['a', 3],
        ]),
        expected,
      ),
    ).toBe('["a"]: expected float 2.5, got number 3');
    expect(compareValue(new Map<unknown, unknown>([['b', 1]]), expected)).toBe(
      'expected dict of size 2, got dict of size 1',
    );
    expect(compareValue([['b', 1]], expected)).toBe('expected dict of size 2, got list of length 1');
    const ints: FixtureValue = { dict: [[{ int: 1 }, { int: 2 }]] };
    expect(compareValue(new Map([[1, 2]]), ints, { type: DictType.of(IntType.get(), IntType.get()) })).toBeNull();
    expect(compareValue(new Map([[1, 2]]), ints, { type: DictType.of(float, float) })).toBe(
      '{key 0}: expected int 1, got float 1 (dict keys in insertion order)',
    );
    expect(type.keyType.kind).toBe('IntType');
  });

  it('tensors: same dtype and shape exactly; integer and bool elements exactly', () => {
    const ints: FixtureValue = { tensor: { dtype: 'int64', shape: [2], data: [1, 2] } };
    expect(compareValue(fromArray([1, 2], [2], { dtype: 'int64' }), ints)).toBeNull();
    expect(compareValue(fromArray([1, 3], [2], { dtype: 'int64' }), ints)).toBe(
      'tensor int64 [2]: 1 of 2 elements differ; first at [1]: expected 2, got 3',
    );
    expect(compareValue(fromArray([1, 2], [2], { dtype: 'int32' }), ints)).toBe(
      'expected tensor of dtype int64, got dtype int32',
    );
    expect(compareValue(fromArray([1, 2], [1, 2], { dtype: 'int64' }), ints)).toBe(
      'expected tensor of shape [2], got shape [1, 2]',
    );
    const bools: FixtureValue = { tensor: { dtype: 'bool', shape: [2], data: [true, false] } };
    expect(compareValue(fromArray([true, false], [2], { dtype: 'bool' }), bools)).toBeNull();
    expect(compareValue(fromArray([true, true], [2], { dtype: 'bool' }), bools)).toMatch(/expected false, got true/);
    expect(compareValue([1, 2], ints)).toBe('expected tensor int64 [2], got list of length 2');
  });

  it('tensors: floating elements within tolerance, nan only nan, infinities only themselves', () => {
    const e = t32([1, 'nan', 'inf', -2], [2, 2]);
    const close = fromArray([1.00001, Number.NaN, Number.POSITIVE_INFINITY, -2], [2, 2], { dtype: 'float32' });
    expect(compareValue(close, e, { rtol: 1e-4, atol: 1e-5 })).toBeNull();
    expect(compareValue(close, e, { rtol: 0, atol: 0 })).toBe(
      'tensor float32 [2, 2]: 1 of 4 elements differ; first at [0, 0]: expected 1, got 1.0000100135803223',
    );
    const nanless = fromArray([1, 0, Number.POSITIVE_INFINITY, -2], [2, 2], { dtype: 'float32' });
    expect(compareValue(nanless, e)).toMatch(/first at \[0, 1\]: expected nan, got 0/);
    const neg = fromArray([1, Number.NaN, Number.NEGATIVE_INFINITY, -2], [2, 2], { dtype: 'float32' });
    expect(compareValue(neg, e)).toMatch(/first at \[1, 0\]: expected inf, got -inf/);
    const scalar: FixtureValue = { tensor: { dtype: 'float64', shape: [], data: [0.5] } };
    expect(compareValue(fromArray([0.5], [], { dtype: 'float64' }), scalar)).toBeNull();
    expect(compareValue(fromArray([0.25], [], { dtype: 'float64' }), scalar)).toMatch(/first at the scalar/);
  });

  it('tensors: a non-contiguous actual is compared by its values', () => {
    const base = fromArray([1, 2, 3, 4], [2, 2], { dtype: 'float32' });
    const transposed = (base as Tensor).makeView([2, 2], [1, 2], 0);
    expect(compareValue(transposed, t32([1, 3, 2, 4], [2, 2]))).toBeNull();
    expect(compareValue(transposed, t32([1, 2, 3, 4], [2, 2]))).toMatch(/2 of 4 elements differ/);
  });

  it('recognises the README error expectation', () => {
    expect(isErrorExpectation({ error: 'index' })).toBe(true);
    expect(isErrorExpectation({ str: 'index' })).toBe(false);
    expect(isErrorExpectation({ error: 'x', str: 'y' })).toBe(false);
    expect(isErrorExpectation(null)).toBe(false);
  });
});
