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
export {
  type ClassTypeDeclaration,
  type DeclareClassOptions,
  declareClass,
  type EnumDeclaration,
  type InterfaceDeclaration,
  type NamedTupleDeclaration,
  type TypeDeclaration,
} from './emitter/declare-class.js';
export { defaultBuiltins } from './emitter/default-builtins.js';
export type { SourceText } from './emitter/function-emitter.js';
export { type GraphCleanup, ScriptFunction } from './emitter/script-function.js';
export { canonicalizeOutputs } from './emitter/ssa/canonicalize-outputs.js';
export { TypeParser } from './emitter/type-parser.js';
export { unifyTypes } from './emitter/type-variables.js';
export { FrontendError } from './errors/frontend-error.js';
export type { ArchiveConstant } from './importer/constant-table-value.js';
export {
  type ImportArchiveCodeOptions,
  importArchiveCode,
  SUPPORTED_FILE_FORMAT_VERSIONS,
} from './importer/import-archive-code.js';
export {
  type ImporterValues,
  type ImportUnit,
  SourceImporter,
  type SourceImporterOptions,
} from './importer/source-importer.js';
export {
  type FStringPart,
  lexer,
  type Token,
  type TokenKind,
  type TokenRange,
  type TypeComment,
} from './lexer.js';
export { Parser } from './parser.js';
