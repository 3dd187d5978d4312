import {
  type EnumType,
  type IValue,
  ivalueKind,
  type JitType,
  type ListType,
  type OptionalType,
  type TupleType,
  type Value,
} from '@tsjit/ir';
import { dictKey, FloatScalar, PyDevice } from '@tsjit/ops';
import { constantOf } from '@tsjit/passes';
import { ScriptEnumMember } from '../values/script-enum-member.js';

/** The run-time value of a `prim::Constant` output (undefined for function constants, which are not values). */
export function constantRuntimeValue(v: Value): unknown {
  const c = constantOf(v);
  if (c === undefined) return undefined;
  return sharedRuntimeValue(c.value, v.type);
}

// One run-time list or dict per IR constant object: a mutable default (`xs: List[int] = [0]`) is
// one list shared by every call, as in PyTorch (and Python), wherever the constant was inserted.
const shared = new WeakMap<object, unknown>();

/** `fromIValue`, returning the same run-time object for the same list or dict constant. */
export function sharedRuntimeValue(value: IValue, type?: JitType): unknown {
  const mutable = Array.isArray(value) || ivalueKind(value) === 'dict';
  if (!mutable) return fromIValue(value, type);
  let result = shared.get(value as object);
  if (result === undefined) {
    result = fromIValue(value, type);
    shared.set(value as object, result);
  }
  return result;
}

/** The enum type a constant of `type` holds at the top level (through Optional), if any. */
function enumOf(type: JitType | undefined): EnumType | undefined {
  if (type === undefined) return undefined;
  if (type.kind === 'EnumType') return type as EnumType;
  if (type.kind === 'OptionalType') return enumOf((type as OptionalType).elementType);
  return undefined;
}

function elementType(type: JitType | undefined, i: number): JitType | undefined {
  if (type === undefined) return undefined;
  if (type.kind === 'ListType') return (type as ListType).elementType;
  if (type.kind === 'TupleType') return (type as TupleType).elements[i];
  if (type.kind === 'OptionalType') return elementType((type as OptionalType).elementType, i);
  return undefined;
}

/** An IR constant as the ops and the interpreter hold it (see py-values.ts of @tsjit/ops). */
export function fromIValue(value: IValue, type?: JitType): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (Array.isArray(value)) return (value as readonly IValue[]).map((x, i) => fromIValue(x, elementType(type, i)));
  switch (ivalueKind(value)) {
    case 'int': {
      const n = (value as { value: number | bigint }).value;
      return typeof n === 'bigint' && n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(n)
        : n;
    }
    case 'float': {
      const x = (value as { value: number }).value;
      return Number.isInteger(x) ? new FloatScalar(x) : x;
    }
    case 'tuple':
      return Object.freeze(
        (value as { items: readonly IValue[] }).items.map((x, i) => fromIValue(x, elementType(type, i))),
      );
    case 'tensor':
      return (value as { tensor: unknown }).tensor;
    case 'device':
      return new PyDevice((value as { device: string }).device);
    case 'dict': {
      const map = new Map<unknown, unknown>();
      for (const [k, x] of (value as { entries: readonly (readonly [IValue, IValue])[] }).entries) {
        map.set(dictKey(fromIValue(k)), fromIValue(x));
      }
      return map;
    }
    case 'enum': {
      const e = value as { qualifiedName: string; name: string };
      const enumType = enumOf(type);
      const member = enumType?.member(e.name);
      return new ScriptEnumMember(
        enumType ?? ({ qualifiedName: e.qualifiedName, name: e.qualifiedName } as unknown as EnumType),
        e.name,
        member === undefined
          ? null
          : typeof member.value === 'number' && enumType?.valueType?.kind === 'FloatType'
            ? Number.isInteger(member.value)
              ? new FloatScalar(member.value)
              : member.value
            : member.value,
      );
    }
    case 'complex':
      return value;
    default:
      return value;
  }
}
