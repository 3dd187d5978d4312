import { describe, expect, it } from 'vitest';
import { ClassType } from '../types/class-type.js';
import { DictType } from '../types/dict-type.js';
import { ListType } from '../types/list-type.js';
import { OptionalType } from '../types/optional-type.js';
import {
  DeviceObjType,
  IntType,
  LayoutType,
  MemoryFormatType,
  NumberType,
  ScalarTypeType,
  StringType,
  SymIntType,
} from '../types/simple-types.js';
import { TensorType } from '../types/tensor-type.js';
import { TupleType } from '../types/tuple-type.js';
import { VarType } from '../types/type-variable.js';
import { AliasInfo } from './alias-info.js';
import { parseSchema } from './parse-schema.js';

const Tensor = TensorType.get();
const int = IntType.get();

/** The first argument of `aten::f(<arg>) -> ()`. */
function arg(text: string) {
  return parseSchema(`aten::f(${text}) -> ()`).arguments[0];
}

describe('parseSchema: the declaration', () => {
  it('reads name, overload, arguments, keyword-only marker and returns', () => {
    const s = parseSchema('aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor');
    expect(s.name).toBe('aten::add');
    expect(s.overloadName).toBe('Tensor');
    expect(s.operatorName).toBe('aten::add.Tensor');
    expect(s.namespace).toBe('aten');
    expect(s.arguments.map((a) => a.name)).toEqual(['self', 'other', 'alpha']);
    expect(s.arguments.map((a) => a.kwargOnly)).toEqual([false, false, true]);
    expect(s.arguments[2].type).toBe(NumberType.get());
    expect(s.arguments[2].defaultValue).toEqual({ kind: 'int', value: 1 });
    expect(s.returns).toHaveLength(1);
    expect(s.returns[0].type).toBe(Tensor);
    expect(s.returns[0].name).toBe('');
    expect(s.isVararg).toBe(false);
    expect(s.isVarret).toBe(false);
    expect(s.isMutable).toBe(false);
    expect(s.argumentIndex('other')).toBe(1);
    expect(s.argumentIndex('nope')).toBe(-1);
  });

  it('has an empty overload name for the default overload, and accepts names without a namespace', () => {
    expect(parseSchema('aten::relu(Tensor self) -> Tensor').overloadName).toBe('');
    const bare = parseSchema('my_op(Tensor x) -> Tensor');
    expect(bare.name).toBe('my_op');
    expect(bare.namespace).toBe('');
  });

  it('reads named returns, empty returns and tuple returns', () => {
    const s = parseSchema('aten::max.dim(Tensor self, int dim, bool keepdim=False) -> (Tensor values, Tensor indices)');
    expect(s.returns.map((r) => r.name)).toEqual(['values', 'indices']);
    expect(parseSchema('aten::_assert_async(Tensor self) -> ()').returns).toEqual([]);
    const items = parseSchema('aten::items.str(Dict(str, t) self) -> ((str, t)[])');
    expect(items.returns).toHaveLength(1);
    expect(items.returns[0].type.equals(ListType.of(TupleType.of([StringType.get(), VarType.named('t')])))).toBe(true);
    expect(items.toString()).toBe('aten::items.str(Dict(str, t) self) -> ((str, t)[])');
    expect(parseSchema('aten::frexp(float a) -> (float, int)').returns).toHaveLength(2);
  });

  it('reads varargs and varrets', () => {
    const s = parseSchema('prim::TupleUnpack(Any tup) -> ...');
    expect(s.isVarret).toBe(true);
    expect(s.returns).toEqual([]);
    const v = parseSchema('aten::percentFormat(str self, ...) -> str');
    expect(v.isVararg).toBe(true);
    expect(v.toString()).toBe('aten::percentFormat(str self, ...) -> str');
    const both = parseSchema('prim::FusionGroup(...) -> ...');
    expect(both.isVararg && both.isVarret).toBe(true);
    expect(both.toString()).toBe('prim::FusionGroup(...) -> ...');
    expect(parseSchema('aten::f(int x) -> (int a, ...)').toString()).toBe('aten::f(int x) -> (int a, ...)');
  });
});

