import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import type { SampleBuilder, SampleValue } from '../core/samples.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { floatArg, opResult, packedLinear } from '../groups/quantized-samples.js';
import { type CellParamsBase, isCellParams } from '../quantized/cell-params.js';
import { toQuantizedDtype } from '../quantized/quantizer.js';

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
    const gates = F.add(p.linearHh(ctx, h), F.select(projected, 0, t));
    const [gi, gf, gg, go] = F.chunk(gates, 4, 1);
    c = F.add(F.mul(F.sigmoid(gf), c), F.mul(F.sigmoid(gi), F.tanh(gg)));
    h = F.mul(F.sigmoid(go), F.tanh(c));
    outputs[t] = h;
  }
  const output = steps > 0 ? F.stack(outputs, 0) : F.newZeros(projected, [0, h0.sizes[0], h0.sizes[1]]);
  return [output, h, c];
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

export const quantizedLstm = defineOp({
  schemas: [
    'aten::quantized_lstm.input(Tensor input, Tensor[] hx, __torch__.torch.classes.rnn.CellParamsBase[] params, bool has_biases, int num_layers, float dropout, bool train, bool bidirectional, bool batch_first, *, ScalarType? dtype=None, bool use_dynamic=False) -> (Tensor, Tensor, Tensor)',
  ],
  impl: (args, ctx) => {
    const { F } = ctx;
    const { hx, params, has_biases, num_layers, train, bidirectional, batch_first, dtype, use_dynamic } = args;
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
    const input: T = batch_first ? F.transpose(args.input, 0, 1) : args.input;
    if (input.sizes.length !== 3 || input.quantizer || input.dtype !== 'float32') {
      throw new OpError('quantized_lstm expects a 3-d float input');
    }
    const [h0, c0] = hx as T[];
    const expected = [num_layers * directions, input.sizes[1]];
    for (const [i, h] of [h0, c0].entries()) {
      if (h.sizes.length !== 3 || h.sizes[0] !== expected[0] || h.sizes[1] !== expected[1]) {
        throw new OpError(`hx[${i}] must be [${expected[0]}, ${expected[1]}, hidden_size], got [${h.sizes}]`);
      }
    }
    let layerInput = input;
    const hs: T[] = [];
    const cs: T[] = [];
    for (let layer = 0; layer < num_layers; layer++) {
      const outs: T[] = [];
      for (let d = 0; d < directions; d++) {
        const index = layer * directions + d;
        const [out, h, c] = runDirection(
          ctx,
          layerInput,
          F.select(h0, 0, index),
          F.select(c0, 0, index),
          params[index] as CellParamsBase,
          d === 1,
        );
        outs.push(out);
        hs.push(h);
        cs.push(c);
      }
      layerInput = directions === 2 ? F.cat(outs, outs[0].sizes.length - 1) : outs[0];
    }
    const output = batch_first ? F.transpose(layerInput, 0, 1) : layerInput;
    return [F.contiguous(output), F.stack(hs, 0), F.stack(cs, 0)];
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
      S.error(
        'quantized_lstm.input',
        [S.t([3, 2, 2]), [S.t([1, 2, 3])], [cell(2, 3)], true, 1, 0, false, false, false],
        'lstm expects two hidden states',
        { dtype: 'qint8', use_dynamic: true },
      ),
    ];
  },
});
