import type {
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
  WithItem,
} from './ast.js';
import { FrontendError } from './errors/frontend-error.js';
import { type FStringPart, lexer, type Token, type TypeComment } from './lexer.js';

/**
 * CPython refuses more than 200 nested parentheses; nesting of any kind (brackets, unary
 * operators, `**`, ternaries) is bounded the same way here, so that deep input gives a
 * FrontendError instead of exhausting the stack.
 */
const MAX_NESTING = 200;

/**
 * Blocks (the bodies of def, class, if, while, for, with) nest at most this deep. CPython's
 * tokenizer refuses more than 100 indentation levels ("too many levels of indentation"), so no
 * file Python accepts nests deeper, and the bound keeps the recursive descent far from the stack
 * limit even with a maximally nested expression inside every block.
 */
const MAX_BLOCKS = 100;

const AUGMENTED_OPS: ReadonlyMap<string, BinaryOperator> = new Map(
  (['+', '-', '*', '/', '//', '%', '**', '@', '<<', '>>', '&', '|', '^'] as const).map((op) => [`${op}=`, op]),
);
// Keywords that may start an expression statement; any other keyword starts a statement or is misplaced.
const EXPRESSION_KEYWORDS = new Set(['not', 'None', 'True', 'False', 'lambda', 'await']);
const COMPOUND_KEYWORDS = new Set(['def', 'class', 'if', 'while', 'for', 'with', 'try', 'async']);
const UNSUPPORTED: Record<string, string> = {
  try: 'try statements are not supported in TorchScript',
  async: 'async functions and statements are not supported in TorchScript',
  yield: 'generators (yield) are not supported in TorchScript',
  await: 'await is not supported in TorchScript',
};

const COMPARE_OPS = new Set(['<', '>', '==', '>=', '<=', '!=']);
// Binary levels from loosest to tightest; each is left-associative.
const BINARY_LEVELS: readonly (readonly string[])[] = [
  ['|'],
  ['^'],
  ['&'],
  ['<<', '>>'],
  ['+', '-'],
  ['*', '/', '//', '%', '@'],
];

/**
 * Parses TorchScript source into an AST in the shape of Python's `ast`: whole files
 * (`parseModule`, Python 3's statement grammar) or single expressions (`parseExpression`, Python's
 * grammar and precedence). Recursive descent over the lexer's tokens, with every recursion bounded
 * (expressions by MAX_NESTING, blocks by MAX_BLOCKS) and flat sequences (statements, elif chains,
 * chained targets) read by loops. Throws FrontendError.
 */
export class Parser {
  private i = 0;
  private depth = 0;
  private blocks = 0;
  private readonly tokens: Token[];
  private readonly typeComments: TypeComment[] = [];
  private readonly parenthesized = new Map<Expr, Range>();

  constructor(
    private readonly source: string,
    private readonly file = '<string>',
  ) {
    this.tokens = lexer(source, file, this.typeComments);
  }

  /** Parses a whole file: Python's statement grammar as TorchScript uses it. */
  static parseModule(source: string, file = '<string>'): Module {
    const parser = new Parser(source, file);
    const body: Stmt[] = [];
    while (parser.peek().kind !== 'eof') parser.statement(body);
    return { body, file, source };
  }

  /** Parses `source` as one expression (a bare tuple allowed) followed by the end of input. */
  static parseExpression(source: string, file?: string): Expr {
    const parser = new Parser(source, file);
    const expr = parser.exprList(true);
    while (parser.peek().kind === 'newline') parser.i++;
    const end = parser.peek();
    if (end.kind !== 'eof') parser.fail(end, `expected end of expression but found ${describe(end)}`);
    return expr;
  }

  private peek(k = 0): Token {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (this.i < this.tokens.length - 1) this.i++;
    return t;
  }

  private isOp(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'op' && t.text === text;
  }

  private isKeyword(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'keyword' && t.text === text;
  }

  private expectOp(text: string, what: string): Token {
    const t = this.peek();
    if (t.kind !== 'op' || t.text !== text) this.fail(t, `expected '${text}' ${what} but found ${describe(t)}`);
    return this.next();
  }

  private fail(at: Token, reason: string): never {
    throw new FrontendError(this.source, this.file, at.range.start, reason);
  }

  private enter(at: Token) {
    if (++this.depth > MAX_NESTING) this.fail(at, `expression nested too deeply (more than ${MAX_NESTING} levels)`);
  }

  /**
   * The range an expression covers as an operand: with its parentheses, if it was parenthesized.
   * Python's ast keeps a parenthesized node's own range but extends its parents over the parentheses.
   */
  private outer(e: Expr): Range {
    return this.parenthesized.get(e) ?? e.range;
  }

  private span(start: Range, end: Range): Range {
    return { start: start.start, end: end.end, line: start.line, col: start.col };
  }

  private failAt(offset: number, reason: string): never {
    throw new FrontendError(this.source, this.file, offset, reason);
  }

  /** The last token consumed. */
  private previous(): Token {
    return this.tokens[Math.max(0, this.i - 1)] as Token;
  }

  private expectKeyword(text: string, what: string): Token {
    const t = this.peek();
    if (t.kind !== 'keyword' || t.text !== text) this.fail(t, `expected '${text}' ${what} but found ${describe(t)}`);
    return this.next();
  }

  private expectName(what: string): Token {
    const t = this.peek();
    if (t.kind !== 'name') this.fail(t, `expected ${what} but found ${describe(t)}`);
    return this.next();
  }

