import { JitError } from '@tsjit/ir';

/**
 * TorchScript source the frontend rejects. The message names file:line:col and quotes the
 * offending line with a caret under the problem, so that the error points at the user's code.
 */
export class FrontendError extends JitError {
  static override readonly marker: symbol = Symbol.for('tsjit.FrontendError');

  /** What is wrong, without the location and the quoted line. */
  readonly reason: string;
  readonly file: string;
  /** 0-based offset of the problem in the source. */
  readonly offset: number;
  /** 1-based line of the problem. */
  readonly line: number;
  /** 1-based column of the problem in its line. */
  readonly column: number;

  constructor(source: string, file: string, offset: number, reason: string) {
    const at = Math.max(0, Math.min(offset, source.length));
    const lineStart = source.lastIndexOf('\n', at - 1) + 1;
    let lineEnd = source.indexOf('\n', at);
    if (lineEnd < 0) lineEnd = source.length;
    if (lineEnd > lineStart && source.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (source.charCodeAt(i) === 10) line++;
    const column = at - lineStart + 1;
    // Very long lines (fuzzed input) are quoted around the problem only; tabs become one space so
    // that the caret lines up whatever the terminal's tab width.
    const from = Math.max(lineStart, at - 80);
    const to = Math.min(lineEnd, at + 80);
    const quoted = source.slice(from, to).replace(/\t/g, ' ');
    super(
      'ERR_TSJIT_FRONTEND',
      `${reason}\n  at ${file}:${line}:${column}\n    ${quoted}\n    ${' '.repeat(Math.max(0, at - from))}^`,
    );
    this.reason = reason;
    this.file = file;
    this.offset = at;
    this.line = line;
    this.column = column;
  }
}