describe('parseSchema: types', () => {
  it('reads Tensor?, Tensor[]?, Tensor?[] and fixed-size lists', () => {
    expect(arg('Tensor? x').type.equals(OptionalType.of(Tensor))).toBe(true);
    expect(arg('Tensor[]? x').type.equals(OptionalType.of(ListType.of(Tensor)))).toBe(true);
    expect(arg('Tensor?[] x').type.equals(ListType.of(OptionalType.of(Tensor)))).toBe(true);
    const fixed = arg('int[2] x');
    expect(fixed.type.equals(ListType.of(int))).toBe(true);
    expect(fixed.N).toBe(2);
    const optionalFixed = arg('int[1]? dim');
    expect(optionalFixed.type.equals(OptionalType.of(ListType.of(int)))).toBe(true);
    expect(optionalFixed.N).toBe(1);
    expect(optionalFixed.toString()).toBe('int[1]? dim');
  });

  it('types SymInt, ScalarType, Layout and MemoryFormat as int but prints them as written', () => {
    const cases = [
      ['SymInt[] size', ListType.of(int), ListType.of(SymIntType.get())],
      ['SymInt[2] size', ListType.of(int), ListType.of(SymIntType.get())],
      ['SymInt? n', OptionalType.of(int), OptionalType.of(SymIntType.get())],
      ['ScalarType? dtype', OptionalType.of(int), OptionalType.of(ScalarTypeType.get())],
      ['Layout? layout', OptionalType.of(int), OptionalType.of(LayoutType.get())],
      ['MemoryFormat memory_format', int, MemoryFormatType.get()],
    ] as const;
    for (const [text, type, real] of cases) {
      const a = arg(text);
      expect(a.type.equals(type), text).toBe(true);
      expect(a.realType.equals(real), text).toBe(true);
      expect(a.toString()).toBe(text);
    }
  });

  it('reads Device, Generator, Dimname (as str), Dict, Future, RRef, Union and type variables', () => {
    expect(arg('Device? device').type.equals(OptionalType.of(DeviceObjType.get()))).toBe(true);
    expect(arg('Generator? generator').type.annotationStr()).toBe('Generator?');
    expect(arg('Dimname dim').type).toBe(StringType.get());
    expect(arg('Dict(str, Tensor) d').type.equals(DictType.of(StringType.get(), Tensor))).toBe(true);
    expect(arg('Future(t) f').type.pythonStr()).toBe('Future[t]');
    expect(arg('RRef(t) r').type.pythonStr()).toBe('RRef[t]');
    expect(arg('Union(int, str) u').type.pythonStr()).toBe('Union[int, str]');
    expect(arg('t1 x').type.equals(VarType.named('t1'))).toBe(true);
    expect(arg('(float, tVal)[] inputs').type.annotationStr()).toBe('(float, tVal)[]');
  });

  it('reads custom class types by qualified name', () => {
    const a = arg('__torch__.torch.classes.c10d.ProcessGroup process_group');
    expect(a.type.equals(ClassType.named('__torch__.torch.classes.c10d.ProcessGroup'))).toBe(true);
    expect((a.type as ClassType).name).toBe('ProcessGroup');
    expect(arg('__torch__.torch.classes.rnn.CellParamsBase[] params').toString()).toBe(
      '__torch__.torch.classes.rnn.CellParamsBase[] params',
    );
  });
});

