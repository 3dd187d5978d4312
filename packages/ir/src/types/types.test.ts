import { describe, expect, it } from 'vitest';
import { parseIR } from '../graph/parse-ir.js';
import { ClassType } from './class-type.js';
import { DictType } from './dict-type.js';
import { FutureType } from './future-type.js';
import type { JitType } from './jit-type.js';
import { ListType } from './list-type.js';
import { OptionalType } from './optional-type.js';
import { RRefType } from './rref-type.js';
import {
  AnyClassType,
  AnyListType,
  AnyTupleType,
  AnyType,
  BoolType,
  ComplexType,
  DeviceObjType,
  FloatType,
  IntType,
  NoneType,
  NumberType,
  StringType,
} from './simple-types.js';
import { TensorType } from './tensor-type.js';
import { TupleType } from './tuple-type.js';
import { VarType } from './type-variable.js';
import { UnionType } from './union-type.js';

const Tensor = TensorType.get();
const int = IntType.get();
const float = FloatType.get();
const bool = BoolType.get();
const str = StringType.get();
const complex = ComplexType.get();
const None = NoneType.get();
const Scalar = NumberType.get();
const Any = AnyType.get();

describe('type spelling', () => {
  const cases: [JitType, string, string][] = [
    [Tensor, 'Tensor', 'Tensor'],
    [int, 'int', 'int'],
    [Scalar, 'Scalar', 'number'],
    [None, 'NoneType', 'NoneType'],
    [DeviceObjType.get(), 'Device', 'Device'],
    [OptionalType.of(Tensor), 'Tensor?', 'Optional[Tensor]'],
    [ListType.of(int), 'int[]', 'List[int]'],
    [ListType.of(OptionalType.of(Tensor)), 'Tensor?[]', 'List[Optional[Tensor]]'],
    [OptionalType.of(ListType.of(Tensor)), 'Tensor[]?', 'Optional[List[Tensor]]'],
    [DictType.of(str, Tensor), 'Dict(str, Tensor)', 'Dict[str, Tensor]'],
    [TupleType.of([Tensor, int]), '(Tensor, int)', 'Tuple[Tensor, int]'],
    [TupleType.of([]), '()', 'Tuple[()]'],
    [ListType.of(TupleType.of([str, VarType.named('t')])), '(str, t)[]', 'List[Tuple[str, t]]'],
    [FutureType.of(int), 'Future(int)', 'Future[int]'],
    [RRefType.of(VarType.named('t')), 'RRef(t)', 'RRef[t]'],
    [UnionType.of([int, str]), 'Union(int, str)', 'Union[int, str]'],
    [
      ClassType.named('__torch__.torch.classes.c10d.ProcessGroup'),
      '__torch__.torch.classes.c10d.ProcessGroup',
      '__torch__.torch.classes.c10d.ProcessGroup',
    ],
  ];
  it.each(cases)('%s', (type, annotation, python) => {
    expect(type.annotationStr()).toBe(annotation);
    expect(type.pythonStr()).toBe(python);
    expect(String(type)).toBe(annotation);
  });

  it('prints a NamedTuple by its qualified name', () => {
    const point = TupleType.of([float, float], { names: ['x', 'y'], qualifiedName: '__torch__.Point' });
    expect(point.annotationStr()).toBe('__torch__.Point');
    expect(point.pythonStr()).toBe('__torch__.Point');
    expect(point.names).toEqual(['x', 'y']);
    expect(() => TupleType.of([float], { names: ['x', 'y'] })).toThrow(RangeError);
  });
});

describe('type equality', () => {
  it('has one instance per simple type', () => {
    expect(IntType.get()).toBe(IntType.get());
    expect(TensorType.get()).toBe(TensorType.get());
  });

  it('compares composite types structurally', () => {
    expect(ListType.of(int).equals(ListType.of(int))).toBe(true);
    expect(ListType.of(int).equals(ListType.of(float))).toBe(false);
    expect(DictType.of(str, Tensor).equals(DictType.of(str, Tensor))).toBe(true);
    expect(DictType.of(str, Tensor).equals(DictType.of(int, Tensor))).toBe(false);
    expect(TupleType.of([Tensor, int]).equals(TupleType.of([Tensor, int]))).toBe(true);
    expect(TupleType.of([Tensor, int]).equals(TupleType.of([Tensor]))).toBe(false);
    expect(TupleType.of([int], { names: ['a'] }).equals(TupleType.of([int]))).toBe(false);
    expect(VarType.named('t').equals(VarType.named('t'))).toBe(true);
    expect(VarType.named('t').equals(VarType.named('t1'))).toBe(false);
    expect(ClassType.named('__torch__.A').equals(ClassType.named('__torch__.A'))).toBe(true);
    expect(ClassType.named('__torch__.A').equals(ClassType.named('__torch__.B'))).toBe(false);
    expect(OptionalType.of(int).equals(OptionalType.of(int))).toBe(true);
    expect(ListType.of(int).equals(OptionalType.of(int))).toBe(false);
  });

  it("allows only PyTorch's Dict key types", () => {
    expect(DictType.isValidKeyType(Tensor)).toBe(true);
    expect(DictType.isValidKeyType(DeviceObjType.get())).toBe(true);
    expect(DictType.isValidKeyType(ListType.of(int))).toBe(false);
    expect(() => DictType.of(ListType.of(int), int)).toThrow(/key type 'int\[\]'/);
  });

  it('collapses Optional[Optional[T]]', () => {
    expect(OptionalType.of(OptionalType.of(int)).annotationStr()).toBe('int?');
  });
});

