import { fileURLToPath } from 'node:url';

/** A place in the user's code: the file, the line and the column (1-based) of a call. */
export interface UserFrame {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

// tsjit's own code: its packages' sources and builds (in the repository or installed). A test
// file is user code wherever it sits.
const INTERNAL = /[/\\](?:packages|@tsjit|node_modules[/\\]tsjit)[/\\][^/\\]+[/\\](?:src|dist)[/\\]/;
const FRAME = /\(?((?:file:\/\/|node:|\/|[A-Za-z]:\\)[^()]*?):(\d+):(\d+)\)?$/;

/**
 * The first frame of the current stack outside tsjit's own packages and Node's internals: where
 * the user's code called into tsjit (what PyTorch's TracerWarnings point at).
 */
export function userFrame(): UserFrame | undefined {
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = 64;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = saved;
  for (const line of stack.split('\n').slice(1)) {
    const m = FRAME.exec(line.trim());
    if (m === null) continue;
    let file = m[1];
    if (file.startsWith('node:')) continue;
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (INTERNAL.test(file) && !/\.test\.[cm]?[jt]s$/.test(file)) continue;
    if (/[/\\]node_modules[/\\]/.test(file)) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}
