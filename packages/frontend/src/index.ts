export { FrontendError } from './errors/frontend-error.js';
export { type FStringPart, lexer, type Token, type TokenKind, type TokenRange } from './lexer.js';