  /** One statement at the current position; a line of `;`-separated simple statements adds several. */
  private statement(out: Stmt[]) {
    const t = this.peek();
    if (t.kind === 'keyword') {
      switch (t.text) {
        case 'def':
          out.push(this.functionDef([]));
          return;
        case 'class':
          out.push(this.classDef([]));
          return;
        case 'if':
          out.push(this.ifStatement());
          return;
        case 'while':
          out.push(this.whileStatement());
          return;
        case 'for':
          out.push(this.forStatement());
          return;
        case 'with':
          out.push(this.withStatement());
          return;
      }
    } else if (t.kind === 'op' && t.text === '@') {
      out.push(this.decorated());
      return;
    } else if (t.kind === 'indent') {
      this.fail(t, 'unexpected indent');
    }
    this.simpleStatements(out);
  }

  /** `small (; small)* [;] NEWLINE`. */
  private simpleStatements(out: Stmt[]) {
    for (;;) {
      out.push(this.smallStatement());
      if (!this.isOp(';')) break;
      this.next();
      if (this.peek().kind === 'newline') break;
    }
    const end = this.peek();
    if (end.kind !== 'newline') this.fail(end, `expected end of line or ';' but found ${describe(end)}`);
    this.next();
  }

  private smallStatement(): Stmt {
    const t = this.peek();
    const unsupported = t.kind === 'keyword' ? UNSUPPORTED[t.text] : undefined;
    if (unsupported) this.fail(t, unsupported);
    if (t.kind === 'keyword' && !EXPRESSION_KEYWORDS.has(t.text)) {
      switch (t.text) {
        case 'pass':
        case 'break':
        case 'continue':
          this.next();
          return { kind: t.text === 'pass' ? 'Pass' : t.text === 'break' ? 'Break' : 'Continue', range: t.range };
        case 'return': {
          this.next();
          const value = this.startsExpression() ? this.exprList(true) : null;
          return { kind: 'Return', value, range: this.span(t.range, this.previous().range) };
        }
        case 'del':
          return this.deleteStatement();
        case 'raise': {
          this.next();
          let exc: Expr | null = null;
          let cause: Expr | null = null;
          if (this.startsExpression()) {
            exc = this.test();
            if (this.isKeyword('from')) {
              this.next();
              cause = this.test();
            }
          }
          return { kind: 'Raise', exc, cause, range: this.span(t.range, this.previous().range) };
        }
        case 'assert': {
          this.next();
          const test = this.test();
          let msg: Expr | null = null;
          if (this.isOp(',')) {
            this.next();
            msg = this.test();
          }
          return { kind: 'Assert', test, msg, range: this.span(t.range, this.previous().range) };
        }
        case 'import':
          return this.importStatement();
        case 'from':
          return this.fromImport();
        case 'global':
        case 'nonlocal': {
          this.next();
          const names = [this.expectName(`a name after '${t.text}'`).text];
          while (this.isOp(',')) {
            this.next();
            names.push(this.expectName(`a name after ','`).text);
          }
          const kind = t.text === 'global' ? 'Global' : 'Nonlocal';
          return { kind, names, range: this.span(t.range, this.previous().range) };
        }
      }
      if (COMPOUND_KEYWORDS.has(t.text)) {
        this.fail(
          t,
          `expected a simple statement but found ${describe(t)} (a compound statement must start its own line)`,
        );
      }
      this.fail(t, `expected a statement but found ${describe(t)}`);
    }
    if (t.kind === 'op' && t.text === '@') {
      this.fail(t, "expected a simple statement but found '@' (a decorator must start its own line)");
    }
    if (!this.startsExpression()) this.fail(t, `expected a statement but found ${describe(t)}`);
    return this.expressionStatement();
  }

  /** Expression statements and the assignments, which start with an expression. */
  private expressionStatement(): Stmt {
    const start = this.peek();
    const first = this.exprList(true);
    const t = this.peek();
    if (t.kind === 'op' && t.text === ':') {
      this.next();
      if (first.kind === 'Tuple' || first.kind === 'List') {
        this.failAt(
          first.range.start,
          `only single target (not ${first.kind === 'Tuple' ? 'tuple' : 'list'}) can be annotated`,
        );
      }
      if (first.kind !== 'Name' && first.kind !== 'Attribute' && first.kind !== 'Subscript') {
        this.failAt(first.range.start, `illegal target for annotation: cannot annotate ${exprDescription(first)}`);
      }
      const annotation = this.test();
      let value: Expr | null = null;
      if (this.isOp('=')) {
        this.next();
        value = this.exprList(true);
      }
      return {
        kind: 'AnnAssign',
        target: first,
        annotation,
        value,
        range: this.span(start.range, this.previous().range),
      };
    }
    const op = t.kind === 'op' ? AUGMENTED_OPS.get(t.text) : undefined;
    if (op !== undefined) {
      if (first.kind !== 'Name' && first.kind !== 'Attribute' && first.kind !== 'Subscript') {
        this.failAt(first.range.start, `'${exprDescription(first)}' is an illegal expression for augmented assignment`);
      }
      this.next();
      const value = this.exprList(true);
      return { kind: 'AugAssign', target: first, op, value, range: this.span(start.range, this.previous().range) };
    }
    if (t.kind === 'op' && t.text === '=') {
      const exprs = [first];
      while (this.isOp('=')) {
        this.next();
        exprs.push(this.exprList(true));
      }
      const value = exprs.pop() as Expr;
      for (const target of exprs) this.checkTarget(target, 'assign');
      const last = this.previous();
      const after = this.peek();
      const comment = after.kind === 'newline' ? this.typeCommentIn(last.range.end, after.range.start) : null;
      // As in Python's ast, an assignment with a type comment extends over the comment.
      const range = this.span(start.range, comment?.range ?? last.range);
      return { kind: 'Assign', targets: exprs, value, typeComment: comment?.text ?? null, range };
    }
    return { kind: 'Expr', value: first, range: this.span(start.range, this.previous().range) };
  }

