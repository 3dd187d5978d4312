/**
 * The error every kernel call throws for a bad argument or a data-dependent failure. It carries a
 * stable `code` and an `isInstance` marker so that it can be recognised across copies of this
 * package (and across worker threads, where `instanceof` does not hold).
 */
export type KernelErrorCode =
  | 'ERR_TSJIT_KERNEL_ARGUMENT'
  | 'ERR_TSJIT_ZERO_DIVISION'
  | 'ERR_TSJIT_INDEX_OUT_OF_RANGE'
  | 'ERR_TSJIT_OUT_OF_MEMORY'
  | 'ERR_TSJIT_ADDON_LOAD'
  | 'ERR_TSJIT_MAP_FILE';

const marker = Symbol.for('tsjit.KernelError');

export class KernelError extends Error {
  readonly code: KernelErrorCode;
  readonly [marker] = true;

  constructor(code: KernelErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KernelError';
    this.code = code;
  }

  static isInstance(value: unknown): value is KernelError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}

/** Re-throws an error raised inside the addon as a KernelError with this call site's stack. */
export function rethrowNative(error: unknown, op: string): never {
  const e = error as { code?: string; message?: string };
  const known: KernelErrorCode[] = [
    'ERR_TSJIT_ZERO_DIVISION',
    'ERR_TSJIT_INDEX_OUT_OF_RANGE',
    'ERR_TSJIT_OUT_OF_MEMORY',
  ];
  const code = known.includes(e?.code as KernelErrorCode) ? (e.code as KernelErrorCode) : 'ERR_TSJIT_KERNEL_ARGUMENT';
  throw new KernelError(code, `${op}: ${e?.message ?? String(error)}`, { cause: error });
}
