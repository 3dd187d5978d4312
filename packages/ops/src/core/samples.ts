/**
 * Test samples: every op lists calls (overload + arguments) built from deterministic tensor specs.
 * The same specs are materialised by the op tests (any backend) and, as JSON, by
 * `tooling/fixtures/gen_op_goldens.py`, which runs them on PyTorch and records the outputs.
 */
import type { DType } from '@tsjit/kernels';
import { FloatScalar } from './tensor-like.js';

/** A tensor for a sample: explicit storage contents and a strided view of them. */
export interface SampleTensor {
  readonly $tensor: true;
  readonly dtype: DType;
  readonly sizes: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  /** The storage's values (numbers, or booleans for bool); NaN and infinities allowed. */
  readonly storage: readonly (number | boolean)[];
}

export type SampleValue =
  | SampleTensor
  | number
  | bigint
  | boolean
  | string
  | null
  | FloatScalar
  | readonly SampleValue[]
  // TorchScript dicts (Maps) and devices, for the builtin ops; a frozen array is a tuple.
  | ReadonlyMap<unknown, unknown>
  | { readonly kind: 'device'; readonly device: string }
  | { readonly [key: string]: SampleValue };

export interface Sample {
  /** `add.Tensor`, `relu`, `add_.Scalar`, `add.out`. */
  readonly overload: string;
  readonly args: readonly SampleValue[];
  readonly kwargs?: Readonly<Record<string, SampleValue>>;
  /** Tolerances for floating results (default: PyTorch's assert_close defaults per dtype). */
  readonly rtol?: number;
  readonly atol?: number;
  /** The call must fail, with a message containing this (checked against PyTorch's message too). */
  readonly error?: string;
  /** 'value' (default) compares values; 'meta' only sizes and dtype (random ops). */
  readonly check?: 'value' | 'meta';
  /**
   * Why the numerical gradient check does not apply to this sample (e.g. duplicate indices in a
   * scatter, where PyTorch's rule deliberately gives every duplicate a gradient).
   */
  readonly noGradcheck?: string;
  /** Also compare these arguments after the call (in-place ops on inputs other than self). */
  readonly compareArgs?: readonly number[];
}

export type SampleFn = (S: SampleBuilder) => Sample[];

export type Layout = 'contiguous' | 'transposed' | 'strided' | 'offset';

export interface TensorOptions {
  dtype?: DType;
  /** Non-contiguous layouts: transposed (dims reversed), strided (every other element), offset. */
  layout?: Layout;
  /** Value range [low, high) (default [-3, 3) for floats, [-5, 5) for ints, [0, 10) for uint8). */
  low?: number;
  high?: number;
  /** Explicit row-major values instead of random ones. */
  values?: readonly (number | boolean)[];
}

/** xorshift-style deterministic generator (32-bit state), so that samples never change. */
class Random {
  #s: number;
  constructor(seed: number) {
    this.#s = seed >>> 0 || 1;
  }
  next(): number {
    let x = this.#s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#s = x >>> 0;
    return this.#s / 4294967296;
  }
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const f32 = new Float32Array(1);
function roundTo(dtype: DType, v: number): number {
  if (dtype === 'float32') {
    f32[0] = v;
    return f32[0];
  }
  if (dtype === 'float16' || dtype === 'bfloat16') return Math.round(v * 64) / 64; // exact in both
  if (dtype === 'float64') return Math.round(v * 2 ** 20) / 2 ** 20;
  return v;
}

export class SampleBuilder {
  readonly #random: Random;

  constructor(seedText: string) {
    this.#random = new Random(hash(seedText));
  }

  /** Python float scalar (keeps 2.0 a float). */
  float(v: number): FloatScalar {
    return new FloatScalar(v);
  }