describe('parseSchema: alias annotations', () => {
  it('reads Tensor(a), Tensor(a!), Tensor(a -> *), Tensor(a|b)', () => {
    expect(arg('Tensor(a) self').aliasInfo).toEqual(new AliasInfo({ beforeSets: ['a'] }));
    const write = arg('Tensor(a!) self');
    expect(write.aliasInfo?.isWrite).toBe(true);
    expect(write.aliasInfo?.afterSets).toEqual(['a']);
    expect(write.isWrite).toBe(true);
    const wildcard = arg('Tensor(a -> *) self').aliasInfo;
    expect(wildcard?.beforeSets).toEqual(['a']);
    expect(wildcard?.afterSets).toEqual(['*']);
    expect(wildcard?.isWildcardAfter).toBe(true);
    expect(wildcard?.isWildcardBefore).toBe(false);
    expect(wildcard?.toString()).toBe('(a -> *)');
    const either = parseSchema('aten::cpu(Tensor(a) self) -> Tensor(b|a)').returns[0].aliasInfo;
    expect(either?.beforeSets).toEqual(['b', 'a']);
    expect(either?.toString()).toBe('(b|a)');
  });

  it('nests element annotations in lists: Tensor(a!)[] and t[](a!)', () => {
    const elements = arg('Tensor(a!)[] self').aliasInfo;
    expect(elements?.beforeSets).toEqual([]);
    expect(elements?.isWrite).toBe(true);
    expect(elements?.containedTypes).toEqual([new AliasInfo({ beforeSets: ['a'], isWrite: true })]);
    const container = arg('t[](a!) self').aliasInfo;
    expect(container?.beforeSets).toEqual(['a']);
    expect(container?.containedTypes).toEqual([]);
    expect(arg('Tensor(a)[] x').toString()).toBe('Tensor(a)[] x');
    expect(arg('Tensor(a!)[](b) x').toString()).toBe('Tensor(a!)[](b) x');
  });

  it('reads annotations on Dict, optional type variables, and the Tensor! shorthand', () => {
    const dict = arg('Dict(str, t)(a!) self');
    expect(dict.aliasInfo?.isWrite).toBe(true);
    expect(dict.toString()).toBe('Dict(str, t)(a!) self');
    expect(parseSchema('aten::get.str(Dict(str, t) self, str key) -> t(*)?').returns[0].toString()).toBe('t(*)?');
    const fresh = arg('Tensor! x').aliasInfo;
    expect(fresh?.isWrite).toBe(true);
    expect(fresh?.beforeSets).toEqual(['$0']);
    expect(arg('Tensor! x').toString()).toBe('Tensor($0!) x');
    expect(arg(arg('Tensor! x').toString()).aliasInfo?.equals(fresh as AliasInfo)).toBe(true);
  });

  it('prints an aliased optional element so that it parses back', () => {
    const a = arg('Tensor(a)?[] x');
    expect(a.toString()).toBe('Tensor(a)?[] x');
    expect(arg(a.toString()).aliasInfo?.equals(a.aliasInfo as AliasInfo)).toBe(true);
  });

  it('accepts the wildcard last in a set list, as PyTorch does', () => {
    expect(arg('Tensor(a|*) x').aliasInfo?.beforeSets).toEqual(['a', '*']);
  });
});

