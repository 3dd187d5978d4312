import { describe, expect, it } from 'vitest';
import { createConstant, typeOf } from '../graph/create-constant.js';
import { Graph } from '../graph/graph.js';
import { irTypeString } from '../graph/ir-type-string.js';
import { enumValue } from '../graph/ivalue.js';
import { parseIR } from '../graph/parse-ir.js';
import { parseSchema } from '../schema/parse-schema.js';
import { ClassType } from './class-type.js';
import { EnumType } from './enum-type.js';
import { FunctionType } from './function-type.js';
import { InterfaceType, isMethodSubtype } from './interface-type.js';
import { ListType } from './list-type.js';
import { NamedTupleType } from './named-tuple-type.js';
import { OptionalType } from './optional-type.js';
import { AnyClassType, AnyEnumType, AnyType, FloatType, IntType, StringType } from './simple-types.js';
import { TensorType } from './tensor-type.js';
import { TupleType } from './tuple-type.js';
import { UnionType } from './union-type.js';

const method = (text: string) => parseSchema(text);

describe('FunctionType', () => {
  const helper = FunctionType.named('__torch__.helper');
  it('is spelled by its qualified name and printed as Function in IR', () => {
    expect(helper.annotationStr()).toBe('__torch__.helper');
    expect(helper.pythonStr()).toBe('__torch__.helper');
    expect(irTypeString(helper)).toBe('Function');
    expect(FunctionType.named().annotationStr()).toBe('Function');
  });
  it('equals the type of the same function only, and is a subtype of Any only', () => {
    expect(helper.equals(FunctionType.named('__torch__.helper'))).toBe(true);
    expect(helper.equals(FunctionType.named('__torch__.other'))).toBe(false);
    expect(helper.isSubtypeOf(FunctionType.named('__torch__.other'))).toBe(false);
    expect(helper.isSubtypeOf(AnyType.get())).toBe(true);
    expect(helper.isSubtypeOf(AnyClassType.get())).toBe(false);
  });
});

describe('EnumType', () => {
  const color = EnumType.named('__torch__.Color', {
    valueType: IntType.get(),
    members: [
      { name: 'RED', value: 1 },
      { name: 'GREEN', value: 2 },
    ],
  });
  it('prints as PyTorch does', () => {
    expect(color.annotationStr()).toBe('__torch__.Color');
    expect(color.pythonStr()).toBe('__torch__.Color');
    expect(irTypeString(color)).toBe('Enum<__torch__.Color>');
    expect(irTypeString(ListType.of(color))).toBe('Enum<__torch__.Color>[]');
    expect(color.name).toBe('Color');
    expect(color.member('GREEN')?.value).toBe(2);
    expect(color.member('BLUE')).toBeUndefined();
  });
  it('compares by name and value type; is a subtype of AnyEnumType and Any', () => {
    expect(color.equals(EnumType.named('__torch__.Color', { valueType: IntType.get() }))).toBe(true);
    expect(color.equals(EnumType.named('__torch__.Color', { valueType: StringType.get() }))).toBe(false);
    expect(color.equals(EnumType.named('__torch__.Colour'))).toBe(false);
    expect(color.isSubtypeOf(AnyEnumType.get())).toBe(true);
    expect(color.isSubtypeOf(AnyType.get())).toBe(true);
    expect(color.isSubtypeOf(IntType.get())).toBe(false);
    expect(color.isSubtypeOf(AnyClassType.get())).toBe(false);
    expect(color.isSubtypeOf(EnumType.named('__torch__.Other'))).toBe(false);
    expect(color.isSubtypeOf(OptionalType.of(AnyEnumType.get()))).toBe(true);
  });
  it('rejects a value type other than int, float or str', () => {
    expect(() => EnumType.named('__torch__.E', { valueType: TensorType.get() })).toThrow(RangeError);
    expect(EnumType.named('__torch__.E', { valueType: FloatType.get() }).valueType).toBe(FloatType.get());
  });
  it('has enum member constants in the IR', () => {
    const g = new Graph();
    const constant = createConstant(g, enumValue('__torch__.Color', 'RED'));
    g.insertNode(constant);
    g.registerOutput(constant.output());
    const text = g.toString();
    expect(text).toContain('%0 : Enum<__torch__.Color> = prim::Constant[value=__torch__.Color.RED]()');
    expect(typeOf(enumValue('__torch__.Color', 'RED')).equals(EnumType.named('__torch__.Color'))).toBe(true);
    const back = parseIR(text);
    expect(back.toString()).toBe(text);
    const node = [...back.nodes()][0];
    expect(node.ival('value')).toEqual(enumValue('__torch__.Color', 'RED'));
  });
  it('reads a qualified name in another constant as a type, as before', () => {
    const text = 'graph():\n  %1 : int = prim::Constant[value=__torch__.Color.RED]()\n  return (%1)\n';
    expect([...parseIR(text).nodes()][0].attributeKind('value')).toBe('ty');
  });
});

