import { dequantize } from '../aten/dequantize.js';
import { intRepr } from '../aten/int-repr.js';
import { qPerChannelAxis } from '../aten/q-per-channel-axis.js';
import { qPerChannelScales } from '../aten/q-per-channel-scales.js';
import { qPerChannelZeroPoints } from '../aten/q-per-channel-zero-points.js';
import { qScale } from '../aten/q-scale.js';
import { qZeroPoint } from '../aten/q-zero-point.js';
import { qscheme } from '../aten/qscheme.js';
import { quantizePerChannel } from '../aten/quantize-per-channel.js';
import { quantizePerTensor } from '../aten/quantize-per-tensor.js';
import { quantizedLstm } from '../aten/quantized-lstm.js';
import type { Op } from '../core/define-op.js';
import { linearDynamic } from '../quantized/linear-dynamic.js';
import { linearPrepack } from '../quantized/linear-prepack.js';
import { linearUnpack } from '../quantized/linear-unpack.js';
import { makeQuantizedCellParamsDynamic } from '../quantized/make-quantized-cell-params-dynamic.js';

/** Quantized tensors (quantize, dequantize, their parameters) and dynamic quantization (linear, LSTM). */
export const quantizedOps: readonly Op[] = [
  quantizePerTensor,
  quantizePerChannel,
  dequantize,
  intRepr,
  qScale,
  qZeroPoint,
  qPerChannelScales,
  qPerChannelZeroPoints,
  qPerChannelAxis,
  qscheme,
  linearPrepack,
  linearUnpack,
  linearDynamic,
  makeQuantizedCellParamsDynamic,
  quantizedLstm,
];
