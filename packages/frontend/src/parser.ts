import type { BinaryOperator, CompareOperator, Comprehension, Expr, Keyword, Range } from './ast.js';
import { FrontendError } from './errors/frontend-error.js';
import { type FStringPart, lexer, type Token } from './lexer.js';

/**
 * CPython refuses more than 200 nested parentheses; nesting of any kind (brackets, unary
 * operators, `**`, ternaries) is bounded the same way here, so that deep input gives a
 * FrontendError instead of exhausting the stack.
 */
const MAX_NESTING = 200;

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
 * Parses TorchScript source into an AST. For now the expression grammar (Python's, with its
 * precedence); statements come next. Throws FrontendError.
 */
export class Parser {
  private i = 0;
  private depth = 0;
  private readonly tokens: Token[];

  constructor(
    private readonly source: string,
    private readonly file = '<string>',
  ) {
    this.tokens = lexer(source, file);
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

  private span(start: Range, end: Range): Range {
    return { start: start.start, end: end.end, line: start.line, col: start.col };
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
    return { kind: 'Tuple', elts, range: this.span(first.range, (elts[elts.length - 1] as Expr).range) };
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
      return { kind: 'Starred', value, range: this.span(star.range, value.range) };
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
      result = { kind: 'IfExp', test: cond, body, orelse, range: this.span(body.range, orelse.range) };
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
    return { kind: 'BoolOp', op, values, range: this.span(first.range, (values[values.length - 1] as Expr).range) };
  }

  private notExpr(): Expr {
    if (!this.isKeyword('not')) return this.comparison();
    const not = this.next();
    this.enter(not);
    const operand = this.notExpr();
    this.depth--;
    return { kind: 'UnaryOp', op: 'not', operand, range: this.span(not.range, operand.range) };
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
      range: this.span(left.range, (comparators[comparators.length - 1] as Expr).range),
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
      left = { kind: 'BinOp', op: t.text as BinaryOperator, left, right, range: this.span(left.range, right.range) };
    }
  }

  private factor(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '-' || t.text === '+' || t.text === '~')) {
      this.next();
      this.enter(t);
      const operand = this.factor();
      this.depth--;
      return { kind: 'UnaryOp', op: t.text as '-' | '+' | '~', operand, range: this.span(t.range, operand.range) };
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
    return { kind: 'BinOp', op: '**', left: base, right: exponent, range: this.span(base.range, exponent.range) };
  }

  private primary(): Expr {
    let expr = this.atom();
    for (;;) {
      if (this.isOp('.')) {
        this.next();
        const name = this.peek();
        if (name.kind !== 'name') this.fail(name, `expected an attribute name after '.' but found ${describe(name)}`);
        this.next();
        expr = { kind: 'Attribute', value: expr, attr: name.text, range: this.span(expr.range, name.range) };
      } else if (this.isOp('(')) {
        const open = this.next();
        this.enter(open);
        const { args, keywords } = this.callArguments();
        this.depth--;
        const close = this.expectOp(')', 'to close the call');
        expr = { kind: 'Call', func: expr, args, keywords, range: this.span(expr.range, close.range) };
      } else if (this.isOp('[')) {
        const open = this.next();
        this.enter(open);
        const slice = this.subscript();
        this.depth--;
        const close = this.expectOp(']', 'to close the subscript');
        expr = { kind: 'Subscript', value: expr, slice, range: this.span(expr.range, close.range) };
      } else return expr;
    }
  }

  private callArguments(): { args: Expr[]; keywords: Keyword[] } {
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    while (!this.isOp(')')) {
      const t = this.peek();
      if (this.isOp('**')) {
        this.next();
        const value = this.test();
        keywords.push({ name: null, value, range: this.span(t.range, value.range) });
      } else if (t.kind === 'name' && this.isOp('=', 1)) {
        this.i += 2;
        const value = this.test();
        if (keywords.some((k) => k.name === t.text)) this.fail(t, `keyword argument repeated: ${t.text}`);
        keywords.push({ name: t.text, value, range: this.span(t.range, value.range) });
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
          args.push(gen);
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
    return { kind: 'Tuple', elts, range: this.span(first.range, (elts[elts.length - 1] as Expr).range) };
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
    const endRange = step?.range ?? upper?.range ?? last.range;
    return { kind: 'Slice', lower, upper, step, range: this.span(lower?.range ?? start.range, endRange) };
  }

  private comprehension(kind: 'ListComp' | 'SetComp' | 'GeneratorExp', elt: Expr, start: Range): Expr {
    const generators = this.generators();
    const last = generators[generators.length - 1] as Comprehension;
    const end = last.ifs[last.ifs.length - 1]?.range ?? last.iter.range;
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
    return { kind: 'Tuple', elts, range: this.span(first.range, (elts[elts.length - 1] as Expr).range) };
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
          const result = t.text === '(' ? this.parenthesized() : t.text === '[' ? this.list() : this.braces();
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

  private parenthesized(): Expr {
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
      this.expectOp(')', 'to close the parenthesis');
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
