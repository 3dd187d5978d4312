import { JitError } from './jit-error.js';

/**
 * Text in PyTorch's IR format (`graph(%x : Tensor): ...`) is malformed. It carries the text, the
 * offset of the problem, and a message that names the line and column and quotes the offending
 * line with a caret under the problem.
 */
export class IRParseError extends JitError {
  static override readonly marker: symbol = Symbol.for('tsjit.IRParseError');

  /** The IR text that failed to parse. */
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
    // Very long lines (fuzzed input) are quoted around the problem only.
    const from = Math.max(lineStart, at - 80);
    const to = Math.min(lineEnd, at + 80);
    const quoted = text.slice(from, to);
    super(
      'ERR_TSJIT_IR_PARSE',
      `${reason} (at line ${line}, column ${column}):\n    ${quoted}\n    ${' '.repeat(at - from)}^`,
    );
    this.text = text;
    this.reason = reason;
    this.offset = at;
    this.line = line;
    this.column = column;
  }
}