  /**
   * Checks that `e` can be assigned to (or deleted): names, attributes, subscripts, and tuples and
   * lists of them (with at most one starred element), as Python requires.
   */
  private checkTarget(e: Expr, use: 'assign' | 'delete'): void {
    switch (e.kind) {
      case 'Name':
      case 'Attribute':
      case 'Subscript':
        return;
      case 'Tuple':
      case 'List': {
        let starred = 0;
        for (const elt of e.elts) {
          if (elt.kind === 'Starred') {
            if (use === 'delete') this.failAt(elt.range.start, 'cannot delete starred');
            if (++starred > 1) this.failAt(elt.range.start, 'multiple starred expressions in assignment');
            this.checkTarget(elt.value, use);
          } else this.checkTarget(elt, use);
        }
        return;
      }
      case 'Starred':
        if (use === 'delete') this.failAt(e.range.start, 'cannot delete starred');
        this.failAt(e.range.start, 'starred assignment target must be in a list or tuple');
        break;
      default:
        this.failAt(e.range.start, `cannot ${use} to ${exprDescription(e)}`.replace('delete to', 'delete'));
    }
  }

  private deleteStatement(): Stmt {
    const kw = this.next();
    const targets: Expr[] = [];
    do {
      if (targets.length > 0) {
        this.next();
        if (!this.startsExpression()) break;
      }
      const target = this.test();
      this.checkTarget(target, 'delete');
      targets.push(target);
    } while (this.isOp(','));
    return { kind: 'Delete', targets, range: this.span(kw.range, this.previous().range) };
  }

  private dottedName(what: string): { name: string; first: Token } {
    const first = this.expectName(what);
    let name = first.text;
    while (this.isOp('.')) {
      this.next();
      name += `.${this.expectName("a name after '.'").text}`;
    }
    return { name, first };
  }

  private importStatement(): Stmt {
    const kw = this.next();
    const names: Alias[] = [];
    do {
      if (names.length > 0) this.next();
      const { name, first } = this.dottedName("a module name after 'import'");
      names.push(this.alias(name, first));
    } while (this.isOp(','));
    return { kind: 'Import', names, range: this.span(kw.range, this.previous().range) };
  }

  private alias(name: string, first: Token): Alias {
    let asname: string | null = null;
    if (this.isKeyword('as')) {
      this.next();
      asname = this.expectName("a name after 'as'").text;
    }
    return { name, asname, range: this.span(first.range, this.previous().range) };
  }

  private fromImport(): Stmt {
    const kw = this.next();
    let level = 0;
    while (this.isOp('.') || this.isOp('...')) level += this.next().text.length;
    let module: string | null = null;
    if (level === 0 || this.peek().kind === 'name') module = this.dottedName("a module name after 'from'").name;
    this.expectKeyword('import', 'after the module name');
    const names: Alias[] = [];
    if (this.isOp('*')) {
      const star = this.next();
      names.push({ name: '*', asname: null, range: star.range });
    } else {
      const parenthesized = this.isOp('(');
      if (parenthesized) this.next();
      do {
        if (names.length > 0) {
          const comma = this.next();
          if (parenthesized && this.isOp(')')) break;
          if (!parenthesized && this.peek().kind !== 'name') {
            this.fail(comma, 'trailing comma not allowed without surrounding parentheses');
          }
        }
        const name = this.expectName('a name to import');
        names.push(this.alias(name.text, name));
      } while (this.isOp(','));
      if (parenthesized) this.expectOp(')', 'to close the imported names');
    }
    return { kind: 'ImportFrom', module, names, level, range: this.span(kw.range, this.previous().range) };
  }

