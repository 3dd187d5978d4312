import { type DType, itemSize } from '@tsjit/kernels';
import { writeElements } from '../core/elements.js';
import { contiguous, numel, toDtype } from '../core/helpers.js';
import type { SampleTensor, SampleValue } from '../core/samples.js';
import { FloatScalar, type OpContext, type TensorLike } from '../core/tensor-like.js';
import { callSampleOp } from './call-sample-op.js';

/** Writes `values` (row-major numbers or booleans) into a new contiguous tensor's storage. */
export function tensorFromValues(
  ctx: OpContext,
  values: readonly (number | boolean | bigint)[],
  sizes: readonly number[],
  dtype: DType,
): TensorLike {
  const t = ctx.empty(sizes, dtype);
  writeElements(t.data, dtype, t.offset, values);
  return t;
}

/** A sample value as an op argument: tensor specs become fresh tensors of the context. */
export function materialize(ctx: OpContext, v: SampleValue): unknown {
  if (v instanceof FloatScalar) return v;
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const items = v.map((e) => materialize(ctx, e));
    // A frozen array is a TorchScript tuple: it stays one.
    return Object.isFrozen(v) ? Object.freeze(items) : items;
  }
  if (v instanceof Map) {
    // Dict keys in their canonical form (FloatScalar keys as numbers), as the dict builtins keep them.
    return new Map(
      [...v].map(([k, e]) => [
        k instanceof FloatScalar ? k.value : materialize(ctx, k as SampleValue),
        materialize(ctx, e as SampleValue),
      ]),
    );
  }
  if ((v as { kind?: unknown }).kind === 'device') return v;
  // The result of another op (quantized tensors, packed parameters): see groups/quantized-samples.ts.
  if ('$call' in v) {
    const call = (v as { $call: { overload: string; args: SampleValue[]; kwargs?: Record<string, SampleValue> } })
      .$call;
    return callSampleOp(
      ctx,
      call.overload,
      call.args.map((a) => materialize(ctx, a)),
      call.kwargs ? (materialize(ctx, call.kwargs) as Record<string, unknown>) : undefined,
    );
  }
  // A completed TorchScript Future (aten::wait's samples).
  if ('$future' in v) {
    return new CompletedFuture(materialize(ctx, (v as { $future: SampleValue }).$future));
  }
  const spec = v as SampleTensor;
  if (spec.$tensor === true) {
    const storage = tensorFromValues(ctx, spec.storage, [spec.storage.length], spec.dtype);
    return ctx.view(storage, spec.sizes, spec.strides, spec.offset);
  }
  const out: Record<string, unknown> = {};
  for (const [k, e] of Object.entries(v)) out[k] = materialize(ctx, e as SampleValue);
  return out;
}

/** Row-major values of any tensor (numbers; booleans as 0/1; int64 as numbers). */
export function tensorValues(ctx: OpContext, t: TensorLike): number[] {
  const n = numel(t.sizes);
  if (n === 0) return [];
  const c = toDtype(ctx, contiguous(ctx, t), t.dtype === 'int64' ? 'int64' : 'float64');
  const out = new Array<number>(n);
  if (c.dtype === 'int64') {
    const a = new BigInt64Array(c.data.buffer, c.data.byteOffset + c.offset * 8, n);
    for (let i = 0; i < n; i++) out[i] = Number(a[i]);
  } else {
    const a = new Float64Array(c.data.buffer, c.data.byteOffset + c.offset * 8, n);
    for (let i = 0; i < n; i++) out[i] = a[i];
  }
  return out;
}

/** A Future whose value is there (a class instance, so that it is never taken for an options object). */
class CompletedFuture {
  readonly #value: unknown;
  constructor(value: unknown) {
    this.#value = value;
  }
  wait(): unknown {
    return this.#value;
  }
}
