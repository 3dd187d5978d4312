/**
 * The contracts between the parts of the emitter (AST → SSA IR), after PyTorch's
 * frontend/sugared_value.h and frontend/resolver.h. The function emitter (statements,
 * expressions, control flow), schema matching with the builtin tables, and the class/module
 * declarations with the archive importer are written against these types.
 */
import type { ClassType, FunctionSchema, Graph, JitType, SourceRange, Value } from '@tsjit/ir';
import type { ClassDef, Expr, FunctionDef, Range } from '../ast.js';

/** An argument of a call after its expression was emitted: the IR value, where it came from, and its keyword. */
export interface NamedValue {
  value: Value;
  range: Range;
  /** The keyword, for keyword arguments. */
  name?: string;
}

/**
 * What a sugared value sees of the emitter while it is being used: the graph with its insertion
 * point, errors that point at the source, constants, builtin calls and the compilation unit.
 */
export interface EmitContext {
  readonly graph: Graph;
  readonly unit: CompilationUnitLike;
  /** Throws a FrontendError pointing at `range` of the source being compiled. */
  error(range: Range, reason: string): never;
  /** Inserts a prim::Constant (pooled later by constant pooling) with the range as its source range. */
  constant(value: unknown, range: Range, type?: JitType): Value;
  /**
   * A schema-matched call of a builtin operator (`aten::add`, `prim::min`, `aten::len`) on
   * emitted arguments, with TorchScript's implicit conversions; errors list the candidates
   * and say what was expected and what was found.
   */
  builtin(name: string, args: NamedValue[], kwargs: NamedValue[], range: Range, self?: NamedValue): Value;
  /** Emits an expression (used by special forms that receive unevaluated arguments). */
  expr(expr: Expr, typeHint?: JitType): Value;
  /** Parses a type annotation expression (`List[int]`, `Optional[Tensor]`, a class name). */
  type(annotation: Expr): JitType;
  /**
   * The `# file:line:col` of a range, for nodes inserted by parts of the emitter that do not know
   * the file (schema matching, builtins). Without it such nodes get no source range.
   */
  sourceRange?(range: Range): SourceRange;
}

/**
 * A value of the language that is not (yet) an IR value: a module namespace (`torch`, `math`),
 * a builtin function, a function or class of the unit, a method bound to an object, a module
 * whose iteration is unrolled. PyTorch's SugaredValue. Every member is optional; a missing one
 * means the operation is not supported on this kind of value, and the emitter reports
 * "<kind> does not support <operation>" at the use.
 */
export interface SugaredValue {
  /** Names the kind of value in error messages: 'builtin function', 'module', 'class', 'Tensor'... */
  readonly kind: string;
  asValue?(ctx: EmitContext, range: Range): Value;
  attr?(ctx: EmitContext, range: Range, name: string): SugaredValue;
  setAttr?(ctx: EmitContext, range: Range, name: string, value: Value): void;
  /**
   * A call. `args` and `kwargs` were emitted already; special forms that need the raw
   * expressions (`isinstance`, `torch.jit.annotate`, `fork`) are handled by the emitter before
   * this is called. `nBinders` is the number of targets the result is assigned to.
   */
  call?(ctx: EmitContext, range: Range, args: NamedValue[], kwargs: NamedValue[], nBinders: number): SugaredValue;
  /** For loops over these values are unrolled: the elements (ModuleList, tuples, module dicts). */
  unrolled?(ctx: EmitContext, range: Range): SugaredValue[];
  getItem?(ctx: EmitContext, range: Range, index: Value, typeHint?: JitType): SugaredValue;
  len?(ctx: EmitContext, range: Range): Value;
}

/** Resolves the free names of a compilation unit or a file: `torch`, `math`, classes, functions, `__torch__...`. */
export interface Resolver {
  resolveValue(name: string, ctx: EmitContext, range: Range): SugaredValue | undefined;
  resolveType(name: string, range: Range): JitType | undefined;
}

/** A function or method of a compilation unit; its graph is emitted on first use (methods may call each other). */
export interface ScriptFunctionLike {
  readonly qualifiedName: string;
  readonly name: string;
  readonly def: FunctionDef;
  schema(): FunctionSchema;
  graph(): Graph;
}

/** What the emitter needs of a compilation unit: its functions and classes by qualified name. */
export interface CompilationUnitLike {
  findFunction(qualifiedName: string): ScriptFunctionLike | undefined;
  findClass(qualifiedName: string): ClassType | undefined;
  /** The method `name` of a class (compiling its declaration if needed). */
  findMethod(classType: ClassType, name: string): ScriptFunctionLike | undefined;
}

/** The declarations a class body produced, before its methods are emitted. */
export interface ClassDeclaration {
  readonly type: ClassType;
  readonly def: ClassDef;
  readonly resolver: Resolver;
  /**
   * The defs to define as methods, when they are not simply the defs of the body (declareClass
   * leaves out hooks and `@staticmethod`s, renames property accessors, rewrites `@unused` bodies).
   */
  readonly methods?: readonly FunctionDef[];
  /** The file the class is in, for errors and source ranges. */
  readonly source?: { readonly source: string; readonly file: string };
}
