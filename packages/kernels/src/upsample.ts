/**
 * 2d upsampling of [N, C, H, W] tensors with PyTorch's formulas (F.interpolate for 4-D inputs):
 * 'nearest', 'nearest-exact', 'bilinear' and 'bicubic' (A = -0.75, borders clamped), with
 * align_corners and optional scale factors (used for the source index when given, as PyTorch does
 * with recompute_scale_factor=False). The output size comes from `out` (see `upsampleOutputSizes`).
 */
import { native } from './binding.js';
import { type DType, dtypeCode, isFloating } from './dtype.js';
import { rethrowNative } from './kernel-error.js';
import { argumentError, checkStrided, checkWritable, numel, type Strided } from './strided.js';

export type UpsampleMode = 'nearest' | 'nearest-exact' | 'bilinear' | 'bicubic';

export interface UpsampleOptions {
  mode: UpsampleMode;
  /** bilinear and bicubic only (PyTorch's default false). */
  alignCorners?: boolean | null;
  /** [scaleH, scaleW] as given to F.interpolate; null to derive the scale from the sizes. */
  scaleFactors?: readonly [number, number] | null;
}

const MODES: Record<UpsampleMode, number> = { nearest: 0, 'nearest-exact': 1, bilinear: 2, bicubic: 3 };

/** The [N, C, oH, oW] sizes F.interpolate gives for `size` or `scaleFactor` (floor(in * scale)). */
export function upsampleOutputSizes(
  sizes: readonly number[],
  spec: { size?: number | readonly number[]; scaleFactor?: number | readonly number[] },
): number[] {
  const op = 'interpolate';
  if (sizes.length !== 4) throw argumentError(op, `expected a 4D input, got ${sizes.length}D`);
  const { size, scaleFactor } = spec;
  if ((size === undefined) === (scaleFactor === undefined))
    throw argumentError(op, 'only one of size or scale_factor should be defined');
  const pair = (v: number | readonly number[], name: string): number[] => {
    const l = typeof v === 'number' ? [v, v] : [...v];
    if (l.length !== 2)
      throw argumentError(op, `${name} shape must match input shape. Input is 2D, ${name} is ${l.length}`);
    return l;
  };
  if (size !== undefined) {
    const s = pair(size, 'size');
    if (s.some((x) => !Number.isSafeInteger(x) || x < 0))
      throw argumentError(op, `size must be non-negative integers, got [${s.join(', ')}]`);
    return [sizes[0], sizes[1], ...s];
  }
  const f = pair(scaleFactor as number | readonly number[], 'scale_factor');
  if (f.some((x) => !(x > 0) || !Number.isFinite(x)))
    throw argumentError(op, `scale_factor must be positive, got [${f.join(', ')}]`);
  return [sizes[0], sizes[1], Math.floor(sizes[2] * f[0]), Math.floor(sizes[3] * f[1])];
}

/** out = F.interpolate(x, size=out.sizes[2:], mode=..., align_corners=..., scale_factor=...). */
export function upsample2d(out: Strided, x: Strided, options: UpsampleOptions): void {
  const op = `upsample_${options?.mode ?? '?'}2d`;
  if (options === null || typeof options !== 'object') throw argumentError(op, 'options must be an object');
  const mode = MODES[options.mode];
  if (mode === undefined || !Object.hasOwn(MODES, options.mode)) {
    throw argumentError(
      'interpolate',
      `mode must be one of nearest, nearest-exact, bilinear, bicubic; got ${String(options.mode)}`,
    );
  }
  checkWritable(op, 'out', out);
  checkStrided(op, 'x', x);
  const interp = mode >= 2;
  if (!interp && options.alignCorners != null) {
    throw argumentError(
      op,
      'align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear',
    );
  }
  if (x.sizes.length !== 4)
    throw argumentError(op, `Got ${x.sizes.length}D input, but ${options.mode} mode needs 4D input`);
  if (out.sizes.length !== 4 || out.sizes[0] !== x.sizes[0] || out.sizes[1] !== x.sizes[1]) {
    throw argumentError(op, `out has sizes [${out.sizes.join(', ')}], expected [${x.sizes[0]}, ${x.sizes[1]}, oH, oW]`);
  }
  const ok: (d: DType) => boolean = interp ? isFloating : (d) => d !== 'bool';
  if (!ok(x.dtype)) throw argumentError(op, `"${op}" not implemented for '${x.dtype}'`);
  if (out.dtype !== x.dtype) throw argumentError(op, `expected out to have dtype ${x.dtype}, got ${out.dtype}`);
  const [N, C, iH, iW] = x.sizes;
  const [, , oH, oW] = out.sizes;
  if (!(iH > 0 && iW > 0 && oH > 0 && oW > 0)) {
    throw argumentError(
      op,
      `Input and output sizes should be greater than 0, but got input (H: ${iH}, W: ${iW}) output (H: ${oH}, W: ${oW})`,
    );
  }
  if (C === 0)
    throw argumentError(op, `Non-empty 4D data tensor expected but got a tensor with sizes [${x.sizes.join(', ')}]`);
  const sf = options.scaleFactors ?? null;
  if (sf !== null && (!Array.isArray(sf) || sf.length !== 2 || sf.some((v) => typeof v !== 'number' || !(v > 0)))) {
    throw argumentError(op, 'scaleFactors must be two positive numbers');
  }
  if (numel(out.sizes) === 0 || N === 0) return;
  const meta = Float64Array.from([
    mode,
    dtypeCode[x.dtype],
    options.alignCorners ? 1 : 0,
    N,
    C,
    iH,
    iW,
    oH,
    oW,
    x.offset,
    ...x.strides,
    out.offset,
    ...out.strides,
    sf ? sf[0] : 0,
    sf ? sf[1] : 0,
  ]);
  try {
    native.upsample2d([out.data, x.data], meta);
  } catch (e) {
    rethrowNative(e, op);
  }
}
