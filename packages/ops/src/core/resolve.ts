import type { JitType } from '@tsjit/ir';
import type { Overload } from './define-op.js';
import { camel } from './define-op.js';
import { addFunctionHelpers } from './function-helpers.js';
import { OpError } from './op-error.js';
import { FloatScalar, type Functions, type OpContext } from './tensor-like.js';

type IsTensor = (v: unknown) => boolean;

/** Whether `v` can be passed where the schema has type `type` (PyTorch's Python argument parser). */
export function matchesType(type: JitType, v: unknown, isTensor: IsTensor, realKind?: string): boolean {
  switch (type.kind) {
    case 'TensorType':
      return isTensor(v);
    case 'IntType':
    case 'SymIntType':
      if (realKind === 'ScalarTypeType') return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
      if (realKind === 'LayoutType' || realKind === 'MemoryFormatType')
        return typeof v === 'string' || typeof v === 'number';
      return (typeof v === 'number' && Number.isInteger(v)) || typeof v === 'bigint';
    case 'FloatType':
      return typeof v === 'number' || v instanceof FloatScalar || typeof v === 'bigint';
    case 'NumberType':
      return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' || v instanceof FloatScalar;
    case 'BoolType':
      return typeof v === 'boolean';
    case 'StringType':
      return typeof v === 'string';
    case 'NoneType':
      return v === null || v === undefined;
    case 'OptionalType': {
      if (v === null || v === undefined) return true;
      const element = (type as unknown as { elementType: JitType }).elementType;
      return matchesType(element, v, isTensor, realKind);
    }
    case 'ListType': {
      const element = (type as unknown as { elementType: JitType }).elementType;
      if (!Array.isArray(v)) {
        // int[N] also takes a single int (`x.sum(1)`), as in PyTorch.
        return (element.kind === 'IntType' || element.kind === 'SymIntType') && matchesType(element, v, isTensor);
      }
      return v.every((e) => matchesType(element, e, isTensor));
    }
    case 'TupleType': {
      const elements = type.containedTypes();
      return (
        Array.isArray(v) && v.length === elements.length && v.every((e, i) => matchesType(elements[i], e, isTensor))
      );
    }
    case 'DeviceObjType':
      return typeof v === 'string' || v === null || isDeviceObject(v);
    case 'DictType': {
      // A TorchScript dict is a JS Map; every entry must fit the key and value types.
      if (!(v instanceof Map)) return false;
      const { keyType, valueType } = type as unknown as { keyType: JitType; valueType: JitType };
      for (const [k, e] of v) {
        if (!matchesType(keyType, k, isTensor) || !matchesType(valueType, e, isTensor)) return false;
      }
      return true;
    }
    case 'UnionType':
      return type.containedTypes().some((t) => matchesType(t, v, isTensor));
    case 'FutureType':
      return typeof (v as { wait?: unknown } | null)?.wait === 'function';
    case 'LayoutType':
      return typeof v === 'string' || typeof v === 'number';
    case 'GeneratorType':
      return typeof v === 'object';
    case 'ScalarTypeType':
      return typeof v === 'string' || typeof v === 'number';
    case 'AnyType':
    case 'VarType':
      return true;
    case 'ClassType': {
      // TorchScript class objects made by ops (torch.classes.quantized.LinearPackedParamsBase, ...):
      // their JS class names its TorchScript class in a static `qualifiedName`.
      const ctor = (v as { constructor?: { qualifiedName?: unknown } } | null)?.constructor;
      return typeof v === 'object' && ctor?.qualifiedName === (type as { qualifiedName?: string }).qualifiedName;
    }
    default:
      return false;
  }
}

/** A device value (`{ kind: 'device', device: 'cpu' }`, the IR's DeviceValue). */
function isDeviceObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'device';
}

/** Splits a trailing options object (keyword arguments) from positional arguments. */
export function splitOptions(
  args: readonly unknown[],
  isTensor: IsTensor,
): [readonly unknown[], Readonly<Record<string, unknown>> | undefined] {
  if (args.length === 0) return [args, undefined];
  const last = args[args.length - 1];
  if (
    last !== null &&
    typeof last === 'object' &&
    !Array.isArray(last) &&
    !(last instanceof FloatScalar) &&
    !isTensor(last) &&
    !isDeviceObject(last) &&
    (Object.getPrototypeOf(last) === Object.prototype || Object.getPrototypeOf(last) === null)
  ) {
    return [args.slice(0, -1), last as Record<string, unknown>];
  }
  return [args, undefined];
}

