import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import type { SampleBuilder, SampleValue } from '../core/samples.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { floatArg, opResult, packedLinear } from '../groups/quantized-samples.js';
import { type CellParamsBase, isCellParams } from '../quantized/cell-params.js';
import { toQuantizedDtype } from '../quantized/quantizer.js';
import { tensorValues } from '../testing/materialize.js';

type T = TensorLike;

/**
 * One direction of one layer (PyTorch's FullLayer on CPU): the input projection of every time
 * step is computed at once, `linear_ih(input)` over [T, B, I] (so the dynamic quantization of the
 * input sees the whole sequence's min/max), then each step adds `linear_hh(h)` and applies the
 * LSTM cell (gates i, f, g, o).
 */
function runDirection(ctx: OpContext, input: T, h0: T, c0: T, p: CellParamsBase, reverse: boolean): [T, T, T] {
  const { F } = ctx;
  const steps = input.sizes[0];
  const projected = p.linearIh(ctx, input);
  const outputs: T[] = new Array(steps);
  let h = h0;
  let c = c0;
  for (let k = 0; k < steps; k++) {
    const t = reverse ? steps - 1 - k : k;
    [h, c] = cellStep(ctx, p, F.select(projected, 0, t), h, c);
    outputs[t] = h;
  }
  const output = steps > 0 ? F.stack(outputs, 0) : F.newZeros(projected, [0, h0.sizes[0], h0.sizes[1]]);
  return [output, h, c];
}

/** One LSTM cell step on precomputed input gates (PyTorch's LSTMCell with pre_compute_input). */
function cellStep(ctx: OpContext, p: CellParamsBase, gatesIh: T, h: T, c: T): [T, T] {
  const { F } = ctx;
  const gates = F.add(p.linearHh(ctx, h), gatesIh);
  const [gi, gf, gg, go] = F.chunk(gates, 4, 1);
  const next = F.add(F.mul(F.sigmoid(gf), c), F.mul(F.sigmoid(gi), F.tanh(gg)));
  return [F.mul(F.sigmoid(go), F.tanh(next)), next];
}

/**
 * One direction of one layer over a packed sequence (PyTorch's PackedLayer / ReversedPackedLayer
 * on CPU): `data` [sum(batch_sizes), I] holds the time steps one after the other, each with
 * batch_sizes[t] (non-increasing) sequences. The input projection is computed once over all of
 * `data`; going forward, sequences that have ended leave the hidden state (their final h and c
 * are kept); going backward, they join it from the initial state as they begin.
 */
function runPackedDirection(
  ctx: OpContext,
  data: T,
  batchSizes: readonly number[],
  h0: T,
  c0: T,
  p: CellParamsBase,
  reverse: boolean,
): [T, T, T] {
  const { F } = ctx;
  const projected = p.linearIh(ctx, data);
  const steps = batchSizes.length;
  const outputs: T[] = new Array(steps);
  const offsets: number[] = [];
  let total = 0;
  for (const b of batchSizes) {
    offsets.push(total);
    total += b;
  }
  if (!reverse) {
    let h = h0;
    let c = c0;
    const doneH: T[] = [];
    const doneC: T[] = [];
    let last = batchSizes[0];
    for (let t = 0; t < steps; t++) {
      const b = batchSizes[t];
      if (b < last) {
        doneH.push(F.narrow(h, 0, b, last - b));
        doneC.push(F.narrow(c, 0, b, last - b));
        h = F.narrow(h, 0, 0, b);
        c = F.narrow(c, 0, 0, b);
      }
      last = b;
      [h, c] = cellStep(ctx, p, F.narrow(projected, 0, offsets[t], b), h, c);
      outputs[t] = h;
    }
    doneH.push(h);
    doneC.push(c);
    return [F.cat(outputs, 0), F.cat(doneH.reverse(), 0), F.cat(doneC.reverse(), 0)];
  }
  let last = batchSizes[steps - 1];
  let h = F.narrow(h0, 0, 0, last);
  let c = F.narrow(c0, 0, 0, last);
  for (let t = steps - 1; t >= 0; t--) {
    const b = batchSizes[t];
    if (b > last) {
      h = F.cat([h, F.narrow(h0, 0, last, b - last)], 0);
      c = F.cat([c, F.narrow(c0, 0, last, b - last)], 0);
    }
    last = b;
    [h, c] = cellStep(ctx, p, F.narrow(projected, 0, offsets[t], b), h, c);
    outputs[t] = h;
  }
  return [F.cat(outputs, 0), h, c];
}