describe('NamedTupleType', () => {
  const point = NamedTupleType.create('__torch__.Point', [
    ['x', IntType.get()],
    ['y', TensorType.get()],
  ]);
  it('is a TupleType with names and a qualified name', () => {
    expect(point).toBeInstanceOf(TupleType);
    expect(NamedTupleType.isNamedTuple(point)).toBe(true);
    expect(NamedTupleType.isNamedTuple(TupleType.of([IntType.get()]))).toBe(false);
    expect(point.annotationStr()).toBe('__torch__.Point');
    expect(point.pythonStr()).toBe('__torch__.Point');
    expect(irTypeString(point)).toBe('NamedTuple(x : int, y : Tensor)');
    expect(() =>
      NamedTupleType.create('__torch__.Bad', [
        ['x', IntType.get()],
        ['x', IntType.get()],
      ]),
    ).toThrow(RangeError);
  });
  it("has PyTorch's tuple subtyping", () => {
    const plain = TupleType.of([IntType.get(), TensorType.get()]);
    expect(point.isSubtypeOf(plain)).toBe(true);
    expect(plain.isSubtypeOf(point)).toBe(false);
    expect(point.equals(plain)).toBe(false);
    const renamed = NamedTupleType.create('__torch__.Point', [
      ['a', IntType.get()],
      ['y', TensorType.get()],
    ]);
    expect(point.isSubtypeOf(renamed)).toBe(false);
    const refined = NamedTupleType.create('__torch__.Point', [
      ['x', IntType.get()],
      ['y', TensorType.create({ scalarType: 'Float' })],
    ]);
    expect(refined.isSubtypeOf(point)).toBe(true);
    expect(point.isSubtypeOf(refined)).toBe(false);
  });
  it('keeps field defaults, which play no part in equality', () => {
    expect(point.defaults).toBeUndefined();
    const withDefault = NamedTupleType.create('__torch__.Point', [
      ['x', IntType.get()],
      ['y', TensorType.get(), null],
    ]);
    expect(withDefault.defaults).toEqual([undefined, null]);
    expect(withDefault.equals(point)).toBe(true);
  });
});

describe('InterfaceType', () => {
  const forward = method('forward(Any self, Tensor x) -> Tensor?');
  const iface = InterfaceType.named('__torch__.I', { methods: [forward], isModule: true });
  // The cases below mirror what torch.jit.script accepts for a module attribute typed by an interface.
  const impl = (schema: string) =>
    ClassType.named('__torch__.Impl', { methods: [method(schema), method('extra(Any self) -> int')] });

  it('prints as PyTorch does', () => {
    expect(iface.annotationStr()).toBe('__torch__.I');
    expect(iface.pythonStr()).toBe('__torch__.I');
    expect(irTypeString(iface)).toBe('InterfaceType<I>');
    expect(iface.isModule).toBe(true);
  });
  it('is implemented by classes whose methods have compatible schemas', () => {
    expect(impl('forward(Any self, Tensor x) -> Tensor?').isSubtypeOf(iface)).toBe(true);
    expect(impl('forward(Any self, Tensor? x) -> Tensor?').isSubtypeOf(iface)).toBe(true); // wider argument
    expect(impl('forward(Any self, Tensor x) -> Tensor').isSubtypeOf(iface)).toBe(true); // narrower return
    expect(impl('forward(Any self, Tensor y) -> Tensor?').isSubtypeOf(iface)).toBe(false); // renamed
    expect(impl('forward(Any self, int x) -> Tensor?').isSubtypeOf(iface)).toBe(false); // narrower argument
    expect(impl('forward(Any self, Tensor x, int y=1) -> Tensor?').isSubtypeOf(iface)).toBe(false);
    expect(impl('forward(Any self, Tensor x) -> int').isSubtypeOf(iface)).toBe(false);
    expect(ClassType.named('__torch__.Empty').isSubtypeOf(iface)).toBe(false);
    expect(impl('forward(Any self, Tensor x) -> Tensor').isSubtypeOf(AnyClassType.get())).toBe(true);
  });
  it('relates interfaces by their methods and compares them by name', () => {
    const wider = InterfaceType.named('__torch__.J', {
      methods: [method('forward(Any self, Tensor x) -> Tensor'), method('g(Any self) -> int')],
    });
    expect(wider.isSubtypeOf(iface)).toBe(true);
    expect(iface.isSubtypeOf(wider)).toBe(false);
    expect(iface.equals(InterfaceType.named('__torch__.I'))).toBe(true);
    expect(iface.equals(wider)).toBe(false);
    expect(isMethodSubtype(forward, forward)).toBe(true);
    expect(UnionType.of([iface, IntType.get()]).annotationStr()).toBe('Union(int, __torch__.I)');
  });
});

describe('named types in IR text', () => {
  it('parses and prints Function, Enum and InterfaceType', () => {
    const text = [
      'graph(%self : __torch__.M,',
      '      %c : Enum<__torch__.Color>):',
      '  %f : Function = prim::Constant[name="helper"]()',
      '  %sub : InterfaceType<Scaler> = prim::GetAttr[name="sub"](%self)',
      '  %l : Enum<__torch__.Color>[] = prim::ListConstruct(%c)',
      '  return (%f, %sub, %l)',
      '',
    ].join('\n');
    const g = parseIR(text);
    expect(g.toString()).toBe(text);
    expect(g.inputs[1].type.equals(EnumType.named('__torch__.Color'))).toBe(true);
    expect(g.outputs[0].type.kind).toBe('FunctionType');
    expect(g.outputs[1].type.equals(InterfaceType.named('Scaler'))).toBe(true);
  });
});