describe('union canonicalisation (as PyTorch)', () => {
  it('flattens, dedupes and sorts by kind', () => {
    expect(UnionType.of([str, int]).pythonStr()).toBe('Union[int, str]');
    expect(UnionType.of([int, float]).pythonStr()).toBe('Union[float, int]');
    expect(UnionType.of([UnionType.of([int, str]), float]).pythonStr()).toBe('Union[float, int, str]');
    expect(UnionType.of([OptionalType.of(int), str]).pythonStr()).toBe('Union[int, NoneType, str]');
    expect(UnionType.of([bool, DeviceObjType.get(), Tensor]).pythonStr()).toBe('Union[Tensor, bool, Device]');
  });

  it('gives Optional for one type with None, and the type itself for one type', () => {
    expect(UnionType.of([None, str]).equals(OptionalType.of(str))).toBe(true);
    expect(UnionType.of([OptionalType.of(int), None]).equals(OptionalType.of(int))).toBe(true);
    expect(UnionType.of([int, int])).toBe(int);
    expect(UnionType.of([Any, int])).toBe(Any);
  });

  it('turns int + float + complex into Scalar', () => {
    expect(UnionType.of([int, float, complex])).toBe(Scalar);
    expect(UnionType.of([int, float, complex, str]).pythonStr()).toBe('Union[number, str]');
  });

  it('compares unions as sets', () => {
    expect(UnionType.of([int, str]).equals(UnionType.of([str, int]))).toBe(true);
    expect(() => UnionType.of([])).toThrow(RangeError);
  });
});

describe('subtyping (PyTorch rules)', () => {
  const yes: [string, JitType, JitType][] = [
    ['T <: T', Tensor, Tensor],
    ['T <: Optional[T]', Tensor, OptionalType.of(Tensor)],
    ['None <: Optional[T]', None, OptionalType.of(int)],
    ['Optional[int] <: Optional[Scalar]', OptionalType.of(int), OptionalType.of(Scalar)],
    ['int <: Scalar', int, Scalar],
    ['float <: Scalar', float, Scalar],
    ['complex <: Scalar', complex, Scalar],
    ['List[int] <: Any', ListType.of(int), Any],
    ['(int, float) <: (Scalar, Scalar)', TupleType.of([int, float]), TupleType.of([Scalar, Scalar])],
    ['named (int) <: (int)', TupleType.of([int], { names: ['a'] }), TupleType.of([int])],
    ['Future[int] <: Future[Scalar]', FutureType.of(int), FutureType.of(Scalar)],
    ['int <: Union[int, str]', int, UnionType.of([int, str])],
    ['Union[int, str] <: Union[int, str, float]', UnionType.of([int, str]), UnionType.of([int, str, float])],
    ['Optional[int] <: Union[int, str, None]', OptionalType.of(int), UnionType.of([int, str, None])],
    ['Union[int, float] <: Scalar', UnionType.of([int, float]), Scalar],
    ['class <: AnyClassType', ClassType.named('__torch__.A'), AnyClassType.get()],
    ['List[int] <: Optional[List[int]]', ListType.of(int), OptionalType.of(ListType.of(int))],
  ];
  const no: [string, JitType, JitType][] = [
    ['bool </: int', bool, int],
    ['bool </: Scalar', bool, Scalar],
    ['None </: Scalar', None, Scalar],
    ['Any </: int', Any, int],
    ['Optional[T] </: T', OptionalType.of(Tensor), Tensor],
    ['List is invariant', ListType.of(int), ListType.of(Scalar)],
    ['Dict is invariant', DictType.of(str, int), DictType.of(str, Scalar)],
    ['tuples of other lengths', TupleType.of([int]), TupleType.of([int, int])],
    ['(int) </: named (int)', TupleType.of([int]), TupleType.of([int], { names: ['a'] })],
    ['str </: Union[int, float]', str, UnionType.of([int, float])],
    ['Union[int, str] </: Scalar', UnionType.of([int, str]), Scalar],
    ['t </: t1', VarType.named('t'), VarType.named('t1')],
    ['class A </: class B', ClassType.named('__torch__.A'), ClassType.named('__torch__.B')],
  ];
  it.each(yes)('%s', (_name, a, b) => expect(a.isSubtypeOf(b)).toBe(true));
  it.each(no)('%s', (_name, a, b) => expect(a.isSubtypeOf(b)).toBe(false));
});

describe('list and tuple (AnyListType, AnyTupleType)', () => {
  it('hold every list and every tuple, and nothing else', () => {
    expect(ListType.of(IntType.get()).isSubtypeOf(AnyListType.get())).toBe(true);
    expect(TupleType.of([IntType.get(), StringType.get()]).isSubtypeOf(AnyTupleType.get())).toBe(true);
    expect(TupleType.of([]).isSubtypeOf(AnyListType.get())).toBe(false);
    expect(ListType.of(IntType.get()).isSubtypeOf(AnyTupleType.get())).toBe(false);
    expect(IntType.get().isSubtypeOf(AnyListType.get())).toBe(false);
    expect(AnyListType.get().annotationStr()).toBe('list');
    expect(AnyTupleType.get().annotationStr()).toBe('tuple');
  });

  it('print and parse as PyTorch writes them', () => {
    const text = 'graph(%x : int[]?):\n  %1 : bool = prim::isinstance[types=[list, tuple]](%x)\n  return (%1)\n';
    expect(parseIR(text).toString()).toBe(text);
  });
});
