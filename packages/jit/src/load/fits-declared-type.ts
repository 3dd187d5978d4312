import { isInstance } from '@tsjit/interpreter';
import type { ClassType, DictType, JitType, ListType, OptionalType, TupleType, UnionType } from '@tsjit/ir';
import { FloatScalar, isTuple } from '@tsjit/ops';

/**
 * Whether a value from data.pkl is of the type its class declares for it. PyTorch's loader does
 * not check (a mistyped attribute fails later, inside the interpreter, often as an internal
 * assert); archives come from strangers, so tsjit checks at load and names the attribute.
 *
 * As `isInstance` from the interpreter, with what the loader's values need besides: dict keys
 * declared float are numbers once normalised (`dictKey`), and C++ custom classes
 * (`__torch__.torch.classes.*`) are objects the loader built, not ScriptObjects. Pairs of
 * (container, type) already checked are not walked again, so a pickle that shares one container
 * many times (through the memo) costs its size, not the size of its expansion.
 */
export function fitsDeclaredType(value: unknown, type: JitType, checked = new Map<object, Set<JitType>>()): boolean {
  if (typeof value === 'object' && value !== null) {
    let types = checked.get(value);
    if (types?.has(type)) return true;
    if (types === undefined) checked.set(value, (types = new Set()));
    // Assumed to fit while it is being checked: a cyclic value is checked once around its cycle.
    types.add(type);
    if (!fitsShape(value, type, checked)) {
      types.delete(type);
      return false;
    }
    return true;
  }
  return fitsShape(value, type, checked);
}

function fitsShape(value: unknown, type: JitType, checked: Map<object, Set<JitType>>): boolean {
  switch (type.kind) {
    case 'OptionalType':
      return value === null || fitsDeclaredType(value, (type as OptionalType).elementType, checked);
    case 'UnionType':
      return (type as UnionType).types.some((t) => fitsDeclaredType(value, t, checked));
    case 'ListType': {
      const element = (type as ListType).elementType;
      return (
        Array.isArray(value) &&
        !isTuple(value) &&
        (value as unknown[]).every((e) => fitsDeclaredType(e, element, checked))
      );
    }
    case 'TupleType': {
      const elements = (type as TupleType).elements;
      return (
        isTuple(value) &&
        value.length === elements.length &&
        value.every((e, i) => fitsDeclaredType(e, elements[i], checked))
      );
    }
    case 'DictType': {
      if (!(value instanceof Map)) return false;
      const { keyType, valueType } = type as DictType;
      for (const [k, v] of value) {
        const keyFits =
          keyType.kind === 'FloatType'
            ? typeof k === 'number' || k instanceof FloatScalar
            : fitsDeclaredType(k, keyType, checked);
        if (!keyFits || !fitsDeclaredType(v, valueType, checked)) return false;
      }
      return true;
    }
    case 'ClassType':
      if ((type as ClassType).qualifiedName.startsWith('__torch__.torch.classes.')) {
        return typeof value === 'object' && value !== null;
      }
      return isInstance(value, type);
    default:
      return isInstance(value, type);
  }
}
