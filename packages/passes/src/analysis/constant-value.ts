import {
  complexValue,
  deviceValue,
  floatValue,
  type Graph,
  type IValue,
  intValue,
  ivalueKind,
  type JitType,
  type ListType,
  type OptionalType,
  TensorType,
  type TupleType,
  tensorValue,
  tupleValue,
  type Value,
} from '@tsjit/ir';
import { type DType, dtypeToCode, FloatScalar } from '@tsjit/ops';
import { Tensor } from '@tsjit/tensor';

/** A constant's value, boxed so that None (null) differs from "not a constant" (undefined). */
export interface Constant {
  readonly value: IValue;
}

/**
 * The value of `v` when it is the output of a `prim::Constant` (PyTorch's `toIValue`): bools are
 * stored as ints and read back by the output type, devices as strings. Function constants
 * (`prim::Constant[name="f"]` of a FunctionType) and other non-values give undefined.
 */
export function constantOf(v: Value): Constant | undefined {
  const node = v.node;
  if (node.kind !== 'prim::Constant' || node.outputs.length !== 1) return undefined;
  const type = v.type;
  if (type.kind === 'FunctionType' || type.kind === 'ClassType') return undefined;
  if (!node.hasAttribute('value'))
    return type.kind === 'NoneType' || type.kind === 'OptionalType' ? { value: null } : undefined;
  const attribute = node.getAttribute('value');
  if (!attribute) return undefined;
  switch (attribute.kind) {
    case 'i':
      return {
        value: type.kind === 'BoolType' ? attribute.value !== 0 && attribute.value !== 0n : intValue(attribute.value),
      };
    case 'f':
      return { value: floatValue(attribute.value) };
    case 's':
      return { value: type.kind === 'DeviceObjType' ? deviceValue(attribute.value) : attribute.value };
    case 'c':
      return { value: complexValue(attribute.value.re, attribute.value.im) };
    case 't':
      return { value: tensorValue(attribute.value) };
    case 'is':
      return {
        value: attribute.value.map((x) =>
          type.kind === 'ListType' && (type as ListType).elementType.kind === 'BoolType' ? x !== 0 : intValue(x),
        ),
      };
    case 'fs':
      return { value: attribute.value.map((x) => floatValue(x)) };
    case 'ss':
      return { value: [...attribute.value] };
    case 'ival':
      return { value: attribute.value };
    default:
      return undefined;
  }
}

/** Whether the constant `v` is the int `n`. */
export function isConstantInt(v: Value, n: number): boolean {
  const c = constantOf(v);
  return (
    c !== undefined && ivalueKind(c.value) === 'int' && Number((c.value as { value: number | bigint }).value) === n
  );
}

/** The bool value of a constant, or undefined. */
export function constantBool(v: Value): boolean | undefined {
  const c = constantOf(v);
  return c !== undefined && typeof c.value === 'boolean' ? c.value : undefined;
}

/** The int value of a constant (as a JS number or bigint), or undefined. */
export function constantInt(v: Value): number | bigint | undefined {
  const c = constantOf(v);
  return c !== undefined && ivalueKind(c.value) === 'int' ? (c.value as { value: number | bigint }).value : undefined;
}

/**
 * An IValue as the ops' impls take it (for an argument of schema type `formal`): ints as JS
 * numbers (bigint past 2^53), floats as numbers except that an integral float passed where a
 * Scalar is expected is a FloatScalar (so that `2.0` promotes as a float), tuples and lists as
 * arrays, None as null, tensors as themselves. Undefined when the value cannot be passed (a
 * tensor the parser read back from text, whose data is unknown).
 */
export function toOpValue(value: IValue, formal: JitType | undefined): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const element = formal?.kind === 'ListType' ? (formal as ListType).elementType : undefined;
    const items = (value as readonly IValue[]).map((x) => toOpValue(x, element));
    return items.includes(undefined) ? undefined : items;
  }
  const inner = formal?.kind === 'OptionalType' ? (formal as OptionalType).elementType : formal;
  switch (ivalueKind(value)) {
    case 'int': {
      const n = (value as { value: number | bigint }).value;
      return typeof n === 'bigint' && n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(n)
        : n;
    }
    case 'float': {
      const x = (value as { value: number }).value;
      return Number.isInteger(x) && inner?.kind !== 'FloatType' ? new FloatScalar(x) : x;
    }
    case 'tuple': {
      const elements = inner?.kind === 'TupleType' ? (inner as TupleType).elements : [];
      const items = (value as { items: readonly IValue[] }).items.map((x, i) => toOpValue(x, elements[i]));
      // Tuples are frozen arrays for the ops (str((1,)) prints `(1,)`, a list `[1]`).
      return items.includes(undefined) ? undefined : Object.freeze(items);
    }
    case 'tensor': {
      const t = (value as { tensor: unknown }).tensor;
      return t instanceof Tensor ? t : undefined;
    }
    case 'device':
      return (value as { device: string }).device;
    default:
      return undefined;
  }
}

