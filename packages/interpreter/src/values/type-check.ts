import type { ClassType, DictType, JitType, ListType, OptionalType, TupleType, UnionType } from '@tsjit/ir';
import { FloatScalar, isTuple, PyDevice } from '@tsjit/ops';
import { Tensor } from '@tsjit/tensor';
import { Future } from './future.js';
import { ScriptEnumMember } from './script-enum-member.js';
import { ScriptObject } from './script-object.js';

const isInt = (v: unknown): boolean => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
const isFloat = (v: unknown): boolean => v instanceof FloatScalar || (typeof v === 'number' && !Number.isInteger(v));

/**
 * Whether a run-time value is of a TorchScript type (`isinstance` on a refined Union/Any/Optional
 * value). Containers are checked by their elements, since a JS array carries no element type:
 * an empty list matches every list type.
 */
export function isInstance(v: unknown, type: JitType): boolean {
  switch (type.kind) {
    case 'AnyType':
      return true;
    case 'NoneType':
      return v === null || v === undefined;
    case 'TensorType':
      return v instanceof Tensor;
    case 'IntType':
      return isInt(v);
    case 'FloatType':
      return isFloat(v);
    case 'NumberType':
      return isInt(v) || isFloat(v);
    case 'BoolType':
      return typeof v === 'boolean';
    case 'StringType':
      return typeof v === 'string';
    case 'DeviceObjType':
      return v instanceof PyDevice;
    case 'OptionalType':
      return v === null || v === undefined || isInstance(v, (type as OptionalType).elementType);
    case 'UnionType':
      return (type as UnionType).types.some((t) => isInstance(v, t));
    case 'ListType':
      return (
        Array.isArray(v) && !isTuple(v) && (v as unknown[]).every((e) => isInstance(e, (type as ListType).elementType))
      );
    case 'AnyListType':
      return Array.isArray(v) && !isTuple(v);
    case 'TupleType': {
      const elements = (type as TupleType).elements;
      return isTuple(v) && v.length === elements.length && v.every((e, i) => isInstance(e, elements[i]));
    }
    case 'AnyTupleType':
      return isTuple(v);
    case 'DictType': {
      if (!(v instanceof Map)) return false;
      const d = type as DictType;
      for (const [k, x] of v) if (!isInstance(k, d.keyType) || !isInstance(x, d.valueType)) return false;
      return true;
    }
    case 'ClassType':
      return v instanceof ScriptObject && v.type.qualifiedName === (type as ClassType).qualifiedName;
    case 'InterfaceType':
      return v instanceof ScriptObject;
    case 'AnyClassType':
      return v instanceof ScriptObject;
    case 'EnumType':
      return (
        v instanceof ScriptEnumMember &&
        v.type.qualifiedName === (type as unknown as { qualifiedName: string }).qualifiedName
      );
    case 'AnyEnumType':
      return v instanceof ScriptEnumMember;
    case 'FutureType':
      return v instanceof Future;
    default:
      return false;
  }
}