describe('parseSchema: default values', () => {
  // [argument as written, stored value, as PyTorch 1.13 prints it]
  const cases: [string, unknown, string][] = [
    ['int dim=-1', { kind: 'int', value: -1 }, 'int dim=-1'],
    ['float eps=1e-05', { kind: 'float', value: 1e-5 }, 'float eps=1.0000000000000001e-05'],
    ['float p=1', { kind: 'float', value: 1 }, 'float p=1.'],
    ['float p=.5', { kind: 'float', value: 0.5 }, 'float p=0.5'],
    ['Scalar alpha=1', { kind: 'int', value: 1 }, 'Scalar alpha=1'],
    ['Scalar alpha=1.0', { kind: 'float', value: 1 }, 'Scalar alpha=1.'],
    ['float? x=1', { kind: 'int', value: 1 }, 'float? x=1'],
    ['bool keepdim=False', false, 'bool keepdim=False'],
    ['bool b=True', true, 'bool b=True'],
    ['Tensor? weight=None', null, 'Tensor? weight=None'],
    ['Tensor x=None', null, 'Tensor x=None'],
    ['Generator? generator=None', null, 'Generator? generator=None'],
    ["str reduce='mean'", 'mean', 'str reduce="mean"'],
    ['str mode="nearest"', 'nearest', 'str mode="nearest"'],
    ["str s='a\"b'", 'a"b', 'str s="a\\"b"'],
    ['str s="\\"\\\'\\\\"', `"'\\`, 'str s="\\"\\\'\\\\"'],
    ["str s='\\101'", 'A', 'str s="A"'],
    ["str s='''x'''", 'x', 'str s="x"'],
    ['str? rounding_mode=None', null, 'str? rounding_mode=None'],
    ['int[] dims=[]', [], 'int[] dims=[]'],
    ['int[1] dim=[0]', [{ kind: 'int', value: 0 }], 'int[1] dim=[0]'],
    [
      'int[2] stride=1',
      [
        { kind: 'int', value: 1 },
        { kind: 'int', value: 1 },
      ],
      'int[2] stride=1',
    ],
    [
      'int[2] padding=[0,0]',
      [
        { kind: 'int', value: 0 },
        { kind: 'int', value: 0 },
      ],
      'int[2] padding=0',
    ],
    [
      'int[2] x=[-2, -1]',
      [
        { kind: 'int', value: -2 },
        { kind: 'int', value: -1 },
      ],
      'int[2] x=[-2, -1]',
    ],
    [
      'SymInt[2] x=1',
      [
        { kind: 'int', value: 1 },
        { kind: 'int', value: 1 },
      ],
      'SymInt[2] x=[1, 1]',
    ],
    [
      'float[2] x=1',
      [
        { kind: 'float', value: 1 },
        { kind: 'float', value: 1 },
      ],
      'float[2] x=[1., 1.]',
    ],
    [
      'float[] x=[1, 2.5]',
      [
        { kind: 'float', value: 1 },
        { kind: 'float', value: 2.5 },
      ],
      'float[] x=[1., 2.5]',
    ],
    ['bool[3] mask=[True, False, True]', [true, false, true], 'bool[3] mask=[True, False, True]'],
    ['int[2]? x=None', null, 'int[2]? x=None'],
    ['ScalarType dtype=long', { kind: 'int', value: 4 }, 'ScalarType dtype=4'],
    ['ScalarType? dtype=float', { kind: 'int', value: 6 }, 'ScalarType? dtype=6'],
    ['Layout layout=strided', { kind: 'int', value: 0 }, 'Layout layout=0'],
    ['MemoryFormat memory_format=contiguous_format', { kind: 'int', value: 0 }, 'MemoryFormat memory_format=0'],
    ['int reduction=Mean', { kind: 'int', value: 1 }, 'int reduction=1'],
    ['int x=9223372036854775807', { kind: 'int', value: 9223372036854775807n }, 'int x=9223372036854775807'],
    ['int x=-9223372036854775808', { kind: 'int', value: -9223372036854775808n }, 'int x=-9223372036854775808'],
    ['Device device="cpu"', 'cpu', 'Device device="cpu"'],
  ];
  it.each(cases)('%s', (text, value, printed) => {
    const a = arg(text);
    expect(a.defaultValue).toEqual(value);
    expect(a.hasDefault).toBe(true);
    expect(a.toString()).toBe(printed);
  });

  it('marks the absence of a default with undefined, distinct from a None default', () => {
    expect(arg('Tensor x').defaultValue).toBeUndefined();
    expect(arg('Tensor x').hasDefault).toBe(false);
    expect(arg('Tensor? x=None').defaultValue).toBeNull();
  });
});

describe('parseSchema: whitespace and layout', () => {
  it('ignores spacing, and prints the canonical spacing', () => {
    expect(parseSchema('aten::f( int  x ,int y = 2 )->( Tensor a , Tensor b )').toString()).toBe(
      'aten::f(int x, int y=2) -> (Tensor a, Tensor b)',
    );
    expect(parseSchema('aten::f(int\n x) -> int').toString()).toBe('aten::f(int x) -> int');
  });

  it('drops a * with nothing after it, as PyTorch does', () => {
    expect(parseSchema('aten::f(int x, *) -> int').toString()).toBe('aten::f(int x) -> int');
    expect(parseSchema('aten::f(*, int x) -> int').arguments[0].kwargOnly).toBe(true);
  });
});