const SCALAR_TYPE_OF: Partial<Record<DType, import('@tsjit/ir').ScalarTypeName>> = {
  uint8: 'Byte',
  int8: 'Char',
  int16: 'Short',
  int32: 'Int',
  int64: 'Long',
  float16: 'Half',
  float32: 'Float',
  float64: 'Double',
  bool: 'Bool',
  bfloat16: 'BFloat16',
};

export interface FoldLimits {
  /** Tensors with more elements are not made constants (the node stays). */
  readonly maxTensorElements: number;
}

/**
 * An impl's result as an IValue of type `type` (the node output's type), or undefined when it
 * cannot be a constant (PyTorch's `tryInsertConstant` refuses it): tensors that require grad or
 * exceed the size limit, objects, generators.
 */
export function fromOpValue(result: unknown, type: JitType, limits: FoldLimits): Constant | undefined {
  const kind = type.kind;
  if (result === undefined) return undefined;
  if (result === null)
    return kind === 'NoneType' || kind === 'OptionalType' || kind === 'AnyType' ? { value: null } : undefined;
  if (kind === 'OptionalType') return fromOpValue(result, (type as OptionalType).elementType, limits);
  if (result instanceof Tensor) {
    if (kind !== 'TensorType' && kind !== 'AnyType') return undefined;
    if (result.requiresGrad || result.numel() > limits.maxTensorElements) return undefined;
    return { value: tensorValue(constantTensor(result)) };
  }
  switch (kind) {
    case 'IntType':
    case 'SymIntType':
      if (typeof result === 'bigint') return { value: intValue(BigInt.asIntN(64, result)) };
      if (typeof result === 'number' && Number.isInteger(result)) return { value: intValue(result) };
      if (typeof result === 'boolean') return { value: intValue(result ? 1 : 0) };
      if (typeof result === 'string') return { value: intValue(dtypeToCode(result as DType)) };
      return undefined;
    case 'FloatType':
      if (result instanceof FloatScalar) return { value: floatValue(result.value) };
      if (typeof result === 'number') return { value: floatValue(result) };
      return undefined;
    case 'NumberType':
      if (result instanceof FloatScalar) return { value: floatValue(result.value) };
      if (typeof result === 'number')
        return { value: Number.isInteger(result) ? intValue(result) : floatValue(result) };
      if (typeof result === 'bigint') return { value: intValue(result) };
      return undefined;
    case 'BoolType':
      return typeof result === 'boolean' ? { value: result } : undefined;
    case 'StringType':
      return typeof result === 'string' ? { value: result } : undefined;
    case 'DeviceObjType':
      return typeof result === 'string' ? { value: deviceValue(result) } : undefined;
    case 'ListType': {
      if (!Array.isArray(result)) return undefined;
      const element = (type as ListType).elementType;
      const items: IValue[] = [];
      for (const x of result) {
        const c = fromOpValue(x, element, limits);
        if (!c) return undefined;
        items.push(c.value);
      }
      return { value: items };
    }
    case 'TupleType': {
      const elements = (type as TupleType).elements;
      if (!Array.isArray(result) || result.length !== elements.length) return undefined;
      const items: IValue[] = [];
      for (let i = 0; i < elements.length; i++) {
        const c = fromOpValue(result[i], elements[i], limits);
        if (!c) return undefined;
        items.push(c.value);
      }
      return { value: tupleValue(items) };
    }
    default:
      return undefined;
  }
}

/**
 * Marks a tensor that became a graph constant so that the IR printer shows it as PyTorch does:
 * a one-element tensor as its value (`{3}`, `{2.5}`), a larger one as `<Tensor>`.
 */
export function constantTensor(t: Tensor): Tensor {
  if (!Object.hasOwn(t, 'irRepr')) {
    Object.defineProperty(t, 'irRepr', {
      value: () => {
        if (t.numel() !== 1) return '<Tensor>';
        const v = (t as unknown as { item(): number | bigint | boolean }).item();
        return `{${typeof v === 'boolean' ? (v ? 1 : 0) : String(v)}}`;
      },
      enumerable: false,
    });
  }
  return t;
}

/** The type PyTorch gives a tensor constant: complete (dtype, sizes, strides, device), no grad. */
export function tensorConstantType(t: Tensor): JitType {
  return TensorType.create({
    scalarType: SCALAR_TYPE_OF[t.dtype],
    sizes: t.sizes,
    strides: t.strides,
    requiresGrad: false,
    device: 'cpu',
  });
}

/** Inserts `value` as a `prim::Constant` at the insertion point; `type` is the value's static type. */
export function insertConstantValue(graph: Graph, value: IValue, type: JitType): Value {
  let constantType: JitType | undefined;
  const tagged = ivalueKind(value);
  if (tagged === 'tensor') {
    const t = (value as { tensor: unknown }).tensor;
    constantType = t instanceof Tensor ? tensorConstantType(t) : TensorType.get();
  } else if (value === null) {
    constantType = type;
  } else if (Array.isArray(value) || tagged === 'dict' || tagged === 'tuple' || tagged === 'enum') {
    constantType = type.kind === 'OptionalType' ? (type as OptionalType).elementType : type;
  }
  return graph.insertConstant(value, { type: constantType });
}
