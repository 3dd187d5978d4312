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

interface Frame extends UserFrame {
  readonly internal: boolean;
}

/** The frames of the current stack (Node's internals left out), innermost first. */
function frames(): Frame[] {
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = 64;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = saved;
  const out: Frame[] = [];
  for (const line of stack.split('\n').slice(1)) {
    const m = FRAME.exec(line.trim());
    if (m === null) continue;
    let file = m[1];
    if (file.startsWith('node:')) continue;
    if (file.startsWith('file://')) file = fileURLToPath(file);
    const internal = (INTERNAL.test(file) && !/\.test\.[cm]?[jt]s$/.test(file)) || /[/\\]node_modules[/\\]/.test(file);
    out.push({ file, line: Number(m[2]), column: Number(m[3]), internal });
  }
  return out;
}

/**
 * The first frame of the current stack outside tsjit's own packages and Node's internals: where
 * the user's code called into tsjit (what PyTorch's TracerWarnings point at).
 */
export function userFrame(): UserFrame | undefined {
  const frame = frames().find((f) => !f.internal);
  return frame && { file: frame.file, line: frame.line, column: frame.column };
}

// @tsjit/tensor's own files: where the data-read hook is called from.
const TENSOR_PACKAGE = /[/\\](?:packages[/\\]tensor|@tsjit[/\\]tensor)[/\\](?:src|dist)[/\\]/;

/**
 * Whether the code that read tensor data (the first frame outside @tsjit/tensor) is tsjit's own
 * library code, an nn layer's shape check say: PyTorch ignores the TracerWarnings of its own
 * library modules (`TracerWarning.ignore_lib_warnings`), and so do we.
 */
export function readByLibrary(): boolean {
  // The tracer's own frames are skipped too: its sources under src/trace/, or the jit build (one
  // bundle, dist/index.js, where no trace/ folder is left to recognize them by).
  const reader = frames().find(
    (f) => !TENSOR_PACKAGE.test(f.file) && !/[/\\]jit[/\\](?:src[/\\]trace[/\\]|dist[/\\])/.test(f.file),
  );
  return reader?.internal ?? false;
}
