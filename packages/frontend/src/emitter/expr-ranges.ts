import type { Arg, Expr, Range } from '../ast.js';

// The ranges the emitter gives to expressions it did not read from the file where they stand
// (type comments, f-string fields) and to the parts of a node (a parameter's name, an operator).

export function nameRange(arg: Arg): Range {
  return { start: arg.range.start, end: arg.range.start + arg.name.length, line: arg.range.line, col: arg.range.col };
}

/** `range` starting where `expr` starts (PyTorch's ranges of operators start at their first operand, inside parentheses). */
export function fromStartOf(expr: Expr, range: Range): Range {
  const start = pytorchStart(expr);
  return { start: start.start, end: range.end, line: start.line, col: start.col };
}

/**
 * Where PyTorch's parser starts `expr`. Parentheses make no node there, and an operator or a
 * comprehension starts where its first operand does, so `((a ^ b) << 2)` starts at `a`, where
 * this parser (as Python's ast) starts it at the inner `(`.
 */
function pytorchStart(expr: Expr): Range {
  // A loop, not recursion: a flat chain `a * b * ... * z` is a left-deep tree thousands deep.
  let e = expr;
  for (;;) {
    if (e.kind === 'BinOp' || e.kind === 'Compare') e = e.left;
    else if (e.kind === 'BoolOp' && e.values[0]) e = e.values[0];
    else if (e.kind === 'ListComp') e = e.elt;
    else if (e.kind === 'DictComp') e = e.key;
    else return e.range;
  }
}

/** Gives every node of an expression parsed from a comment the range of the comment's owner. */
export function relocate(expr: Expr, range: Range): Expr {
  return mapRanges(expr, () => range);
}

/** Moves the ranges of an expression parsed from an f-string field to where the field is in the file. */
export function shiftExpr(expr: Expr, offset: number, source: string): Expr {
  return mapRanges(expr, (r) => {
    const start = r.start + offset;
    const lineStart = source.lastIndexOf('\n', start - 1) + 1;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (source.charCodeAt(i) === 10) line++;
    return { start, end: r.end + offset, line, col: start - lineStart + 1 };
  });
}

export function mapRanges(expr: Expr, f: (r: Range) => Range): Expr {
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = k === 'range' ? f(v as Range) : visit(v);
      return out;
    }
    return value;
  };
  return visit(expr) as Expr;
}
