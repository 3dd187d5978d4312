import { JitError } from './jit-error.js';

/**
 * A FunctionSchema string is malformed. It carries the text, the offset of the problem, and a
 * message that quotes the offending line with a caret under the problem.
 */
export class SchemaParseError extends JitError {
  static override readonly marker: symbol = Symbol.for('tsjit.SchemaParseError');

  /** The schema text that failed to parse. */
  readonly text: string;
  /** What is wrong, without the quoted text. */
  readonly reason: string;
  /** 0-based offset of the problem in `text`. */
  readonly offset: number;
  /** 1-based line of the problem. */
  readonly line: number;
  /** 1-based column of the problem in its line. */
  readonly column: number;

  constructor(text: string, offset: number, reason: string) {
    const at = Math.max(0, Math.min(offset, text.length));
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    let lineEnd = text.indexOf('\n', at);
    if (lineEnd < 0) lineEnd = text.length;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (text.charCodeAt(i) === 10) line++;
    const column = at - lineStart + 1;
    const where = line > 1 ? `line ${line}, column ${column}` : `column ${column}`;
    const quoted = text.slice(lineStart, lineEnd);
    super('ERR_TSJIT_SCHEMA_PARSE', `${reason} (at ${where}):\n    ${quoted}\n    ${' '.repeat(column - 1)}^`);
    this.text = text;
    this.reason = reason;
    this.offset = at;
    this.line = line;
    this.column = column;
  }
}
