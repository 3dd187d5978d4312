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
