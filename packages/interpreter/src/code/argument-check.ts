import type { JitType, ListType } from '@tsjit/ir';
import { FloatScalar, isTuple, OpError, type Overload, typeName } from '@tsjit/ops';
import { Tensor } from '@tsjit/tensor';
import { Future } from '../values/future.js';
import { ScriptEnumMember } from '../values/script-enum-member.js';
import { ScriptObject } from '../values/script-object.js';

/** Whether a value can be passed as an argument of some type. */
type Holds = (v: unknown) => boolean;

/**
 * The check an op's arguments get before its implementation runs, or undefined when none can
 * fail. A value reaches an op unchecked through `prim::unchecked_cast` (a no-op, as PyTorch's):
 * code that refines an Optional or Any wrongly, or edited code in an archive, can pass None (or a
 * value of another kind) where the schema wants a Tensor, a number or a list. PyTorch's boxed
 * kernels fail while unboxing such an argument; here the implementation would dereference it
 * and throw a JS TypeError, so the interpreter says what is wrong first, as PyTorch does:
 * "Expected Tensor but got None" for tensors (IValue::toTensor's message), "Expected a value of
 * type 'float' for argument 'other' but instead found type 'NoneType'." for the rest. Only what
 * every valid program satisfies is checked (a Tensor is a Tensor, a list an array, an int, float
 * or Scalar a number, a bool or str one, and other non-Optional values are not None; a list's
 * elements likewise), so a run of valid code never fails here.
 */
export function argumentCheck(overload: Overload, regs: readonly number[]): ((r: unknown[]) => void) | undefined {
  const names: string[] = [];
  const checks: Holds[] = [];
  const types: JitType[] = [];
  const at: number[] = [];
  overload.schema.arguments.forEach((a, i) => {
    // Checked by the type as the schema writes it (a `ScalarType` value may be a dtype name, though
    // it types as int), named by the type TorchScript sees (`List[int]` for `SymInt[]`).
    const holds = i < regs.length ? holdsOf(a.realType) : undefined;
    if (holds === undefined) return;
    names.push(a.name);
    checks.push(holds);
    types.push(a.type);
    at.push(regs[i]);
  });
  if (checks.length === 0) return undefined;
  // Reads the registers themselves (by number), not the argument object by name: a keyed load
  // with a different name per argument is a slow, megamorphic property access.
  return (r) => {
    for (let k = 0; k < checks.length; k++) {
      const v = r[at[k]];
      if (!checks[k](v)) throw new OpError(problem(types[k], names[k], v));
    }
  };
}

/** Kinds whose values are never None (PyTorch's Optional, Union, Any and type variables may be). */
const NOT_NONE = new Set<string>([
  'ComplexType',
  'DeviceObjType',
  'ScalarTypeType',
  'LayoutType',
  'MemoryFormatType',
  'QSchemeType',
  'DictType',
  'TupleType',
  'AnyListType',
  'AnyTupleType',
  'ClassType',
  'AnyClassType',
  'InterfaceType',
  'EnumType',
  'AnyEnumType',
  'FutureType',
  'GeneratorType',
]);

const isTensor: Holds = (v) => v instanceof Tensor;
const isNumber: Holds = (v) =>
  typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || v instanceof FloatScalar;
const isBool: Holds = (v) => typeof v === 'boolean';
const isString: Holds = (v) => typeof v === 'string';
const notNone: Holds = (v) => v !== null && v !== undefined;

/** What an argument of `type` must hold, or undefined when the interpreter can pass it anything. */
function holdsOf(type: JitType): Holds | undefined {
  switch (type.kind) {
    case 'TensorType':
      return isTensor;
    case 'ListType': {
      const element = holdsOf((type as ListType).elementType);
      if (element === undefined) return Array.isArray;
      return (v) => {
        if (!Array.isArray(v)) return false;
        for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
        return true;
      };
    }
    // Ints, floats and Scalars are numbers (bigint beyond 2^53, FloatScalar for integral floats);
    // a bool passes where PyTorch's Scalar takes one.
    case 'NumberType':
    case 'IntType':
    case 'FloatType':
    case 'SymIntType':
    case 'SymFloatType':
      return isNumber;
    case 'BoolType':
      return isBool;
    case 'StringType':
      return isString;
    default:
      return NOT_NONE.has(type.kind) ? notNone : undefined;
  }
}

/** The error for a value an argument cannot hold (worked out only when the check fails). */
function problem(type: JitType, name: string, v: unknown): string {
  if (type.kind === 'TensorType') return `Expected Tensor but got ${tagKind(v)}`;
  if (type.kind === 'ListType' && Array.isArray(v)) {
    const elementType = (type as ListType).elementType;
    const holds = holdsOf(elementType) ?? notNone;
    const bad = v.find((e) => !holds(e));
    // A tensor list's elements are unboxed one by one (IValue::toTensor's message).
    if (elementType.kind === 'TensorType') return `Expected Tensor but got ${tagKind(bad)}`;
    const found = bad === null || bad === undefined ? `Optional[${elementType.pythonStr()}]` : pythonTypeName(bad);
    return mismatch(type, name, `List[${found}]`);
  }
  return mismatch(type, name, pythonTypeName(v));
}

function mismatch(type: JitType, name: string, found: string): string {
  return `Expected a value of type '${type.pythonStr()}' for argument '${name}' but instead found type '${found}'.`;
}

function pythonTypeName(v: unknown): string {
  if (v instanceof Tensor) return 'Tensor';
  if (Array.isArray(v)) return isTuple(v) ? 'tuple' : 'list';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (v instanceof ScriptObject) return v.type.qualifiedName;
  return typeName(v);
}

/** The kind of a value as PyTorch's IValue::tagKind names it (what its unboxing errors print). */
function tagKind(v: unknown): string {
  if (v === null) return 'None';
  if (v === undefined) return 'nothing';
  if (typeof v === 'boolean') return 'Bool';
  if (typeof v === 'string') return 'String';
  if (v instanceof ScriptObject) return 'Object';
  if (v instanceof ScriptEnumMember) return 'Enum';
  if (v instanceof Future) return 'Future';
  if (v instanceof Map) return 'GenericDict';
  if (Array.isArray(v)) return isTuple(v) ? 'Tuple' : 'GenericList';
  const name = typeName(v);
  return name === 'int' ? 'Int' : name === 'float' ? 'Double' : name === 'device' ? 'Device' : name;
}
