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

/** A parameter of a function definition. */
export interface Arg {
  name: string;
  annotation: Expr | null;
  /**
   * The text after `# type:` ending this parameter's line (PEP 484's per-argument form, which
   * PyTorch reads with a `# type: (...) -> T` signature comment). The parser always sets it.
   */
  typeComment?: string | null;
  range: Range;
}

/** The parameters of a function definition, in the shape of Python's `ast.arguments`. */
export interface Arguments {
  posonlyargs: Arg[];
  args: Arg[];
  vararg: Arg | null;
  kwonlyargs: Arg[];
  /** One per kwonly argument: its default or null. */
  kwDefaults: (Expr | null)[];
  kwarg: Arg | null;
  /** Defaults of the last `defaults.length` positional parameters. */
  defaults: Expr[];
}

export interface Alias {
  name: string;
  asname: string | null;
  range: Range;
}

export interface WithItem {
  contextExpr: Expr;
  optionalVars: Expr | null;
}

export interface FunctionDef {
  kind: 'FunctionDef';
  name: string;
  args: Arguments;
  returns: Expr | null;
  body: Stmt[];
  decorators: Expr[];
  /** The text after `# type:` on the line of the signature (PyTorch's type comments), if any. */
  typeComment: string | null;
  range: Range;
}

export interface ClassDef {
  kind: 'ClassDef';
  name: string;
  bases: Expr[];
  keywords: Keyword[];
  body: Stmt[];
  decorators: Expr[];
  range: Range;
}

/** The statements of the TorchScript language, in the shape of Python's `ast`. */
export type Stmt =
  | FunctionDef
  | ClassDef
  | { kind: 'Return'; value: Expr | null; range: Range }
  | { kind: 'Delete'; targets: Expr[]; range: Range }
  | { kind: 'Assign'; targets: Expr[]; value: Expr; typeComment: string | null; range: Range }
  | { kind: 'AugAssign'; target: Expr; op: BinaryOperator; value: Expr; range: Range }
  | { kind: 'AnnAssign'; target: Expr; annotation: Expr; value: Expr | null; range: Range }
  | { kind: 'For'; target: Expr; iter: Expr; body: Stmt[]; orelse: Stmt[]; range: Range }
  | { kind: 'While'; test: Expr; body: Stmt[]; orelse: Stmt[]; range: Range }
  | { kind: 'If'; test: Expr; body: Stmt[]; orelse: Stmt[]; range: Range }
  | { kind: 'With'; items: WithItem[]; body: Stmt[]; range: Range }
  | { kind: 'Raise'; exc: Expr | null; cause: Expr | null; range: Range }
  | { kind: 'Assert'; test: Expr; msg: Expr | null; range: Range }
  | { kind: 'Import'; names: Alias[]; range: Range }
  | { kind: 'ImportFrom'; module: string | null; names: Alias[]; level: number; range: Range }
  | { kind: 'Global' | 'Nonlocal'; names: string[]; range: Range }
  | { kind: 'Expr'; value: Expr; range: Range }
  | { kind: 'Pass' | 'Break' | 'Continue'; range: Range };

/** A whole source file. */
export interface Module {
  body: Stmt[];
  file: string;
  source: string;
}
