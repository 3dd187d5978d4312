import { native } from './binding.js';
import { KernelError } from './kernel-error.js';
import { argumentError } from './strided.js';

/** The kernel implementations that can run: the scalar reference and the ISA variants. */
export type KernelPath = 'reference' | 'portable' | 'avx2' | 'avx512';

const paths: readonly KernelPath[] = ['reference', 'portable', 'avx2', 'avx512'];

/** Sets the number of threads intra-op parallel kernels use on this JS thread (default: cores). */
export function setNumThreads(n: number): void {
  if (!Number.isSafeInteger(n) || n < 1 || n > 1024)
    throw argumentError('setNumThreads', `expected an integer in [1, 1024], got ${n}`);
  native.setNumThreads(n);
}

export function getNumThreads(): number {
  return native.getNumThreads();
}

/** The best ISA variant this CPU supports. */
export function detectedKernelPath(): KernelPath {
  return paths[native.detectedIsa()];
}

/** The kernel paths this CPU can run, slowest first. */
export function availableKernelPaths(): KernelPath[] {
  return paths.slice(0, native.detectedIsa() + 1);
}

export function getKernelPath(): KernelPath {
  return paths[native.getKernelPath()];
}

/**
 * Selects the kernels used on this JS thread: 'reference' runs the naive scalar code every fast
 * path is tested against; an ISA variant must be supported by the CPU.
 */
export function setKernelPath(path: KernelPath): void {
  const code = paths.indexOf(path);
  if (code < 0 || code > native.detectedIsa()) {
    throw argumentError(
      'setKernelPath',
      `kernel path '${path}' is not available on this CPU (available: ${availableKernelPaths().join(', ')})`,
    );
  }
  native.setKernelPath(code);
}

/**
 * A file's bytes without reading them: a private copy-on-write memory mapping (mmap MAP_PRIVATE)
 * of the whole file, unmapped when the buffer is collected. Pages are read from the OS page cache
 * when first touched and shared with every other process mapping the file; writes into the buffer
 * stay private. Undefined where the platform has no mmap (read the file instead).
 *
 * The file must not be truncated or rewritten in place while the buffer is alive: pages not yet
 * copied then show the new contents, and touching a page past a truncated end raises SIGBUS,
 * which ends the process (replace files by renaming a new one over them, as deployments usually
 * do). Errors (not a regular file, cannot open or map) are KernelErrors 'ERR_TSJIT_MAP_FILE'.
 */
export function mapFile(path: string): Uint8Array | undefined {
  let buffer: ArrayBuffer | undefined;
  try {
    buffer = native.mapFile(path);
  } catch (error) {
    throw new KernelError('ERR_TSJIT_MAP_FILE', (error as Error).message, { cause: error });
  }
  return buffer === undefined ? undefined : new Uint8Array(buffer);
}

/**
 * Makes the process's malloc (glibc) keep and reuse freed blocks up to `bytes` (default 64 MiB)
 * instead of mapping fresh pages for each: tensor storages are freed only when V8 collects them,
 * and without reuse every large op output pays for page faults. @tsjit/tensor calls it once unless
 * the environment sets TSJIT_MALLOC_TUNING=0. Returns false where malloc is not glibc's.
 */
export function keepFreedMemory(bytes = 64 * 1024 * 1024): boolean {
  if (!Number.isInteger(bytes) || bytes < 0 || bytes > 2 ** 30) {
    throw argumentError('keepFreedMemory', `expected an integer in [0, 2^30], got ${bytes}`);
  }
  return native.keepFreedMemory(bytes);
}
