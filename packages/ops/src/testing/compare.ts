import { numel } from '../core/helpers.js';
import { FloatScalar, type OpContext, type TensorLike } from '../core/tensor-like.js';
import { quantizedDtypeOf, quantizerOf } from '../quantized/quantizer.js';
import { tensorValues } from './materialize.js';

/** The quantizer of a golden quantized tensor, as gen_op_goldens.py records it. */
interface GoldenQuantizer {
  readonly qscheme: string;
  readonly scale?: number;
  readonly zero_point?: number;
  readonly scales?: number[];
  readonly zero_points?: number[];
  readonly axis?: number;
}

/** Null when `t` is quantized exactly as the golden says (or neither is quantized). */
function compareQuantizer(t: TensorLike, g: GoldenQuantizer | undefined, path: string): string | null {
  const q = quantizerOf(t);
  if (!g) return q ? `${path}: a quantized tensor (${q.qscheme}), expected an unquantized one` : null;
  if (!q) return `${path}: not quantized, expected ${g.qscheme}`;
  if (q.qscheme !== g.qscheme) return `${path}: qscheme ${q.qscheme}, expected ${g.qscheme}`;
  const same = (a: number, b: number) => a === b || Math.abs(a - b) <= 1e-12 * Math.abs(b);
  if (q.qscheme === 'per_tensor_affine') {
    if (!same(q.scale, g.scale!) || q.zeroPoint !== g.zero_point) {
      return `${path}: scale ${q.scale}, zero_point ${q.zeroPoint}; expected ${g.scale}, ${g.zero_point}`;
    }
    return null;
  }
  const ok =
    q.axis === g.axis &&
    q.scales.length === g.scales!.length &&
    q.scales.every((s, i) => same(s, g.scales![i])) &&
    q.zeroPoints.every((z, i) => z === g.zero_points![i]);
  return ok
    ? null
    : `${path}: per-channel quantizer (axis ${q.axis}, scales [${q.scales}], zero_points [${q.zeroPoints}]) differs from the golden's`;
}

/** PyTorch's assert_close default tolerances per dtype. */
const TOLERANCES: Record<string, [number, number]> = {
  float32: [1.3e-6, 1e-5],
  float64: [1e-7, 1e-7],
  float16: [1e-3, 1e-5],
  bfloat16: [1.6e-2, 1e-5],
};

function decodeNumber(x: unknown): number {
  if (x === 'nan') return Number.NaN;
  if (x === 'inf') return Infinity;
  if (x === '-inf') return -Infinity;
  if (x === '-0') return -0;
  return typeof x === 'boolean' ? (x ? 1 : 0) : (x as number);
}

export interface CompareOptions {
  rtol?: number;
  atol?: number;
  /** Only sizes and dtype (random ops). */
  metaOnly?: boolean;
}

/**
 * Compares an op's result with a golden value encoded by gen_op_goldens.py. Returns null when they
 * match, else a description of the first difference.
 */