  /** The type comment wholly inside [from, to), if any (the first). */
  private typeCommentIn(from: number, to: number): TypeComment | null {
    const comments = this.typeComments;
    let lo = 0;
    let hi = comments.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((comments[mid] as TypeComment).range.start < from) lo = mid + 1;
      else hi = mid;
    }
    const c = comments[lo];
    return c && c.range.end <= to ? c : null;
  }

  /**
   * The body after a compound statement's ':' — an indented block, or simple statements on the
   * same line. `owner` is the statement's keyword, for messages.
   */
  private block(owner: Token): Stmt[] {
    const body: Stmt[] = [];
    const t = this.peek();
    if (t.kind !== 'newline') {
      this.simpleStatements(body);
      return body;
    }
    this.next();
    const indent = this.peek();
    if (indent.kind !== 'indent') {
      this.fail(
        indent,
        `expected an indented block after '${owner.text}' statement on line ${owner.range.line} but found ${describe(indent)}`,
      );
    }
    if (this.blocks >= MAX_BLOCKS) this.fail(owner, `too many nested blocks (more than ${MAX_BLOCKS} levels)`);
    this.next();
    this.blocks++;
    while (this.peek().kind !== 'dedent' && this.peek().kind !== 'eof') this.statement(body);
    this.next();
    this.blocks--;
    return body;
  }

  /** The type comment between `after` and the next token, on the line `after` ends, if any. */
  private typeCommentOnLineOf(after: Token): TypeComment | null {
    const comment = this.typeCommentIn(after.range.end, this.peek().range.start);
    if (comment === null) return null;
    const between = this.source.slice(after.range.end, comment.range.start);
    return between.includes('\n') || between.includes('\r') ? null : comment;
  }

  private colon(what: string): Token {
    return this.expectOp(':', `after ${what}`);
  }

  private endOf(first: Range, body: Stmt[], orelse: Stmt[] = []): Range {
    const last = orelse[orelse.length - 1] ?? body[body.length - 1];
    return this.span(first, last?.range ?? first);
  }

  private decorated(): Stmt {
    const decorators: Expr[] = [];
    while (this.isOp('@')) {
      this.next();
      decorators.push(this.test());
      const end = this.peek();
      if (end.kind !== 'newline') this.fail(end, `expected end of line after the decorator but found ${describe(end)}`);
      this.next();
    }
    if (this.isKeyword('def')) return this.functionDef(decorators);
    if (this.isKeyword('class')) return this.classDef(decorators);
    const t = this.peek();
    return this.fail(t, `expected 'def' or 'class' after decorators but found ${describe(t)}`);
  }

  private functionDef(decorators: Expr[]): FunctionDef {
    const kw = this.next();
    const name = this.expectName("a function name after 'def'");
    this.expectOp('(', 'after the function name');
    const args = this.parameters();
    this.expectOp(')', 'to close the parameter list');
    let returns: Expr | null = null;
    if (this.isOp('->')) {
      this.next();
      returns = this.test();
    }
    const colon = this.expectOp(':', 'after the function signature');
    // PyTorch reads a signature from a `# type: (...) -> ...` comment after the ':' or alone on the next line.
    let typeComment: string | null = null;
    const newline = this.peek();
    if (newline.kind === 'newline') {
      const indent = this.peek(1);
      const comment =
        this.typeCommentIn(colon.range.end, newline.range.start) ??
        (indent.kind === 'indent' ? this.typeCommentIn(newline.range.end, indent.range.start) : null);
      typeComment = comment?.text ?? null;
    }
    const body = this.block(kw);
    return {
      kind: 'FunctionDef',
      name: name.text,
      args,
      returns,
      body,
      decorators,
      typeComment,
      range: this.endOf(kw.range, body),
    };
  }

  /** A parameter list, up to (not including) its ')'. */
  private parameters(): Arguments {
    const posonlyargs: Arg[] = [];
    const args: Arg[] = [];
    const kwonlyargs: Arg[] = [];
    const kwDefaults: (Expr | null)[] = [];
    const defaults: Expr[] = [];
    let vararg: Arg | null = null;
    let kwarg: Arg | null = null;
    let star: Token | null = null;
    let slash = false;
    const seen = new Set<string>();
    let current: Arg | null = null;
    const param = (): Arg => {
      const name = this.expectName('a parameter name');
      if (seen.has(name.text)) this.fail(name, `duplicate argument '${name.text}' in function definition`);
      seen.add(name.text);
      let annotation: Expr | null = null;
      if (this.isOp(':')) {
        this.next();
        annotation = this.test();
      }
      const range = this.span(name.range, annotation ? this.outer(annotation) : name.range);
      return { name: name.text, annotation, typeComment: null, range };
    };
    while (!this.isOp(')')) {
      const t = this.peek();
      if (kwarg !== null) this.fail(t, 'arguments cannot follow var-keyword argument');
      if (this.isOp('/')) {
        if (slash) this.fail(t, "'/' may appear only once");
        if (star) this.fail(t, "'/' must be ahead of '*'");
        if (args.length === 0) this.fail(t, "at least one argument must precede '/'");
        this.next();
        posonlyargs.push(...args);
        args.length = 0;
        slash = true;
      } else if (this.isOp('**')) {
        this.next();
        kwarg = param();
        current = kwarg;
        if (this.isOp('=')) this.fail(this.peek(), 'var-keyword argument cannot have default value');
      } else if (this.isOp('*')) {
        if (star) this.fail(t, "'*' argument may appear only once");
        star = this.next();
        if (this.peek().kind === 'name') {
          vararg = param();
          current = vararg;
          if (this.isOp('=')) this.fail(this.peek(), 'var-positional argument cannot have default value');
        }
      } else {
        const arg = param();
        current = arg;
        let value: Expr | null = null;
        if (this.isOp('=')) {
          this.next();
          value = this.test();
        }
        if (star) {
          kwonlyargs.push(arg);
          kwDefaults.push(value);
        } else {
          args.push(arg);
          if (value) defaults.push(value);
          else if (defaults.length > 0) this.failAt(arg.range.start, 'non-default argument follows default argument');
        }
      }
      // A parameter's own `# type:` comment (PEP 484's per-argument form) ends its line, after the comma.
      const last = this.isOp(',') ? this.next() : this.previous();
      if (current) current.typeComment = this.typeCommentOnLineOf(last)?.text ?? null;
      current = null;
      if (last.text !== ',' || last.kind !== 'op') break;
    }
    if (star && vararg === null && kwonlyargs.length === 0) this.fail(star, 'named arguments must follow bare *');
    return { posonlyargs, args, vararg, kwonlyargs, kwDefaults, kwarg, defaults };
  }

  private classDef(decorators: Expr[]): ClassDef {
    const kw = this.next();
    const name = this.expectName("a class name after 'class'");
    let bases: Expr[] = [];
    let keywords: Keyword[] = [];
    if (this.isOp('(')) {
      const open = this.next();
      this.enter(open);
      ({ args: bases, keywords } = this.callArguments(open));
      this.depth--;
      this.expectOp(')', 'to close the base classes');
    }
    this.colon('the class name and bases');
    const body = this.block(kw);
    return { kind: 'ClassDef', name: name.text, bases, keywords, body, decorators, range: this.endOf(kw.range, body) };
  }

  /** if/elif/else; each elif is an If alone in the orelse of the one before, as in Python's ast. */
  private ifStatement(): Stmt {
    type If = Extract<Stmt, { kind: 'If' }>;
    const chain: If[] = [];
    let kw = this.next();
    for (;;) {
      const test = this.test();
      this.colon(`the '${kw.text}' condition`);
      const node: If = { kind: 'If', test, body: this.block(kw), orelse: [], range: kw.range };
      const prev = chain[chain.length - 1];
      if (prev) prev.orelse = [node];
      chain.push(node);
      if (!this.isKeyword('elif')) break;
      kw = this.next();
    }
    const last = chain[chain.length - 1] as If;
    if (this.isKeyword('else')) {
      const elseKw = this.next();
      this.colon("'else'");
      last.orelse = this.block(elseKw);
    }
    // Each If ends where the last statement of its chain ends; walking back, that is known first.
    const end = this.endOf(last.range, last.body, last.orelse);
    for (let k = chain.length - 1; k >= 0; k--) {
      const node = chain[k] as If;
      node.range = this.span(node.range, end);
    }
    return chain[0] as If;
  }

  private elseBlock(): Stmt[] {
    if (!this.isKeyword('else')) return [];
    const kw = this.next();
    this.colon("'else'");
    return this.block(kw);
  }

  private whileStatement(): Stmt {
    const kw = this.next();
    const test = this.test();
    this.colon("the 'while' condition");
    const body = this.block(kw);
    const orelse = this.elseBlock();
    return { kind: 'While', test, body, orelse, range: this.endOf(kw.range, body, orelse) };
  }

  private forStatement(): Stmt {
    const kw = this.next();
    const target = this.forTarget();
    this.expectKeyword('in', 'after the for-loop target');
    const iter = this.exprList(true);
    this.colon("the 'for' iterable");
    const body = this.block(kw);
    const orelse = this.elseBlock();
    return { kind: 'For', target, iter, body, orelse, range: this.endOf(kw.range, body, orelse) };
  }

  /** `a`, `a, *b`, `(a, b), c[0]`: bitwise-or-level expressions up to `in`, checked to be assignable. */
  private forTarget(): Expr {
    const items: Expr[] = [];
    let comma: Token | null = null;
    for (;;) {
      if (this.isOp('*')) {
        const star = this.next();
        const value = this.binary(0);
        items.push({ kind: 'Starred', value, range: this.span(star.range, this.outer(value)) });
      } else items.push(this.binary(0));
      if (!this.isOp(',')) break;
      comma = this.next();
      if (this.isKeyword('in')) break;
    }
    const first = items[0] as Expr;
    const target: Expr =
      comma === null ? first : { kind: 'Tuple', elts: items, range: this.span(first.range, this.previous().range) };
    this.checkTarget(target, 'assign');
    return target;
  }

  private withStatement(): Stmt {
    const kw = this.next();
    let items: WithItem[] | null = null;
    // Python 3.9's `with (a as b, c):` — tried first, as CPython does; `with (a, b) as c:` falls back.
    if (this.isOp('(')) {
      const saved = { i: this.i, depth: this.depth };
      try {
        this.next();
        const inner: WithItem[] = [];
        do {
          if (inner.length > 0) {
            this.next();
            if (this.isOp(')')) break;
          }
          inner.push(this.withItem());
        } while (this.isOp(','));
        this.expectOp(')', 'to close the with items');
        if (this.isOp(':')) items = inner;
      } catch (error) {
        if (!FrontendError.isInstance(error)) throw error;
      }
      if (items === null) {
        this.i = saved.i;
        this.depth = saved.depth;
      }
    }
    if (items === null) {
      items = [];
      do {
        if (items.length > 0) this.next();
        items.push(this.withItem());
      } while (this.isOp(','));
    }
    this.colon("the 'with' items");
    const body = this.block(kw);
    return { kind: 'With', items, body, range: this.endOf(kw.range, body) };
  }

  private withItem(): WithItem {
    const contextExpr = this.test();
    let optionalVars: Expr | null = null;
    if (this.isKeyword('as')) {
      this.next();
      optionalVars = this.binary(0);
      this.checkTarget(optionalVars, 'assign');
    }
    return { contextExpr, optionalVars };
  }

  /** `a, b, *c` — a tuple when there is a comma (or `allowTuple` is false: the first expression). */
  private exprList(allowTuple: boolean): Expr {
    const first = this.starOrTest();
    if (!allowTuple || !this.isOp(',')) {
      if (first.kind === 'Starred')
        throw new FrontendError(this.source, this.file, first.range.start, "can't use starred expression here");
      return first;
    }
    const elts = [first];
    while (this.isOp(',')) {
      this.next();
      if (!this.startsExpression()) break;
      elts.push(this.starOrTest());
    }
    return { kind: 'Tuple', elts, range: this.span(this.outer(first), this.previous().range) };
  }

  private startsExpression(): boolean {
    const t = this.peek();
    if (t.kind === 'name' || t.kind === 'number' || t.kind === 'string' || t.kind === 'fstring') return true;
    if (t.kind === 'keyword') return ['not', 'None', 'True', 'False', 'lambda', 'await'].includes(t.text);
    return t.kind === 'op' && ['(', '[', '{', '-', '+', '~', '*', '...'].includes(t.text);
  }

  private starOrTest(): Expr {
    if (this.isOp('*')) {
      const star = this.next();
      const value = this.orExpr();
      return { kind: 'Starred', value, range: this.span(star.range, this.outer(value)) };
    }
    return this.test();
  }

  /** A full expression: a ternary or anything tighter. */
  private test(): Expr {
    const start = this.peek();
    if (this.isKeyword('lambda')) this.fail(start, 'lambda expressions are not supported in TorchScript');
    this.enter(start);
    const body = this.orExpr();
    let result = body;
    if (this.isKeyword('if')) {
      this.next();
      const cond = this.orExpr();
      if (!this.isKeyword('else'))
        this.fail(this.peek(), `expected 'else' in conditional expression but found ${describe(this.peek())}`);
      this.next();
      const orelse = this.test();
      result = { kind: 'IfExp', test: cond, body, orelse, range: this.span(this.outer(body), this.outer(orelse)) };
    }
    this.depth--;
    return result;
  }

  private orExpr(): Expr {
    return this.boolOp('or', () => this.andExpr());
  }

  private andExpr(): Expr {
    return this.boolOp('and', () => this.notExpr());
  }

  private boolOp(op: 'and' | 'or', operand: () => Expr): Expr {
    const first = operand();
    if (!this.isKeyword(op)) return first;
    const values = [first];
    while (this.isKeyword(op)) {
      this.next();
      values.push(operand());
    }
    return {
      kind: 'BoolOp',
      op,
      values,
      range: this.span(this.outer(first), this.outer(values[values.length - 1] as Expr)),
    };
  }

  private notExpr(): Expr {
    if (!this.isKeyword('not')) return this.comparison();
    const not = this.next();
    this.enter(not);
    const operand = this.notExpr();
    this.depth--;
    return { kind: 'UnaryOp', op: 'not', operand, range: this.span(not.range, this.outer(operand)) };
  }

  private compareOp(): CompareOperator | null {
    const t = this.peek();
    if (t.kind === 'op' && COMPARE_OPS.has(t.text)) {
      this.next();
      return t.text as CompareOperator;
    }
    if (this.isKeyword('in')) {
      this.next();
      return 'in';
    }
    if (this.isKeyword('not') && this.isKeyword('in', 1)) {
      this.i += 2;
      return 'not in';
    }
    if (this.isKeyword('is')) {
      this.next();
      if (this.isKeyword('not')) {
        this.next();
        return 'is not';
      }
      return 'is';
    }
    return null;
  }

  private comparison(): Expr {
    const left = this.binary(0);
    const ops: CompareOperator[] = [];
    const comparators: Expr[] = [];
    for (let op = this.compareOp(); op !== null; op = this.compareOp()) {
      ops.push(op);
      comparators.push(this.binary(0));
    }
    if (ops.length === 0) return left;
    return {
      kind: 'Compare',
      left,
      ops,
      comparators,
      range: this.span(this.outer(left), this.outer(comparators[comparators.length - 1] as Expr)),
    };
  }

  private binary(level: number): Expr {
    if (level === BINARY_LEVELS.length) return this.factor();
    const ops = BINARY_LEVELS[level] as readonly string[];
    let left = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || !ops.includes(t.text)) return left;
      this.next();
      const right = this.binary(level + 1);
      left = {
        kind: 'BinOp',
        op: t.text as BinaryOperator,
        left,
        right,
        range: this.span(this.outer(left), this.outer(right)),
      };
    }
  }

  private factor(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '-' || t.text === '+' || t.text === '~')) {
      this.next();
      this.enter(t);
      const operand = this.factor();
      this.depth--;
      return {
        kind: 'UnaryOp',
        op: t.text as '-' | '+' | '~',
        operand,
        range: this.span(t.range, this.outer(operand)),
      };
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.primary();
    if (!this.isOp('**')) return base;
    const op = this.next();
    // Right-associative, and binds tighter than a unary minus on its left but not on its right.
    this.enter(op);
    const exponent = this.factor();
    this.depth--;
    return {
      kind: 'BinOp',
      op: '**',
      left: base,
      right: exponent,
      range: this.span(this.outer(base), this.outer(exponent)),
    };
  }

  private primary(): Expr {
    let expr = this.atom();
    for (;;) {
      if (this.isOp('.')) {
        this.next();
        const name = this.peek();
        if (name.kind !== 'name') this.fail(name, `expected an attribute name after '.' but found ${describe(name)}`);
        this.next();
        expr = { kind: 'Attribute', value: expr, attr: name.text, range: this.span(this.outer(expr), name.range) };
      } else if (this.isOp('(')) {
        const open = this.next();
        this.enter(open);
        const { args, keywords } = this.callArguments(open);
        this.depth--;
        const close = this.expectOp(')', 'to close the call');
        expr = { kind: 'Call', func: expr, args, keywords, range: this.span(this.outer(expr), close.range) };
      } else if (this.isOp('[')) {
        const open = this.next();
        this.enter(open);
        const slice = this.subscript();
        this.depth--;
        const close = this.expectOp(']', 'to close the subscript');
        expr = { kind: 'Subscript', value: expr, slice, range: this.span(this.outer(expr), close.range) };
      } else return expr;
    }
  }

  /**
   * Arguments up to (not including) the ')' that `open` opened. A generator expression as the sole
   * argument borrows the call's parentheses, so Python's ast gives it their range.
   */
  private callArguments(open: Token): { args: Expr[]; keywords: Keyword[] } {
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    while (!this.isOp(')')) {
      const t = this.peek();
      if (this.isOp('**')) {
        this.next();
        const value = this.test();
        keywords.push({ name: null, value, range: this.span(t.range, this.outer(value)) });
      } else if (t.kind === 'name' && this.isOp('=', 1)) {
        this.i += 2;
        const value = this.test();
        if (keywords.some((k) => k.name === t.text)) this.fail(t, `keyword argument repeated: ${t.text}`);
        keywords.push({ name: t.text, value, range: this.span(t.range, this.outer(value)) });
      } else {
        if (keywords.length > 0 && !this.isOp('*')) {
          this.fail(t, 'positional argument follows keyword argument');
        }
        const arg = this.starOrTest();
        if (this.isKeyword('for')) {
          const gen = this.comprehension('GeneratorExp', arg, t.range);
          // Only a sole argument may be an unparenthesized generator, as in Python.
          if (args.length > 0 || keywords.length > 0 || this.isOp(',')) {
            this.fail(t, 'generator expression must be parenthesized');
          }
          if (this.isOp(')')) {
            args.push({ ...gen, range: this.span(open.range, this.peek().range) });
          } else args.push(gen);
        } else args.push(arg);
      }
      if (!this.isOp(',')) break;
      this.next();
    }
    return { args, keywords };
  }

  /** The inside of `x[...]`: slices, and tuples of them. */
  private subscript(): Expr {
    const first = this.sliceItem();
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.isOp(',')) {
      this.next();
      if (this.isOp(']')) break;
      elts.push(this.sliceItem());
    }
    return { kind: 'Tuple', elts, range: this.span(this.outer(first), this.previous().range) };
  }

  private sliceItem(): Expr {
    const start = this.peek();
    const lower = this.isOp(':') ? null : this.starOrTest();
    if (!this.isOp(':')) {
      if (lower === null) this.fail(start, `expected a subscript but found ${describe(start)}`);
      return lower;
    }
    let last = this.next();
    const bound = () => (this.isOp(':') || this.isOp(',') || this.isOp(']') ? null : this.test());
    const upper = bound();
    let step: Expr | null = null;
    if (this.isOp(':')) {
      last = this.next();
      step = bound();
    }
    const endRange = step ? this.outer(step) : upper ? this.outer(upper) : last.range;
    return { kind: 'Slice', lower, upper, step, range: this.span(lower ? this.outer(lower) : start.range, endRange) };
  }

  private comprehension(kind: 'ListComp' | 'SetComp' | 'GeneratorExp', elt: Expr, start: Range): Expr {
    const generators = this.generators();
    const last = generators[generators.length - 1] as Comprehension;
    const end = this.outer(last.ifs[last.ifs.length - 1] ?? last.iter);
    return { kind, elt, generators, range: this.span(start, end) };
  }

  private generators(): Comprehension[] {
    const generators: Comprehension[] = [];
    while (this.isKeyword('for')) {
      this.next();
      const target = this.targetList();
      if (!this.isKeyword('in'))
        this.fail(this.peek(), `expected 'in' in comprehension but found ${describe(this.peek())}`);
      this.next();
      const iter = this.orExpr();
      const ifs: Expr[] = [];
      while (this.isKeyword('if')) {
        this.next();
        ifs.push(this.orExpr());
      }
      generators.push({ target, iter, ifs });
    }
    return generators;
  }

  /** A comprehension's loop target: `x`, `a, b`, `(a, b)`. */
  private targetList(): Expr {
    const first = this.binary(0);
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.isOp(',')) {
      this.next();
      if (this.isKeyword('in')) break;
      elts.push(this.binary(0));
    }
    return { kind: 'Tuple', elts, range: this.span(this.outer(first), this.previous().range) };
  }

  private atom(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'name':
        this.next();
        return { kind: 'Name', id: t.text, range: t.range };
      case 'number':
        this.next();
        return { kind: 'Number', text: t.text, numberKind: t.numberKind ?? 'int', range: t.range };
      case 'string':
      case 'fstring':
        return this.strings();
      case 'keyword':
        if (t.text === 'None' || t.text === 'True' || t.text === 'False') {
          this.next();
          return { kind: 'Constant', value: t.text === 'None' ? null : t.text === 'True', range: t.range };
        }
        break;
      case 'op':
        if (t.text === '...') {
          this.next();
          return { kind: 'Constant', value: 'Ellipsis', range: t.range };
        }
        if (t.text === '(' || t.text === '[' || t.text === '{') {
          this.enter(t);
          const result = t.text === '(' ? this.parenthesizedExpr() : t.text === '[' ? this.list() : this.braces();
          this.depth--;
          return result;
        }
        break;
    }
    return this.fail(t, `expected an expression but found ${describe(t)}`);
  }

  /** Adjacent string literals concatenate; any f-string among them makes the whole an f-string. */
  private strings(): Expr {
    const first = this.peek();
    let last = first;
    const pieces: Token[] = [];
    while (this.peek().kind === 'string' || this.peek().kind === 'fstring') {
      last = this.next();
      pieces.push(last);
    }
    const range = this.span(first.range, last.range);
    if (pieces.every((p) => p.kind === 'string')) {
      return { kind: 'Str', value: pieces.map((p) => p.value ?? '').join(''), range };
    }
    const parts: FStringPart[] = [];
    for (const p of pieces) {
      const own: FStringPart[] = p.kind === 'fstring' ? (p.parts ?? []) : [{ kind: 'text', value: p.value ?? '' }];
      for (const part of own) {
        const prev = parts[parts.length - 1];
        if (part.kind === 'text' && prev?.kind === 'text')
          parts[parts.length - 1] = { kind: 'text', value: prev.value + part.value };
        else if (part.kind !== 'text' || part.value !== '') parts.push(part);
      }
    }
    return { kind: 'FString', parts, range };
  }

  private parenthesizedExpr(): Expr {
    const open = this.next();
    if (this.isOp(')')) {
      const close = this.next();
      return { kind: 'Tuple', elts: [], range: this.span(open.range, close.range) };
    }
    const first = this.starOrTest();
    if (this.isKeyword('for')) {
      const gen = this.comprehension('GeneratorExp', first, open.range);
      const close = this.expectOp(')', 'to close the generator expression');
      return { ...gen, range: this.span(open.range, close.range) };
    }
    if (!this.isOp(',')) {
      const close = this.expectOp(')', 'to close the parenthesis');
      this.parenthesized.set(first, this.span(open.range, close.range));
      return first;
    }
    const elts = [first];
    while (this.isOp(',')) {
      this.next();
      if (this.isOp(')')) break;
      elts.push(this.starOrTest());
    }
    const close = this.expectOp(')', 'to close the tuple');
    return { kind: 'Tuple', elts, range: this.span(open.range, close.range) };
  }

  private list(): Expr {
    const open = this.next();
    const elts: Expr[] = [];
    if (!this.isOp(']')) {
      const first = this.starOrTest();
      if (this.isKeyword('for')) {
        const comp = this.comprehension('ListComp', first, open.range);
        const close = this.expectOp(']', 'to close the list comprehension');
        return { ...comp, range: this.span(open.range, close.range) };
      }
      elts.push(first);
      while (this.isOp(',')) {
        this.next();
        if (this.isOp(']')) break;
        elts.push(this.starOrTest());
      }
    }
    const close = this.expectOp(']', 'to close the list');
    return { kind: 'List', elts, range: this.span(open.range, close.range) };
  }

  private braces(): Expr {
    const open = this.next();
    if (this.isOp('}')) {
      const close = this.next();
      return { kind: 'Dict', keys: [], values: [], range: this.span(open.range, close.range) };
    }
    const first = this.starOrTest();
    if (this.isOp(':')) {
      this.next();
      const value = this.test();
      if (this.isKeyword('for')) {
        const generators = this.generators();
        const close = this.expectOp('}', 'to close the dict comprehension');
        return { kind: 'DictComp', key: first, value, generators, range: this.span(open.range, close.range) };
      }
      const keys = [first];
      const values = [value];
      while (this.isOp(',')) {
        this.next();
        if (this.isOp('}')) break;
        keys.push(this.test());
        this.expectOp(':', 'between a dict key and its value');
        values.push(this.test());
      }
      const close = this.expectOp('}', 'to close the dict');
      return { kind: 'Dict', keys, values, range: this.span(open.range, close.range) };
    }
    if (this.isKeyword('for')) {
      const comp = this.comprehension('SetComp', first, open.range);
      const close = this.expectOp('}', 'to close the set comprehension');
      return { ...comp, range: this.span(open.range, close.range) };
    }
    const elts = [first];
    while (this.isOp(',')) {
      this.next();
      if (this.isOp('}')) break;
      elts.push(this.starOrTest());
    }
    const close = this.expectOp('}', 'to close the set');
    return { kind: 'Set', elts, range: this.span(open.range, close.range) };
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'end of input';
    case 'newline':
      return 'end of line';
    case 'indent':
      return 'an indent';
    case 'dedent':
      return 'a dedent';
    case 'string':
    case 'fstring':
      return 'a string';
    case 'number':
      return `number ${t.text}`;
    default:
      return `'${t.text}'`;
  }
}

/** How Python's messages name an expression that cannot be a target. */
function exprDescription(e: Expr): string {
  switch (e.kind) {
    case 'Call':
      return 'function call';
    case 'Number':
    case 'Str':
      return 'literal';
    case 'Constant':
      return e.value === 'Ellipsis' ? 'ellipsis' : String(e.value === null ? 'None' : e.value ? 'True' : 'False');
    case 'FString':
      return 'f-string expression';
    case 'Compare':
      return 'comparison';
    case 'IfExp':
      return 'conditional expression';
    case 'Dict':
      return 'dict literal';
    case 'Set':
      return 'set display';
    case 'ListComp':
      return 'list comprehension';
    case 'SetComp':
      return 'set comprehension';
    case 'DictComp':
      return 'dict comprehension';
    case 'GeneratorExp':
      return 'generator expression';
    case 'Tuple':
      return 'tuple';
    case 'List':
      return 'list';
    case 'Starred':
      return 'starred';
    default:
      return 'expression';
  }
}
