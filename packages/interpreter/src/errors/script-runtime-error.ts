import { JitError } from '@tsjit/ir';

/** One frame of a TorchScript traceback: the function and where in its source the failing call is. */
export interface TracebackFrame {
  /** The function or method (`forward`, `inner`, `__torch__.M.forward` is shown as `forward`). */
  readonly function: string;
  readonly file: string;
  /** 1-based line, 0-based column (as PyTorch's source ranges). */
  readonly line: number;
  readonly col: number;
  /** The source text around the line with the `<--- HERE` marker, when the source is known. */
  readonly excerpt: string | undefined;
}

/**
 * An error raised while a TorchScript program ran, with the traceback of TorchScript calls, as
 * PyTorch words it:
 *
 *     The following operation failed in the TorchScript interpreter.
 *     Traceback of TorchScript (most recent call last):
 *       File "<string>", line 7, in outer
 *     ...
 *     RuntimeError: list index out of range
 *
 * `pythonType` is the exception's type as the last line names it (`RuntimeError`, or the class a
 * `raise` named: `builtins.ValueError`); `reason` is the message after it; `cause` the original
 * error (an OpError, a ScriptException, a KernelError).
 */
export class ScriptRuntimeError extends JitError {
  static override readonly marker: symbol = Symbol.for('tsjit.ScriptRuntimeError');

  readonly pythonType: string;
  readonly reason: string;
  /** Outermost call first (most recent call last). */
  readonly frames: readonly TracebackFrame[];

  constructor(pythonType: string, reason: string, frames: readonly TracebackFrame[], cause?: unknown) {
    super('ERR_TSJIT_RUNTIME', formatMessage(pythonType, reason, frames), { cause });
    this.pythonType = pythonType;
    this.reason = reason;
    this.frames = frames;
  }
}

function formatMessage(pythonType: string, reason: string, frames: readonly TracebackFrame[]): string {
  let text = 'The following operation failed in the TorchScript interpreter.\n';
  text += 'Traceback of TorchScript (most recent call last):\n';
  for (const f of frames) {
    text += `  File "${f.file}", line ${f.line}, in ${f.function}\n`;
    if (f.excerpt) text += f.excerpt;
  }
  return `${text}${pythonType}: ${reason}\n`;
}

/**
 * PyTorch's highlight of a source position: two lines before, the line, a `~` underline of the
 * token at the position with ` <--- HERE`, two lines after.
 */
export function highlightSource(source: string, line: number, col: number): string {
  const lines = source.split('\n');
  const index = line - 1;
  if (index < 0 || index >= lines.length) return '';
  let out = '';
  for (let i = Math.max(0, index - 2); i < index; i++) out += `${lines[i]}\n`;
  const text = lines[index];
  out += `${text}\n`;
  const rest = text.slice(col);
  const token = /^[A-Za-z0-9_.]+/.exec(rest)?.[0] ?? rest.trimEnd();
  out += `${' '.repeat(col)}${'~'.repeat(Math.max(1, token.length))} <--- HERE\n`;
  for (let i = index + 1; i < Math.min(lines.length, index + 3); i++) out += `${lines[i]}\n`;
  return out;
}
