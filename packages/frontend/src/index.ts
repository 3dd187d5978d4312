export type {
  Alias,
  Arg,
  Arguments,
  BinaryOperator,
  ClassDef,
  CompareOperator,
  Comprehension,
  Expr,
  FunctionDef,
  Keyword,
  Module,
  Range,
  Stmt,
  UnaryOperator,
  WithItem,
} from './ast.js';
export {
  CompilationUnit,
  type CompilationUnitOptions,
  type DefineOptions,
  type Definitions,
} from './compilation-unit.js';
export type { BuiltinProvider } from './emitter/builtin-provider.js';
export type {
  ClassDeclaration,
  CompilationUnitLike,
  EmitContext,
  NamedValue,
  Resolver,
  ScriptFunctionLike,
  SugaredValue,
} from './emitter/contracts.js';
export { defaultBuiltins } from './emitter/default-builtins.js';
export type { SourceText } from './emitter/function-emitter.js';
export { SchemaRegistry } from './emitter/schema-registry.js';
export { type GraphCleanup, ScriptFunction } from './emitter/script-function.js';
export { canonicalizeOutputs } from './emitter/ssa/canonicalize-outputs.js';
export { TypeParser } from './emitter/type-parser.js';
export { unifyTypes } from './emitter/type-variables.js';
export { FrontendError } from './errors/frontend-error.js';
export {
  type FStringPart,
  lexer,
  type Token,
  type TokenKind,
  type TokenRange,
  type TypeComment,
} from './lexer.js';
export { Parser } from './parser.js';
