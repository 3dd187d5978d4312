import { describe, expect, it } from 'vitest';
import { Graph } from '../graph/graph.js';
import { complexValue, deviceValue, dictValue, enumValue, tensorValue, tupleValue } from '../graph/ivalue.js';
import { floatValue, intValue } from '../schema/default-value.js';
import { DictType } from '../types/dict-type.js';
import { ListType } from '../types/list-type.js';
import { NamedTupleType } from '../types/named-tuple-type.js';
import { OptionalType } from '../types/optional-type.js';
import { BoolType, DeviceObjType, FloatType, IntType, StringType } from '../types/simple-types.js';
import { TensorType } from '../types/tensor-type.js';
import {
  constantCode,
  constantEquals,
  constantValue,
  containsNonAsciiString,
  formatCodeFloat,
} from './code-constant.js';

describe('formatCodeFloat', () => {
  it.each([
    [1, '1.'],
    [-3, '-3.'],
    [0, '0.'],
    [-0, '-0.'],
    [0.5, '0.5'],
    [0.1, '0.10000000000000001'],
    [1e-7, '9.9999999999999995e-08'],
    [100, '100.'],
    [9999999999, '9999999999.'],
    [1e10, '10000000000'],
    [1e20, '1e+20'],
    [123456789.125, '123456789.125'],
    [Number.POSITIVE_INFINITY, 'inf'],
    [Number.NEGATIVE_INFINITY, '-inf'],
    [Number.NaN, 'nan'],
    [5e-324, '4.9406564584124654e-324'],
  ])('%s → %s (IValue repr)', (value, text) => {
    expect(formatCodeFloat(value)).toBe(text);
  });

  it('writes -0.0 as 0. in the stream form (complex parts, enum values)', () => {
    expect(formatCodeFloat(-0, false)).toBe('0.');
  });
});

describe('constantCode', () => {
  it('writes scalars, strings and devices', () => {
    expect(constantCode(null, undefined)).toBe('None');
    expect(constantCode(true, BoolType.get())).toBe('True');
    expect(constantCode(intValue(-7), IntType.get())).toBe('-7');
    expect(constantCode(intValue(2n ** 62n), IntType.get())).toBe('4611686018427387904');
    expect(constantCode(floatValue(2), FloatType.get())).toBe('2.');
    expect(constantCode('a"b\n', StringType.get())).toBe('"a\\"b\\n"');
    expect(constantCode('cpu', DeviceObjType.get())).toBe('torch.device("cpu")');
    expect(constantCode(deviceValue('cuda:0'), undefined)).toBe('torch.device("cuda:0")');
    expect(constantCode(complexValue(1, -2), undefined)).toBe('1.-2.j');
    expect(constantCode(complexValue(-0, 0.5), undefined)).toBe('0.+0.5j');
    expect(constantCode(enumValue('__torch__.Color', 'RED'), undefined)).toBe('__torch__.Color.RED');
  });

  it('annotates lists and dicts whose type cannot be read from their members', () => {
    expect(constantCode([intValue(1), intValue(2)], ListType.of(IntType.get()))).toBe('[1, 2]');
    expect(constantCode([], ListType.of(IntType.get()))).toBe('annotate(List[int], [])');
    expect(constantCode([null], ListType.of(OptionalType.of(TensorType.get())))).toBe(
      'annotate(List[Optional[Tensor]], [None])',
    );
    const dict = DictType.of(StringType.get(), OptionalType.of(IntType.get()));
    expect(constantCode(dictValue([['a', null]]), dict)).toBe('annotate(Dict[str, Optional[int]],{"a": None})');
    expect(constantCode(dictValue([['a', intValue(1)]]), DictType.of(StringType.get(), IntType.get()))).toBe(
      '{"a": 1}',
    );
  });

  it('writes tuples with the one-element comma, and NamedTuples with their name', () => {
    expect(constantCode(tupleValue([intValue(1)]), undefined)).toBe('(1,)');
    expect(constantCode(tupleValue([]), undefined)).toBe('()');
    const point = NamedTupleType.create('__torch__.P', [
      ['x', IntType.get()],
      ['y', FloatType.get()],
    ]);
    expect(constantCode(tupleValue([intValue(1), floatValue(2)]), point)).toBe('__torch__.P(1, 2.)');
    expect(constantCode(tupleValue([intValue(1), floatValue(2)]), point, undefined, () => 'P')).toBe('P(1, 2.)');
  });

  it('asks the formatter first, at every level', () => {
    const seen: unknown[] = [];
    const formatter = (v: unknown) => {
      seen.push(v);
      return typeof v === 'object' && v !== null && (v as { kind?: string }).kind === 'tensor' ? 'T' : undefined;
    };
    expect(constantCode([tensorValue(1), tensorValue(2)], ListType.of(TensorType.get()), formatter)).toBe('[T, T]');
    expect(seen).toHaveLength(3);
    expect(() => constantCode(tensorValue(1), TensorType.get())).toThrow(/constant table/);
  });

  it('finds strings beyond ASCII inside containers', () => {
    expect(containsNonAsciiString('abc')).toBe(false);
    expect(containsNonAsciiString(tupleValue([intValue(1), ['café']]))).toBe(true);
    expect(containsNonAsciiString(dictValue([['k', 'ü']]))).toBe(true);
  });

  it('compares as IValue == does', () => {
    expect(constantEquals(intValue(1), intValue(1))).toBe(true);
    expect(constantEquals(intValue(1), floatValue(1))).toBe(false);
    expect(constantEquals(floatValue(Number.NaN), floatValue(Number.NaN))).toBe(false);
    expect(constantEquals([intValue(1), intValue(1)], [intValue(1), intValue(1)])).toBe(true);
    expect(constantEquals(null, false)).toBe(false);
  });
});

describe('constantValue', () => {
  it('reads a constant node as PyTorch does', () => {
    const graph = new Graph();
    const flag = graph.insertConstant(true);
    const device = graph.insertConstant(deviceValue('cpu'));
    const none = graph.insertConstant(null);
    expect(constantValue(flag.node)).toEqual({ value: true });
    expect(constantValue(device.node)).toEqual({ value: deviceValue('cpu') });
    expect(constantValue(none.node)).toEqual({ value: null });
    const add = graph.insert('aten::add', [flag, flag]);
    expect(constantValue(add)).toBeUndefined();
  });
});