/** Only the dynamically quantized (qint8) cells are implemented; the fp16 and static variants are not. */
function checkDtype(dtype: unknown, useDynamic: boolean): void {
  const q = dtype === null || dtype === undefined ? 'qint8' : (toQuantizedDtype(dtype) ?? dtype);
  if (q !== 'qint8' && q !== 'int8' && q !== 1) {
    if (q === 'float16' || q === 5) throw new OpError('quantized_lstm with fp16 weights is not supported by tsjit yet');
    throw new OpError('dtype is not supported');
  }
  if (!useDynamic) {
    throw new OpError(
      'quantized_lstm with statically quantized cell parameters is not supported by tsjit (use_dynamic=False)',
    );
  }
}

type Direction = (x: T, h0: T, c0: T, p: CellParamsBase, reverse: boolean) => [T, T, T];

/**
 * The checks of quantized_lstm and its stack of layers (_lstm_impl): each layer's output (both
 * directions concatenated on the last dim) is the next layer's input; the final states are stacked
 * as [num_layers * num_directions, batch, hidden].
 */
function runLayers(ctx: OpContext, args: Record<string, any>, batch: number, direction: Direction) {
  const { F } = ctx;
  const { hx, params, has_biases, num_layers, train, bidirectional, dtype, use_dynamic } = args;
  const dropout = floatArg(args.dropout);
  if (hx.length !== 2) throw new OpError('lstm expects two hidden states');
  if (!has_biases) throw new OpError('quantized LSTM requires biases');
  checkDtype(dtype, use_dynamic);
  const directions = bidirectional ? 2 : 1;
  if (!Array.isArray(params) || params.length !== num_layers * directions || !params.every(isCellParams)) {
    throw new OpError(`quantized_lstm expects ${num_layers * directions} CellParamsBase objects`);
  }
  if (train && dropout > 0 && num_layers > 1) {
    throw new OpError('quantized_lstm with dropout in training mode is not supported by tsjit');
  }
  const [h0, c0] = hx as T[];
  for (const [i, h] of [h0, c0].entries()) {
    if (h.sizes.length !== 3 || h.sizes[0] !== num_layers * directions || h.sizes[1] !== batch) {
      throw new OpError(`hx[${i}] must be [${num_layers * directions}, ${batch}, hidden_size], got [${h.sizes}]`);
    }
  }
  return (input: T): T[] => {
    let layerInput = input;
    const hs: T[] = [];
    const cs: T[] = [];
    for (let layer = 0; layer < num_layers; layer++) {
      const outs: T[] = [];
      for (let d = 0; d < directions; d++) {
        const index = layer * directions + d;
        const p = params[index] as CellParamsBase;
        const [out, h, c] = direction(layerInput, F.select(h0, 0, index), F.select(c0, 0, index), p, d === 1);
        outs.push(out);
        hs.push(h);
        cs.push(c);
      }
      layerInput = directions === 2 ? F.cat(outs, outs[0].sizes.length - 1) : outs[0];
    }
    return [layerInput, F.stack(hs, 0), F.stack(cs, 0)];
  };
}

