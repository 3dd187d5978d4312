/**
 * The whole native surface of the addon, typed, and its loader. Nothing else in tsjit touches the
 * addon: the family modules (copy.ts, elementwise.ts, ...) validate every argument and then call
 * these raw functions.
 *
 * Calling convention: a tensor is a Uint8Array view of its storage plus its part of a Float64Array
 * meta record written by `writeMeta` (see meta.ts):
 *   [ndim, size_0 .. size_{ndim-1}, then per operand: dtype code, offset, stride_0 .. stride_{ndim-1}]
 * Offsets and strides are in elements. Scalars follow as plain numbers.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KernelError } from './kernel-error.js';

export interface NativeBinding {
  // runtime
  setNumThreads(n: number): void;
  getNumThreads(): number;
  /** 0 reference, 1 portable, 2 avx2, 3 avx512 */
  setKernelPath(code: number): void;
  getKernelPath(): number;
  detectedIsa(): number;

  // copy.cc
  copy(out: Uint8Array, x: Uint8Array, meta: Float64Array): void;
  fill(out: Uint8Array, meta: Float64Array, value: number): void;

  // unary.cc (op: index in UNARY_OPS; a, b, c: the op's parameters)
  unary(op: number, out: Uint8Array, x: Uint8Array, meta: Float64Array, a: number, b: number, c: number): void;

  // binary.cc (op: index in the BINARY_TABLE of binary.ts)
  binary(op: number, out: Uint8Array, a: Uint8Array, b: Uint8Array, meta: Float64Array, alpha: number): void;

  // ternary.cc (op: 0 where, 1 clamp, 2 lerp, 3 addcmul, 4 addcdiv; mode: which optional inputs are tensors)
  ternary(
    op: number,
    out: Uint8Array,
    a: Uint8Array,
    b: Uint8Array,
    c: Uint8Array,
    meta: Float64Array,
    s0: number,
    s1: number,
    mode: number,
  ): void;
}

function packageRoot(): string {
  // dist/index.js and src/binding.ts both sit one level below the package root.
  return join(dirname(fileURLToPath(import.meta.url)), '..');
}

function load(): NativeBinding {
  const require = createRequire(import.meta.url);
  const override = process.env.TSJIT_KERNELS_ADDON;
  const root = packageRoot();
  try {
    if (override) return require(override) as NativeBinding;
    const nodeGypBuild = require('node-gyp-build') as (dir: string) => unknown;
    return nodeGypBuild(root) as NativeBinding;
  } catch (cause) {
    const built = existsSync(join(root, 'build', 'Release', 'tsjit_kernels.node'));
    const hint = override
      ? `TSJIT_KERNELS_ADDON points at ${override}, which did not load.`
      : built
        ? 'A build exists but did not load; rebuild it for this Node version with `pnpm --filter @tsjit/kernels build:addon`.'
        : 'No prebuilt binary matches this platform and the addon was not built from source. Run `pnpm --filter @tsjit/kernels build:addon` (needs python3, make and g++).';
    throw new KernelError(
      'ERR_TSJIT_ADDON_LOAD',
      `@tsjit/kernels could not load its native addon (${process.platform}-${process.arch}, Node ${process.version}). ${hint}\nCause: ${(cause as Error)?.message ?? cause}`,
      { cause },
    );
  }
}

/** The loaded addon (loaded once per JS thread, on first import). */
export const native: NativeBinding = load();
