import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { dequantizeWith } from './affine-quantization.js';
import { quantizerOf } from './quantizer.js';

/** The TorchScript class name of the packed parameters (`torch.classes.quantized.LinearPackedParamsBase`). */
export const LINEAR_PACKED_PARAMS_CLASS = '__torch__.torch.classes.quantized.LinearPackedParamsBase';

/**
 * `torch.classes.quantized.LinearPackedParamsBase` as the onednn engine makes it
 * (PackedLinearWeightsOnednn): the quantized weight [N, K] (qint8, per tensor or per channel along
 * 0, zero points 0) and the optional float bias [N]. PyTorch packs the weight into the engine's
 * layout; here the "packing" keeps the tensors, which is all `unpack` and the state need.
 * The pickled state (PyTorch 1.13's def_pickle, `SerializationTypeLinearPackedParamsBase`) is the
 * tuple `(weight, bias)` that `__getstate__` returns and `linearPackedParamsFromState` reads.
 */
export class LinearPackedParamsBase {
  static readonly qualifiedName = LINEAR_PACKED_PARAMS_CLASS;
  readonly weight: TensorLike;
  readonly bias: TensorLike | null;

  constructor(weight: TensorLike, bias: TensorLike | null) {
    this.weight = weight;
    this.bias = bias;
  }

  /** `(W_origin, B_origin)`, as quantized::linear_unpack returns them. */
  unpack(): readonly [TensorLike, TensorLike | null] {
    return Object.freeze([this.weight, this.bias] as const);
  }

  /** The def_pickle state: the tuple (weight, bias). */
  __getstate__(): readonly [TensorLike, TensorLike | null] {
    return this.unpack();
  }

  /** Output features (N) and input features (K). */
  get outFeatures(): number {
    return this.weight.sizes[0];
  }
  get inFeatures(): number {
    return this.weight.sizes[1];
  }

  /** The float weight (what a float reference computation uses). */
  dequantizedWeight(ctx: OpContext): TensorLike {
    return dequantizeWith(ctx, this.weight);
  }
}

/** Whether `v` is a LinearPackedParamsBase (the schemas' `__torch__.torch.classes.quantized.LinearPackedParamsBase`). */
export function isLinearPackedParams(v: unknown): v is LinearPackedParamsBase {
  return v instanceof LinearPackedParamsBase;
}

/**
 * quantized::linear_prepack for the onednn engine: PyTorch's checks (a 2-d qint8 or quint8 weight
 * with zero points 0, a bias of N elements) and the packed object.
 */
export function prepackLinear(weight: TensorLike, bias: TensorLike | null): LinearPackedParamsBase {
  const q = quantizerOf(weight);
  if (q === null) {
    throw new OpError(
      "Could not run 'quantized::linear_prepack' with arguments from the 'CPU' backend: the weight must be quantized " +
        `(got a ${weight.dtype} tensor)`,
      'NotImplementedError',
    );
  }
  if (q.dtype === 'qint32') {
    throw new OpError('quantized::linear_prepack (onednn): weight should be qint8 or quint8, got qint32');
  }
  if (weight.sizes.length !== 2) {
    throw new OpError('The weight tensor for quantized::linear_prepack (onednn) should be 2-dimensional.');
  }
  const zeroPoints = q.qscheme === 'per_tensor_affine' ? [q.zeroPoint] : q.zeroPoints;
  for (const zp of zeroPoints) {
    if (zp !== 0) {
      throw new OpError(
        `quantized::linear_prepack: ONEDNN only supports symmetric quantization of weight, whose zero point must be 0, but got ${zp}`,
      );
    }
  }
  if (q.qscheme === 'per_channel_affine' && q.axis !== 0) {
    throw new OpError(`quantized::linear_prepack (onednn): per-channel weights must be quantized along axis 0`);
  }
  const n = weight.sizes[0];
  if (bias !== null) {
    if (bias.quantizer) throw new OpError('quantized::linear_prepack: the bias must be a float tensor');
    if (bias.sizes.length === 0 || bias.sizes[0] !== n) {
      throw new OpError(`bias should have N elements: ${n}, but got ${bias.sizes.length ? bias.sizes[0] : 0}`);
    }
  }
  return new LinearPackedParamsBase(weight, bias);
}

/**
 * LinearPackedParamsBase.__setstate__: the object from its pickled state `(weight, bias)`, with
 * prepack's checks (an archive's state is untrusted input: a malformed one is an OpError).
 */
export function linearPackedParamsFromState(state: unknown): LinearPackedParamsBase {
  if (!Array.isArray(state) || state.length !== 2) {
    throw new OpError(`${LINEAR_PACKED_PARAMS_CLASS}.__setstate__ expects a tuple (weight, bias)`, 'TypeError');
  }
  const [weight, bias] = state as unknown[];
  if (!isTensorLike(weight) || (bias !== null && bias !== undefined && !isTensorLike(bias))) {
    throw new OpError(
      `${LINEAR_PACKED_PARAMS_CLASS}.__setstate__ expects (Tensor, Optional[Tensor]), got (${typeName(weight)}, ${typeName(bias)})`,
      'TypeError',
    );
  }
  return prepackLinear(weight, (bias as TensorLike | null | undefined) ?? null);
}

function isTensorLike(v: unknown): v is TensorLike {
  return (
    typeof v === 'object' &&
    v !== null &&
    (v as TensorLike).data instanceof Uint8Array &&
    Array.isArray((v as TensorLike).sizes) &&
    typeof (v as TensorLike).dtype === 'string'
  );
}

export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (isTensorLike(v)) return 'Tensor';
  if (Array.isArray(v)) return 'list';
  return typeof v;
}
