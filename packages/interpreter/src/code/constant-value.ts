import { type EnumType, type IValue, ivalueKind, type Value } from '@tsjit/ir';
import { dictKey, FloatScalar, PyDevice } from '@tsjit/ops';
import { constantOf } from '@tsjit/passes';
import { ScriptEnumMember } from '../values/script-enum-member.js';

/** The run-time value of a `prim::Constant` output (undefined for function constants, which are not values). */
export function constantRuntimeValue(v: Value): unknown {
  const c = constantOf(v);
  if (c === undefined) return undefined;
  return fromIValue(c.value, v.type.kind === 'EnumType' ? (v.type as EnumType) : undefined);
}

/** An IR constant as the ops and the interpreter hold it (see py-values.ts of @tsjit/ops). */
export function fromIValue(value: IValue, enumType?: EnumType): unknown {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (Array.isArray(value)) return (value as readonly IValue[]).map((x) => fromIValue(x));
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
      return Object.freeze((value as { items: readonly IValue[] }).items.map((x) => fromIValue(x)));
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