function overloadAccepts(
  o: Overload,
  positional: readonly unknown[],
  keywords: Readonly<Record<string, unknown>> | undefined,
  isTensor: IsTensor,
): boolean {
  const list = o.schema.arguments;
  if (positional.length > list.length && !o.schema.isVararg) return false;
  let used = 0;
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    let v: unknown;
    if (i < positional.length) {
      if (a.kwargOnly) return false;
      v = positional[i];
    } else if (keywords !== undefined) {
      v = keywords[a.name];
      if (v === undefined) v = keywords[camel(a.name)];
      if (v !== undefined) used++;
    }
    if (v === undefined) {
      if (!a.hasDefault) return false;
      continue;
    }
    if (!matchesType(a.type, v, isTensor, unwrap(a.realType).kind)) return false;
  }
  return keywords === undefined || used === Object.keys(keywords).length;
}

function unwrap(t: JitType): JitType {
  return t.kind === 'OptionalType' ? (t as unknown as { elementType: JitType }).elementType : t;
}

/**
 * The first overload (in schema order) that accepts the arguments; a TypeError-kind OpError that
 * lists the candidates otherwise, as PyTorch's argument parser does.
 */
export function resolveOverload(
  overloads: readonly Overload[],
  positional: readonly unknown[],
  keywords: Readonly<Record<string, unknown>> | undefined,
  isTensor: IsTensor,
): Overload {
  for (const o of overloads) if (overloadAccepts(o, positional, keywords, isTensor)) return o;
  const name = overloads[0]?.baseName ?? '?';
  const got = positional.map((v) => describe(v, isTensor));
  if (keywords) for (const [k, v] of Object.entries(keywords)) got.push(`${k}=${describe(v, isTensor)}`);
  throw new OpError(
    `${name}() received an invalid combination of arguments - got (${got.join(', ')}), but expected one of:\n${overloads
      .map((o) => ` * ${o.schema.toString()}`)
      .join('\n')}`,
    'TypeError',
  );
}

function describe(v: unknown, isTensor: IsTensor): string {
  if (isTensor(v)) return 'Tensor';
  if (v instanceof FloatScalar) return 'float';
  if (Array.isArray(v)) return `list of [${v.map((e) => describe(e, isTensor)).join(', ')}]`;
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (v === null || v === undefined) return 'NoneType';
  return typeof v;
}

/**
 * PyTorch's Python binding lets the sizes of `x.view(2, 3)`, `torch.zeros(2, 3)` or
 * `x.permute(1, 0)` be passed as separate ints: when no overload accepts the arguments as they
 * are, the trailing ints are packed into the list argument at their position. Returns the
 * overload and the packed positional arguments, or null.
 */
export function resolveVarargs(
  overloads: readonly Overload[],
  positional: readonly unknown[],
  keywords: Readonly<Record<string, unknown>> | undefined,
  isTensor: IsTensor,
): { overload: Overload; positional: unknown[] } | null {
  for (const o of overloads) {
    const list = o.schema.arguments;
    for (let k = 0; k < positional.length - 1 && k < list.length; k++) {
      const t = list[k].type;
      if (t.kind !== 'ListType') continue;
      const element = (t as unknown as { elementType: JitType }).elementType.kind;
      if (element !== 'IntType' && element !== 'SymIntType') break;
      const rest = positional.slice(k);
      if (!rest.every((v) => typeof v === 'number' && Number.isInteger(v))) break;
      const packed = [...positional.slice(0, k), rest];
      if (overloadAccepts(o, packed, keywords, isTensor)) return { overload: o, positional: packed };
      break;
    }
  }
  return null;
}

/** Groups overloads by camelCase base name (`add`, `add_`, `logSoftmax`). */
export function groupByName(overloads: Iterable<Overload>): Map<string, Overload[]> {
  const map = new Map<string, Overload[]>();
  for (const o of overloads) {
    const key = camel(o.baseName);
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    list.push(o);
  }
  return map;
}

/**
 * `F` over a context that runs impls directly (no modes): what decompositions use in the op tests
 * and what the eager dispatcher replaces with its own functions.
 */
export function directFunctions(overloads: Iterable<Overload>, getCtx: () => OpContext): Functions {
  const F: Functions = {};
  for (const [name, list] of groupByName(overloads)) {
    F[name] = (...args: unknown[]) => {
      const ctx = getCtx();
      const isTensor = (v: unknown) => ctx.isTensor(v);
      const [positional, keywords] = splitOptions(args, isTensor);
      const o = resolveOverload(list, positional, keywords, isTensor);
      return o.impl(o.bind(positional, keywords), ctx, o);
    };
  }
  return addFunctionHelpers(F, (v) => getCtx().isTensor(v));
}