  /** A tensor spec of the given sizes. */
  t(sizes: readonly number[], options: TensorOptions = {}): SampleTensor {
    const dtype = options.dtype ?? 'float32';
    const n = sizes.reduce((a, b) => a * b, 1);
    const values: (number | boolean)[] = options.values ? [...options.values] : [];
    if (options.values && options.values.length !== n) {
      throw new Error(`sample tensor of sizes [${sizes}] needs ${n} values, got ${options.values.length}`);
    }
    for (let i = values.length; i < n; i++) values.push(this.#value(dtype, options));
    const layout = options.layout ?? 'contiguous';
    return layoutTensor(dtype, sizes, values, layout);
  }

  /** Shorthands. */
  randn(sizes: readonly number[], layout: Layout = 'contiguous'): SampleTensor {
    return this.t(sizes, { layout });
  }
  ints(sizes: readonly number[], low = -5, high = 5, dtype: DType = 'int64'): SampleTensor {
    return this.t(sizes, { dtype, low, high });
  }
  bools(sizes: readonly number[]): SampleTensor {
    return this.t(sizes, { dtype: 'bool' });
  }
  /** A tensor with explicit values. */
  of(
    values: readonly (number | boolean)[],
    sizes: readonly number[] = [values.length],
    dtype: DType = 'float32',
  ): SampleTensor {
    return this.t(sizes, { dtype, values });
  }
  /** A broadcast view: `sizes` with the spec's data repeated along new/size-1 dims (stride 0). */
  expand(t: SampleTensor, sizes: readonly number[]): SampleTensor {
    const off = sizes.length - t.sizes.length;
    const strides = sizes.map((n, d) => (d < off || t.sizes[d - off] !== n ? 0 : t.strides[d - off]));
    return { ...t, sizes: [...sizes], strides };
  }

  call(
    overload: string,
    args: readonly SampleValue[],
    kwargs?: Record<string, SampleValue>,
    extra: Partial<Sample> = {},
  ): Sample {
    return { overload, args, ...(kwargs ? { kwargs } : {}), ...extra };
  }

  /** A call that must fail with a message containing `error` (PyTorch's message in substance). */
  error(overload: string, args: readonly SampleValue[], error: string, kwargs?: Record<string, SampleValue>): Sample {
    return { overload, args, ...(kwargs ? { kwargs } : {}), error };
  }

  /** A random number in [0, 1), from this op's deterministic stream. */
  random(): number {
    return this.#random.next();
  }

  #value(dtype: DType, o: TensorOptions): number | boolean {
    const r = this.#random.next();
    if (dtype === 'bool') return r < 0.5;
    const floating = dtype.startsWith('float') || dtype === 'bfloat16';
    const low = o.low ?? (dtype === 'uint8' ? 0 : floating ? -3 : -5);
    const high = o.high ?? (dtype === 'uint8' ? 10 : floating ? 3 : 5);
    if (!floating) return Math.floor(low + r * (high - low));
    return roundTo(dtype, low + r * (high - low));
  }
}

function contiguousStrides(sizes: readonly number[]): number[] {
  const strides = new Array<number>(sizes.length);
  let s = 1;
  for (let i = sizes.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(sizes[i], 1);
  }
  return strides;
}

function layoutTensor(
  dtype: DType,
  sizes: readonly number[],
  values: readonly (number | boolean)[],
  layout: Layout,
): SampleTensor {
  const n = values.length;
  const fillValue = dtype === 'bool' ? false : 0;
  if (layout === 'transposed' && sizes.length >= 2) {
    // Storage holds the tensor with dims reversed, contiguously; the view permutes them back.
    const rev = [...sizes].reverse();
    const revStrides = contiguousStrides(rev);
    const strides = [...revStrides].reverse();
    const storage = new Array<number | boolean>(n).fill(fillValue);
    const cs = contiguousStrides(sizes);
    for (let i = 0; i < n; i++) {
      let rem = i;
      let at = 0;
      for (let d = 0; d < sizes.length; d++) {
        const idx = Math.floor(rem / cs[d]) % Math.max(sizes[d], 1);
        rem -= idx * cs[d];
        at += idx * strides[d];
      }
      storage[at] = values[i];
    }
    return { $tensor: true, dtype, sizes: [...sizes], strides, offset: 0, storage };
  }
  if (layout === 'strided' || layout === 'transposed') {
    // Every other element of the last dim.
    const wide = sizes.length ? [...sizes.slice(0, -1), sizes[sizes.length - 1] * 2] : [];
    const ws = contiguousStrides(wide);
    const strides = sizes.length ? [...ws.slice(0, -1), 2] : [];
    const storage = new Array<number | boolean>(
      Math.max(
        wide.reduce((a, b) => a * b, 1),
        1,
      ),
    ).fill(fillValue);
    const cs = contiguousStrides(sizes);
    for (let i = 0; i < n; i++) {
      let rem = i;
      let at = 0;
      for (let d = 0; d < sizes.length; d++) {
        const idx = Math.floor(rem / cs[d]) % Math.max(sizes[d], 1);
        rem -= idx * cs[d];
        at += idx * strides[d];
      }
      storage[at] = values[i];
    }
    return { $tensor: true, dtype, sizes: [...sizes], strides, offset: 0, storage };
  }
  if (layout === 'offset') {
    return {
      $tensor: true,
      dtype,
      sizes: [...sizes],
      strides: contiguousStrides(sizes),
      offset: 3,
      storage: [fillValue, fillValue, fillValue, ...values],
    };
  }
  return {
    $tensor: true,
    dtype,
    sizes: [...sizes],
    strides: contiguousStrides(sizes),
    offset: 0,
    storage: [...values],
  };
}

/** JSON form of a sample value (NaN/infinity and Python floats tagged), for the golden generator. */
export function encodeSampleValue(v: SampleValue): unknown {
  if (v instanceof FloatScalar) return { $float: encodeNumber(v.value) };
  if (typeof v === 'number') return Number.isFinite(v) ? v : { $float: encodeNumber(v) };
  if (typeof v === 'bigint') return { $int: v.toString() };
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const items = v.map((e) => encodeSampleValue(e));
    return Object.isFrozen(v) ? { $tuple: items } : items;
  }
  if (v instanceof Map) {
    return {
      $dict: [...v].map(([k, e]) => [encodeSampleValue(k as SampleValue), encodeSampleValue(e as SampleValue)]),
    };
  }
  if ((v as { kind?: unknown }).kind === 'device' && typeof (v as { device?: unknown }).device === 'string') {
    return { $device: (v as { device: string }).device };
  }
  if ((v as SampleTensor).$tensor === true) {
    const t = v as SampleTensor;
    return {
      $tensor: {
        dtype: t.dtype,
        sizes: t.sizes,
        strides: t.strides,
        offset: t.offset,
        storage: t.storage.map((x) => (typeof x === 'number' ? encodeNumber(x) : x)),
      },
    };
  }
  const out: Record<string, unknown> = {};
  for (const [k, e] of Object.entries(v)) out[k] = encodeSampleValue(e as SampleValue);
  return out;
}

export function encodeNumber(x: number): number | string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0';
  return x;
}
