import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { applyDynamic } from './apply-dynamic.js';
import { isLinearPackedParams, type LinearPackedParamsBase, typeName } from './linear-packed-params.js';

/** The TorchScript class name (`torch.classes.rnn.CellParamsBase`). */
export const CELL_PARAMS_CLASS = '__torch__.torch.classes.rnn.CellParamsBase';

/**
 * PyTorch 1.13's pickled CellParamsBase state (RNN.cpp, `CellParamsSerializationType`):
 * `(type, tensors, doubles, longs, packed)`. For the dynamically quantized cell ("quantized_dynamic")
 * tensors = [bias_ih, bias_hh], doubles = [], longs = [reduce_range], packed = [w_ih, w_hh]
 * (LinearPackedParamsBase objects, which hold the biases as well).
 */
export type CellParamsState = readonly [
  string,
  readonly unknown[],
  readonly unknown[],
  readonly unknown[],
  readonly unknown[],
];

/**
 * QuantizedCellParamsDynamic: the weights of one RNN layer and direction with dynamically
 * quantized linears. `linearIh(x)` / `linearHh(h)` are quantized::linear_dynamic with the packed
 * weights (their biases included), as PyTorch's cell runs them.
 */
export class CellParamsBase {
  static readonly qualifiedName = CELL_PARAMS_CLASS;
  readonly kind = 'quantized_dynamic';

  constructor(
    readonly wIh: LinearPackedParamsBase,
    readonly wHh: LinearPackedParamsBase,
    readonly bIh: TensorLike,
    readonly bHh: TensorLike,
    readonly reduceRange: boolean,
  ) {}

  linearIh(ctx: OpContext, input: TensorLike): TensorLike {
    return applyDynamic(ctx, input, this.wIh, this.reduceRange);
  }
  linearHh(ctx: OpContext, hidden: TensorLike): TensorLike {
    return applyDynamic(ctx, hidden, this.wHh, this.reduceRange);
  }

  /** The def_pickle state (see CellParamsState). */
  __getstate__(): CellParamsState {
    return Object.freeze([
      'quantized_dynamic',
      [this.bIh, this.bHh],
      [],
      [this.reduceRange ? 1 : 0],
      [this.wIh, this.wHh],
    ] as const);
  }
}

export function isCellParams(v: unknown): v is CellParamsBase {
  return v instanceof CellParamsBase;
}

/** quantized::make_quantized_cell_params_dynamic. */
export function makeDynamicCellParams(
  wIh: LinearPackedParamsBase,
  wHh: LinearPackedParamsBase,
  bIh: TensorLike,
  bHh: TensorLike,
  reduceRange: boolean,
): CellParamsBase {
  return new CellParamsBase(wIh, wHh, bIh, bHh, reduceRange);
}

/**
 * CellParamsBase.__setstate__ for the state an archive holds. Only the dynamically quantized cell
 * ("quantized_dynamic", what torch.quantization.quantize_dynamic makes with qint8) is supported;
 * the static ("quantized") and fp16 ("quantized_fp16") variants are refused by name.
 */
export function cellParamsFromState(state: unknown): CellParamsBase {
  const bad = (why: string): never => {
    throw new OpError(`${CELL_PARAMS_CLASS}.__setstate__: ${why}`, 'TypeError');
  };
  if (!Array.isArray(state) || state.length !== 5) {
    return bad('expected a tuple (type, tensors, doubles, longs, packed)');
  }
  const [kind, tensors, doubles, longs, packed] = state as unknown[];
  if (typeof kind !== 'string') return bad(`the type tag must be a str, got ${typeName(kind)}`);
  if (kind !== 'quantized_dynamic') {
    throw new OpError(
      `${CELL_PARAMS_CLASS}.__setstate__: cell parameters of type '${kind}' are not supported (only 'quantized_dynamic')`,
      'RuntimeError',
    );
  }
  if (!Array.isArray(tensors) || !Array.isArray(doubles) || !Array.isArray(longs) || !Array.isArray(packed)) {
    return bad('tensors, doubles, longs and packed must be lists');
  }
  if (tensors.length !== 2 || packed.length !== 2 || doubles.length !== 0 || longs.length > 1) {
    return bad(
      `'quantized_dynamic' expects 2 tensors, 0 doubles, at most 1 long and 2 packed weights, got ` +
        `${tensors.length}, ${doubles.length}, ${longs.length} and ${packed.length}`,
    );
  }
  const [wIh, wHh] = packed as unknown[];
  if (!isLinearPackedParams(wIh) || !isLinearPackedParams(wHh)) {
    return bad('the packed weights must be LinearPackedParamsBase objects');
  }
  const [bIh, bHh] = tensors as unknown[];
  if (typeName(bIh) !== 'Tensor' || typeName(bHh) !== 'Tensor') return bad('the biases must be tensors');
  const flag = longs.length ? longs[0] : 0;
  if (typeof flag !== 'number' && typeof flag !== 'bigint' && typeof flag !== 'boolean') {
    return bad(`reduce_range must be an int, got ${typeName(flag)}`);
  }
  return makeDynamicCellParams(wIh, wHh, bIh as TensorLike, bHh as TensorLike, Number(flag) !== 0);
}
