import type { FStringPart, TokenRange } from './lexer.js';

/** A source range of an AST node: from the start of its first token to the end of its last. */
export type Range = TokenRange;

export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@' | '<<' | '>>' | '&' | '|' | '^';
export type UnaryOperator = '+' | '-' | '~' | 'not';
export type CompareOperator = '<' | '>' | '==' | '>=' | '<=' | '!=' | 'in' | 'not in' | 'is' | 'is not';

export interface Comprehension {
  target: Expr;
  iter: Expr;
  ifs: Expr[];
}

export interface Keyword {
  /** null for `**kwargs`. */
  name: string | null;
  value: Expr;
  range: Range;
}

/** The expressions of the TorchScript language, in the shape of Python's `ast`. */
export type Expr =
  | { kind: 'Name'; id: string; range: Range }
  | { kind: 'Constant'; value: null | boolean | 'Ellipsis'; range: Range }
  | { kind: 'Number'; text: string; numberKind: 'int' | 'float' | 'imaginary'; range: Range }
  | { kind: 'Str'; value: string; range: Range }
  | { kind: 'FString'; parts: FStringPart[]; range: Range }
  | { kind: 'BinOp'; op: BinaryOperator; left: Expr; right: Expr; range: Range }
  | { kind: 'UnaryOp'; op: UnaryOperator; operand: Expr; range: Range }
  | { kind: 'BoolOp'; op: 'and' | 'or'; values: Expr[]; range: Range }
  | { kind: 'Compare'; left: Expr; ops: CompareOperator[]; comparators: Expr[]; range: Range }
  | { kind: 'IfExp'; test: Expr; body: Expr; orelse: Expr; range: Range }
  | { kind: 'Attribute'; value: Expr; attr: string; range: Range }
  | { kind: 'Subscript'; value: Expr; slice: Expr; range: Range }
  | { kind: 'Slice'; lower: Expr | null; upper: Expr | null; step: Expr | null; range: Range }
  | { kind: 'Call'; func: Expr; args: Expr[]; keywords: Keyword[]; range: Range }
  | { kind: 'Starred'; value: Expr; range: Range }
  | { kind: 'Tuple'; elts: Expr[]; range: Range }
  | { kind: 'List'; elts: Expr[]; range: Range }
  | { kind: 'Set'; elts: Expr[]; range: Range }
  | { kind: 'Dict'; keys: Expr[]; values: Expr[]; range: Range }
  | { kind: 'ListComp' | 'SetComp' | 'GeneratorExp'; elt: Expr; generators: Comprehension[]; range: Range }
  | { kind: 'DictComp'; key: Expr; value: Expr; generators: Comprehension[]; range: Range };