export function compareWithGolden(
  ctx: OpContext,
  actual: unknown,
  expected: unknown,
  o: CompareOptions = {},
  path = 'result',
): string | null {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    const e = expected as Record<string, any>;
    if ('$tensor' in e) {
      if (!ctx.isTensor(actual)) return `${path}: expected a tensor, got ${describe(actual)}`;
      const t = actual as TensorLike;
      const g = e.$tensor as { dtype: string; sizes: number[]; data: unknown[]; quantizer?: GoldenQuantizer };
      const quantized = compareQuantizer(t, g.quantizer, path);
      if (quantized) return quantized;
      const shown = quantizedDtypeOf(t);
      if (shown !== g.dtype) return `${path}: dtype ${shown}, expected ${g.dtype}`;
      if (t.sizes.length !== g.sizes.length || t.sizes.some((n, i) => n !== g.sizes[i])) {
        return `${path}: sizes [${t.sizes}], expected [${g.sizes}]`;
      }
      if (o.metaOnly) return null;
      const values = tensorValues(ctx, t);
      const [rtol, atol] = TOLERANCES[t.dtype]
        ? [o.rtol ?? TOLERANCES[t.dtype][0], o.atol ?? TOLERANCES[t.dtype][1]]
        : [0, 0];
      for (let i = 0; i < numel(t.sizes); i++) {
        const want = decodeNumber(g.data[i]);
        const got = values[i];
        if (Number.isNaN(want) && Number.isNaN(got)) continue;
        if (want === got) continue;
        if (!Number.isFinite(want) || !Number.isFinite(got) || Math.abs(got - want) > atol + rtol * Math.abs(want)) {
          return `${path}: element ${i} is ${got}, expected ${want} (rtol ${rtol}, atol ${atol})`;
        }
      }
      return null;
    }
    if ('$object' in e) {
      // A TorchScript class object (packed parameters): compared through its pickled state.
      const getState = (actual as { __getstate__?: () => unknown } | null)?.__getstate__;
      const name = (actual as { constructor?: { qualifiedName?: string } } | null)?.constructor?.qualifiedName;
      if (typeof getState !== 'function' || name !== e.$object) {
        return `${path}: expected a ${e.$object} object, got ${describe(actual)}`;
      }
      return compareWithGolden(ctx, getState.call(actual), e.state, o, `${path}.__getstate__()`);
    }
    if ('$int' in e) {
      const want = BigInt(e.$int as string);
      const ok =
        (typeof actual === 'bigint' || (typeof actual === 'number' && Number.isInteger(actual))) &&
        BigInt(actual) === want;
      return ok ? null : `${path}: ${describe(actual)}, expected ${want}`;
    }
    if ('$uninitialized' in e) {
      const ok = (actual as { kind?: unknown } | null)?.kind === 'uninitialized';
      return ok ? null : `${path}: expected the uninitialized value, got ${describe(actual)}`;
    }
    if ('$tuple' in e) return compareWithGolden(ctx, actual, e.$tuple, o, path);
    if ('$device' in e) {
      const text = typeof actual === 'string' ? actual : (actual as { kind?: string; device?: string } | null)?.device;
      const isDevice = typeof actual === 'string' || (actual as { kind?: string } | null)?.kind === 'device';
      return isDevice && text === e.$device ? null : `${path}: ${describe(actual)}, expected device ${e.$device}`;
    }
    if ('$dict' in e) {
      if (!(actual instanceof Map)) return `${path}: expected a dict, got ${describe(actual)}`;
      const pairs = e.$dict as [unknown, unknown][];
      const entries = [...actual];
      if (entries.length !== pairs.length) return `${path}: ${entries.length} entries, expected ${pairs.length}`;
      for (let i = 0; i < pairs.length; i++) {
        const d =
          compareWithGolden(ctx, entries[i][0], pairs[i][0], o, `${path}.keys[${i}]`) ??
          compareWithGolden(ctx, entries[i][1], pairs[i][1], o, `${path}.values[${i}]`);
        if (d) return d;
      }
      return null;
    }
    if ('$float' in e) {
      const want = decodeNumber(e.$float);
      const got = actual instanceof FloatScalar ? actual.value : actual;
      if (typeof got !== 'number') return `${path}: expected float ${want}, got ${describe(actual)}`;
      if (Number.isNaN(want) && Number.isNaN(got)) return null;
      const tol = (o.atol ?? 1e-7) + (o.rtol ?? 1e-7) * Math.abs(want);
      return Math.abs(got - want) <= tol || got === want ? null : `${path}: ${got}, expected ${want}`;
    }
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${path}: expected a list of ${expected.length}, got ${describe(actual)}`;
    if (actual.length !== expected.length) return `${path}: ${actual.length} items, expected ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = compareWithGolden(ctx, actual[i], expected[i], o, `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (typeof expected === 'number' && typeof actual === 'bigint')
    return BigInt(expected) === actual ? null : `${path}: ${actual}, expected ${expected}`;
  return actual === expected ? null : `${path}: ${describe(actual)}, expected ${JSON.stringify(expected)}`;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Map) return `dict of ${v.size}`;
  if (typeof v === 'object' && 'sizes' in (v as object)) return `tensor of sizes [${(v as TensorLike).sizes}]`;
  return JSON.stringify(v) ?? String(v);
}
