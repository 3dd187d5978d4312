export type {
  BinaryOperator,
  CompareOperator,
  Comprehension,
  Expr,
  Keyword,
  Range,
  UnaryOperator,
} from './ast.js';
export { FrontendError } from './errors/frontend-error.js';
export { type FStringPart, lexer, type Token, type TokenKind, type TokenRange } from './lexer.js';
export { Parser } from './parser.js';
