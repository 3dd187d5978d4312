import type { DictType, JitType, ListType, OptionalType, TupleType, UnionType } from '@tsjit/ir';
import { dictKey, dtypeToCode, FloatScalar, isTuple, OpError, PyDevice, parseDevice, typeName } from '@tsjit/ops';
import { Tensor } from '@tsjit/tensor';
import { isInstance } from './type-check.js';

/**
 * A JS value passed to a TorchScript function, as the interpreter holds a value of `type`
 * (PyTorch's `toIValue`): ints as numbers (bigint beyond 2^53), floats as numbers with integral
 * ones boxed as FloatScalar, lists copied, tuples frozen, dicts as Maps with normalised keys,
 * devices from strings, dtypes from names. A value of the wrong kind is an error that names the
 * argument, as PyTorch's: "Expected a value of type 'int' for argument 'n' but instead found type 'str'".
 */
export function toRuntime(value: unknown, type: JitType, argument: string): unknown {
  const fail = (): never => {
    throw new OpError(
      `Expected a value of type '${type.annotationStr()}' for argument '${argument}' but instead found type '${jsTypeName(value)}'.`,
      'RuntimeError',
    );
  };
  switch (type.kind) {
    case 'IntType':
    case 'ScalarTypeType':
    case 'LayoutType':
    case 'MemoryFormatType':
      if (typeof value === 'bigint') return value;
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      if (typeof value === 'boolean' && type.kind === 'IntType') return fail();
      if (typeof value === 'string' && type.kind === 'ScalarTypeType') return dtypeToCode(value as never) ?? fail();
      return fail();
    case 'FloatType':
      if (value instanceof FloatScalar) return value;
      if (typeof value === 'number') return Number.isInteger(value) ? new FloatScalar(value) : value;
      if (typeof value === 'bigint') return new FloatScalar(Number(value));
      return fail();
    case 'NumberType':
      if (typeof value === 'number' || typeof value === 'bigint' || value instanceof FloatScalar) return value;
      if (typeof value === 'boolean') return value;
      return fail();
    case 'BoolType':
      return typeof value === 'boolean' ? value : fail();
    case 'StringType':
      return typeof value === 'string' ? value : fail();
    case 'TensorType':
      return value instanceof Tensor ? value : fail();
    case 'NoneType':
      return value === null || value === undefined ? null : fail();
    case 'DeviceObjType':
      if (value instanceof PyDevice) return value;
      return typeof value === 'string' ? parseDevice(value) : fail();
    case 'OptionalType':
      return value === null || value === undefined
        ? null
        : toRuntime(value, (type as OptionalType).elementType, argument);
    case 'ListType': {
      if (!Array.isArray(value)) return fail();
      const element = (type as ListType).elementType;
      return value.map((e) => toRuntime(e, element, argument));
    }
    case 'TupleType': {
      const elements = (type as TupleType).elements;
      if (!Array.isArray(value) || value.length !== elements.length) return fail();
      return Object.freeze(value.map((e, i) => toRuntime(e, elements[i], argument)));
    }
    case 'DictType': {
      const d = type as DictType;
      const entries =
        value instanceof Map
          ? [...value.entries()]
          : value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype
            ? Object.entries(value)
            : fail();
      const map = new Map<unknown, unknown>();
      for (const [k, x] of entries) {
        map.set(dictKey(toRuntime(k, d.keyType, argument)), toRuntime(x, d.valueType, argument));
      }
      return map;
    }
    case 'UnionType': {
      const members = (type as UnionType).types;
      // A JS number is an int when integral: try the member that matches its kind first.
      const preferred =
        typeof value === 'number' || typeof value === 'bigint'
          ? members.find((t) => t.kind === (isIntegral(value) ? 'IntType' : 'FloatType'))
          : undefined;
      for (const t of preferred ? [preferred, ...members] : members) {
        try {
          return toRuntime(value, t, argument);
        } catch {
          // try the next member
        }
      }
      return fail();
    }
    case 'AnyType':
      return value;
    default:
      return isInstance(value, type) ? value : fail();
  }
}

/**
 * A run-time value as a JS caller gets it back (PyTorch's `toPyObject`): floats as plain numbers,
 * lists and dicts copied (a returned list is not the interpreter's), tuples frozen arrays; tensors,
 * objects, devices and enum members as they are.
 */
export function fromRuntime(value: unknown): unknown {
  if (value instanceof FloatScalar) return value.value;
  if (Array.isArray(value)) {
    const items = value.map((e) => fromRuntime(e));
    return isTuple(value) ? Object.freeze(items) : items;
  }
  if (value instanceof Map) {
    const map = new Map<unknown, unknown>();
    for (const [k, x] of value) map.set(fromRuntime(k), fromRuntime(x));
    return map;
  }
  return value === undefined ? null : value;
}

function isIntegral(v: number | bigint): boolean {
  return typeof v === 'bigint' || Number.isInteger(v);
}

function jsTypeName(v: unknown): string {
  if (v instanceof Tensor) return 'Tensor';
  if (Array.isArray(v)) return isTuple(v) ? 'tuple' : 'list';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  return typeName(v);
}
