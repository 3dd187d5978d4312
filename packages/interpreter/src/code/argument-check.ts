import type { JitType, ListType } from '@tsjit/ir';
import { isTuple, type OpArgs, OpError, type Overload, typeName } from '@tsjit/ops';
import { Tensor } from '@tsjit/tensor';
import { Future } from '../values/future.js';
import { ScriptEnumMember } from '../values/script-enum-member.js';
import { ScriptObject } from '../values/script-object.js';

/** Why an argument value cannot be passed to an op (the error's message), or null when it can. */
type Check = (v: unknown) => string | null;

/**
 * The check an op's arguments get before its implementation runs, or undefined when none can
 * fail. A value reaches an op unchecked through `prim::unchecked_cast` (a no-op, as PyTorch's):
 * code that refines an Optional or Any wrongly, or edited code in an archive, can pass None (or a
 * value of another kind) where the schema wants a Tensor, a number or a list. PyTorch's boxed
 * kernels fail while unboxing such an argument; here the implementation would dereference it
 * and throw a JS TypeError, so the interpreter says what is wrong first, as PyTorch does:
 * "Expected Tensor but got None" for tensors (IValue::toTensor's message), "Expected a value of
 * type 'float' for argument 'other' but instead found type 'NoneType'." for the rest. Only what
 * every valid program satisfies is checked (a Tensor is a Tensor; a non-Optional value is not
 * None, nor a None inside a list whose elements cannot be None), so a run of valid code never
 * fails here.
 */
export function argumentCheck(overload: Overload, count: number): ((args: OpArgs) => void) | undefined {
  const names: string[] = [];
  const checks: Check[] = [];
  overload.schema.arguments.forEach((a, i) => {
    const check = i < count ? checkOf(a.type, a.name) : undefined;
    if (check === undefined) return;
    names.push(a.name);
    checks.push(check);
  });
  if (checks.length === 0) return undefined;
  return (args) => {
    for (let k = 0; k < checks.length; k++) {
      const problem = checks[k](args[names[k]]);
      if (problem !== null) throw new OpError(problem);
    }
  };
}

/** Kinds whose values are never None (PyTorch's Optional, Union, Any and type variables may be). */
const NOT_NONE = new Set<string>([
  'NumberType',
  'FloatType',
  'IntType',
  'SymIntType',
  'SymFloatType',
  'ComplexType',
  'BoolType',
  'StringType',
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

function checkOf(type: JitType, name: string): Check | undefined {
  if (type.kind === 'TensorType') return (v) => (v instanceof Tensor ? null : `Expected Tensor but got ${tagKind(v)}`);
  if (type.kind === 'ListType') {
    const elementType = (type as ListType).elementType;
    const element =
      elementType.kind === 'TensorType'
        ? (v: unknown) => (v instanceof Tensor ? null : `Expected Tensor but got ${tagKind(v)}`)
        : NOT_NONE.has(elementType.kind) || elementType.kind === 'ListType'
          ? (v: unknown) =>
              v === null || v === undefined ? mismatch(type, name, `List[Optional[${elementType.pythonStr()}]]`) : null
          : undefined;
    return (v) => {
      if (v === null || v === undefined) return mismatch(type, name, typeName(v));
      if (element === undefined || !Array.isArray(v)) return null;
      for (let i = 0; i < v.length; i++) {
        const problem = element(v[i]);
        if (problem !== null) return problem;
      }
      return null;
    };
  }
  if (NOT_NONE.has(type.kind)) {
    return (v) => (v === null || v === undefined ? mismatch(type, name, typeName(v)) : null);
  }
  return undefined;
}

function mismatch(type: JitType, name: string, found: string): string {
  return `Expected a value of type '${type.pythonStr()}' for argument '${name}' but instead found type '${found}'.`;
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
