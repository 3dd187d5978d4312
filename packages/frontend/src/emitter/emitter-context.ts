import type { ClassType, FunctionSchema, JitType, Node, SourceRange, Value } from '@tsjit/ir';
import type { Range } from '../ast.js';
import type { EmitContext, NamedValue, ScriptFunctionLike, SugaredValue } from './contracts.js';

/**
 * What the emitter's own sugared values see of the function being emitted: the public
 * EmitContext plus schema matching for script functions and methods, attribute lookup on
 * builtin-typed values, and node insertion with source ranges.
 */
export interface Emitter extends EmitContext {
  /** The qualified name of the function being emitted. */
  readonly functionName: string;
  /** `# file:line:col` of a range (0-based column, as PyTorch prints). */
  sourceRange(range: Range): SourceRange;
  /** Inserts a node of `kind` at the insertion point, with the range as its source range when given. */
  insertNode(kind: string, inputs: readonly Value[], outputTypes: readonly JitType[], range?: Range): Node;
  /**
   * Matches arguments against a schema (script functions, methods, NamedTuple constructors):
   * conversions applied, defaults filled in; errors name the schema. Returns the inputs in
   * schema order and the return type.
   */
  matchSchema(
    schema: FunctionSchema,
    range: Range,
    args: readonly NamedValue[],
    kwargs: readonly NamedValue[],
    self?: NamedValue,
  ): { inputs: Value[]; returnType: JitType };
  /** `prim::CallFunction` of a function of the unit. */
  callFunction(fn: ScriptFunctionLike, range: Range, args: readonly NamedValue[], kwargs: readonly NamedValue[]): Value;
  /** `prim::CallMethod` of method `name` of an object (class or interface type). */
  callMethod(
    self: Value,
    name: string,
    range: Range,
    args: readonly NamedValue[],
    kwargs: readonly NamedValue[],
  ): Value;
  /** Methods and properties of values of builtin types (Tensor, str, list, dict, device...). */
  builtinAttr(range: Range, value: Value, name: string): SugaredValue | undefined;
  /** Whether the function being emitted is `__init__` of `classType` (attributes may be declared). */
  isInitializing(classType: ClassType): boolean;
  /** Whether the insertion point is in the function's top block (not inside control flow). */
  atTopLevel(): boolean;
  /** The method named `name` of a class (compiled on demand), or undefined. */
  findMethod(classType: ClassType, name: string): ScriptFunctionLike | undefined;
  /** Whether `name` is a module's `@torch.jit.ignore` method (called through `prim::PythonOp`). */
  isIgnoredMethod?(classType: ClassType, name: string): boolean;
}

/** The value of a sugared value that is a plain IR value, else undefined (PyTorch's asSimple). */
export function asSimple(value: SugaredValue): Value | undefined {
  return (value as { simpleValue?: Value }).simpleValue;
}