export const quantizedLstm = defineOp({
  schemas: [
    'aten::quantized_lstm.input(Tensor input, Tensor[] hx, __torch__.torch.classes.rnn.CellParamsBase[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first, *, ScalarType? dtype=None, bool use_dynamic=False) -> (Tensor, Tensor, Tensor)',
    'aten::quantized_lstm.data(Tensor data, Tensor batch_sizes, Tensor[] hx, __torch__.torch.classes.rnn.CellParamsBase[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, *, ScalarType? dtype=None, bool use_dynamic=False) -> (Tensor, Tensor, Tensor)',
  ],
  impl: {
    input: (args, ctx) => {
      const { F } = ctx;
      const input: T = args.batch_first ? F.transpose(args.input, 0, 1) : args.input;
      if (input.sizes.length !== 3 || input.quantizer || input.dtype !== 'float32') {
        throw new OpError('quantized_lstm expects a 3-d float input');
      }
      const [output, hy, cy] = runLayers(ctx, args, input.sizes[1], (x, h0, c0, p, reverse) =>
        runDirection(ctx, x, h0, c0, p, reverse),
      )(input);
      return [F.contiguous(args.batch_first ? F.transpose(output, 0, 1) : output), hy, cy];
    },
    data: (args, ctx) => {
      const { data, batch_sizes } = args;
      if (data.sizes.length !== 2 || data.quantizer || data.dtype !== 'float32') {
        throw new OpError('quantized_lstm expects 2-d float packed data');
      }
      if (batch_sizes.sizes.length !== 1 || batch_sizes.dtype !== 'int64') {
        throw new OpError('batch_sizes must be a 1-d int64 tensor');
      }
      const sizes = tensorValues(ctx, batch_sizes);
      const valid =
        sizes.length > 0 &&
        sizes.every((b, i) => b >= 1 && (i === 0 || b <= sizes[i - 1])) &&
        sizes.reduce((a, b) => a + b, 0) === data.sizes[0];
      if (!valid) {
        throw new OpError('batch_sizes must be non-increasing positive counts that add up to the packed data length');
      }
      return runLayers(ctx, args, sizes[0], (x, h0, c0, p, reverse) =>
        runPackedDirection(ctx, x, sizes, h0, c0, p, reverse),
      )(data);
    },
  },
  nondifferentiable: 'dynamically quantized inference (PyTorch defines no derivative for quantized_lstm)',
  samples: (S) => {
    const cell = (input: number, hidden: number, reduceRange = true): SampleValue =>
      opResult('quantized::make_quantized_cell_params_dynamic', [
        packedLinear(S, 4 * hidden, input, 0.003, true),
        packedLinear(S, 4 * hidden, hidden, 0.003, true),
        S.t([4 * hidden]),
        S.t([4 * hidden]),
        reduceRange,
      ]);
    const tol = { rtol: 1e-4, atol: 1e-5 };
    const hidden = (S2: SampleBuilder, n: number, b: number, h: number) => [S2.t([n, b, h]), S2.t([n, b, h])];
    return [
      S.call(
        'quantized_lstm.input',
        [S.t([5, 2, 3]), hidden(S, 1, 2, 4), [cell(3, 4)], true, 1, 0, false, false, false],
        { dtype: 'qint8', use_dynamic: true },
        tol,
      ),
      S.call(
        'quantized_lstm.input',
        [S.t([2, 4, 3]), hidden(S, 2, 2, 3), [cell(3, 3), cell(3, 3, false)], true, 1, 0, false, true, true],
        { dtype: 'qint8', use_dynamic: true },
        tol,
      ),
      S.call(
        'quantized_lstm.input',
        [S.t([3, 2, 2]), hidden(S, 2, 2, 3), [cell(2, 3), cell(3, 3)], true, 2, 0, false, false, false],
        { dtype: 'qint8', use_dynamic: true },
        tol,
      ),
      S.call(
        'quantized_lstm.data',
        [S.t([8, 3]), S.of([3, 2, 2, 1], [4], 'int64'), hidden(S, 1, 3, 4), [cell(3, 4)], true, 1, 0, false, false],
        { dtype: 'qint8', use_dynamic: true },
        tol,
      ),
      S.call(
        'quantized_lstm.data',
        [
          S.t([6, 2], { low: -4, high: 4 }),
          S.of([3, 2, 1], [3], 'int64'),
          hidden(S, 4, 3, 3),
          [cell(2, 3), cell(2, 3, false), cell(6, 3), cell(6, 3)],
          true,
          2,
          0,
          false,
          true,
        ],
        { dtype: 'qint8', use_dynamic: true },
        tol,
      ),
      S.error(
        'quantized_lstm.input',
        [S.t([3, 2, 2]), [S.t([1, 2, 3])], [cell(2, 3)], true, 1, 0, false, false, false],
        'lstm expects two hidden states',
        { dtype: 'qint8', use_dynamic: true },
      ),
    ];
  },
});
