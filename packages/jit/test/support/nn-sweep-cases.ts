/**
 * The acceptance sweep's table (nn-sweep-layers.test.ts): every layer class @tsjit/nn exports, in
 * representative configurations, with inputs in PyTorch's positional order (the order the scripted
 * forward and the archives PyTorch loads take them).
 */
import * as nn from '@tsjit/nn';
import { torchOps as T, type Tensor, tensor } from '@tsjit/tensor';
import { torchscript } from '../../src/index.js';
import type { GrowDims, GrowKind } from './nn-sweep.js';

export interface SweepCase {
  /** The exported @tsjit/nn class the case exercises (coverage is checked against the exports). */
  readonly layer: string;
  /** Unique id, also the archive name. */
  readonly name: string;
  readonly build: () => nn.Module;
  /** The forward's arguments in PyTorch's order: tensors, tuples (arrays) of tensors, null, ints, lists, bools. */
  readonly inputs: () => unknown[];
  /** The eager call, where the TypeScript forward takes its arguments otherwise (an options object). */
  readonly call?: (m: nn.Module, args: unknown[]) => unknown;
  /** Run in training mode (default: eval). */
  readonly train?: boolean;
  /** The output draws from the random generator (dropout in training): PyTorch's generator cannot agree. */
  readonly random?: boolean;
  /**
   * The sizes the trace is rerun over (batch, sequence length, spatial), as the dims of each
   * traceable tensor; default: dim 0 of every tensor is the batch. Where PyTorch 1.13's own trace
   * of the layer generalizes, ours must (checked against eager and in PyTorch on the archive).
   */
  readonly grow?: Partial<Record<GrowKind, GrowDims>>;
  /** Sizes PyTorch 1.13's trace of the same layer does not generalize over either, with the reason. */
  readonly fixed?: Partial<Record<GrowKind, string>>;
  /**
   * Sizes PyTorch 1.13's trace generalizes over but tsjit's does not yet, with the reason (the
   * test checks that the gap is real, so that a fix has to move the entry).
   */
  readonly gap?: Partial<Record<GrowKind, string>>;
  /**
   * Why `jit.script` refuses the layer, as PyTorch 1.13's refuses the same class (the test checks
   * that it still does): the case is then checked traced only, and only its trace archive goes to PyTorch.
   */
  readonly scriptRefused?: string;
}

/** The growths a case's trace is checked over, given its traceable tensors (flattened) count. */
export function growthsOf(c: SweepCase, tensors: number): [GrowKind, GrowDims][] {
  const grow = c.grow ?? { batch: Array.from({ length: tensors }, () => [0]) };
  return (Object.entries(grow) as [GrowKind, GrowDims][]).filter(([kind]) => c.fixed?.[kind] === undefined);
}

/** The growths where tsjit's trace is known not to generalize (PyTorch's does): the case's `gap`. */
export function gapsOf(c: SweepCase, tensors: number): [GrowKind, GrowDims][] {
  return growthsOf(c, tensors).filter(([kind]) => c.gap?.[kind] !== undefined);
}

/** Growth specs: the same dims for each of n tensors. */
const each = (n: number, dims: number[]): GrowDims => Array.from({ length: n }, () => dims);
const batchSpatial = (spatial: number[], n = 1) => ({ batch: each(n, [0]), spatial: each(n, spatial) });

const randn = (...sizes: number[]) => T.randn(sizes);
const longs = (values: number[] | number[][]) => tensor(values, { dtype: 'int64' });
const bools = (values: boolean[] | boolean[][]) => tensor(values, { dtype: 'bool' });

const cases: SweepCase[] = [];
function add(layer: string, name: string, c: Omit<SweepCase, 'layer' | 'name'>): void {
  cases.push({ layer, name, ...c });
}

// Activations: defaults and non-default arguments, in-place variants.
const x26 = () => [T.mul(randn(2, 6), 3)];
const activations: [string, string, () => nn.Module][] = [
  ['ReLU', 'ReLU', () => new nn.ReLU()],
  ['ReLU', 'ReLU_inplace', () => new nn.ReLU(true)],
  ['ReLU6', 'ReLU6', () => new nn.ReLU6()],
  ['SELU', 'SELU', () => new nn.SELU()],
  ['SiLU', 'SiLU', () => new nn.SiLU()],
  ['Mish', 'Mish', () => new nn.Mish()],
  ['Hardswish', 'Hardswish', () => new nn.Hardswish()],
  ['Hardsigmoid', 'Hardsigmoid', () => new nn.Hardsigmoid()],
  ['Hardsigmoid', 'Hardsigmoid_inplace', () => new nn.Hardsigmoid(true)],
  ['LeakyReLU', 'LeakyReLU', () => new nn.LeakyReLU()],
  ['LeakyReLU', 'LeakyReLU_0.2_inplace', () => new nn.LeakyReLU(0.2, true)],
  ['ELU', 'ELU', () => new nn.ELU()],
  ['ELU', 'ELU_0.7_inplace', () => new nn.ELU(0.7, true)],
  ['CELU', 'CELU_1.5', () => new nn.CELU(1.5)],
  ['Hardtanh', 'Hardtanh', () => new nn.Hardtanh()],
  ['Hardtanh', 'Hardtanh_-2_1.5_inplace', () => new nn.Hardtanh(-2, 1.5, true)],
  ['Threshold', 'Threshold_0.5_-1', () => new nn.Threshold(0.5, -1)],
  ['GELU', 'GELU', () => new nn.GELU()],
  ['GELU', 'GELU_tanh', () => new nn.GELU({ approximate: 'tanh' })],
  ['Sigmoid', 'Sigmoid', () => new nn.Sigmoid()],
  ['Tanh', 'Tanh', () => new nn.Tanh()],
  ['LogSigmoid', 'LogSigmoid', () => new nn.LogSigmoid()],
  ['Softsign', 'Softsign', () => new nn.Softsign()],
  ['Tanhshrink', 'Tanhshrink', () => new nn.Tanhshrink()],
  ['Softplus', 'Softplus', () => new nn.Softplus()],
  ['Softplus', 'Softplus_2_3', () => new nn.Softplus(2, 3)],
  ['Softshrink', 'Softshrink_0.7', () => new nn.Softshrink(0.7)],
  ['Hardshrink', 'Hardshrink', () => new nn.Hardshrink()],
  ['GLU', 'GLU', () => new nn.GLU()],
  ['GLU', 'GLU_dim0', () => new nn.GLU(0)],
  ['Softmax', 'Softmax_dim1', () => new nn.Softmax(1)],
  ['Softmin', 'Softmin_dim0', () => new nn.Softmin(0)],
  ['LogSoftmax', 'LogSoftmax_dim-1', () => new nn.LogSoftmax(-1)],
  ['PReLU', 'PReLU', () => new nn.PReLU()],
  ['Identity', 'Identity', () => new nn.Identity(3, { unused: true })],
];
for (const [layer, name, build] of activations) add(layer, name, { build, inputs: x26 });
add('Softmax', 'Softmax_implicit_dim_3d', { build: () => new nn.Softmax(), inputs: () => [randn(2, 3, 2)] });
add('LogSoftmax', 'LogSoftmax_implicit_dim_1d', { build: () => new nn.LogSoftmax(), inputs: () => [randn(5)] });
add('Softmax2d', 'Softmax2d', { build: () => new nn.Softmax2d(), inputs: () => [randn(1, 3, 2, 2)] });
add('Softmax2d', 'Softmax2d_unbatched', { build: () => new nn.Softmax2d(), inputs: () => [randn(3, 2, 2)] });
add('PReLU', 'PReLU_3_channels', { build: () => new nn.PReLU(3, 0.1), inputs: () => [randn(2, 3, 4)] });
add('RReLU', 'RReLU_eval', { build: () => new nn.RReLU(0.1, 0.3), inputs: x26 });
add('RReLU', 'RReLU_train', { build: () => new nn.RReLU(), inputs: x26, train: true, random: true });

// Linear layers.
add('Linear', 'Linear', { build: () => new nn.Linear(4, 3), inputs: () => [randn(2, 4)] });
add('Linear', 'Linear_nobias_3d', {
  build: () => new nn.Linear(4, 3, { bias: false }),
  inputs: () => [randn(2, 5, 4)],
});
add('Linear', 'Linear_1d', { build: () => new nn.Linear(4, 2), inputs: () => [randn(4)] });
add('NonDynamicallyQuantizableLinear', 'NonDynamicallyQuantizableLinear', {
  build: () => new nn.NonDynamicallyQuantizableLinear(4, 3),
  inputs: () => [randn(2, 4)],
});
add('Bilinear', 'Bilinear', { build: () => new nn.Bilinear(3, 2, 4), inputs: () => [randn(2, 3), randn(2, 2)] });
add('Bilinear', 'Bilinear_nobias', {
  build: () => new nn.Bilinear(3, 3, 2, { bias: false }),
  inputs: () => [randn(5, 3), randn(5, 3)],
});

// Convolutions: stride, padding (ints, 'same', 'valid'), dilation, groups, padding modes, no bias.
add('Conv1d', 'Conv1d', { build: () => new nn.Conv1d(2, 3, 3), inputs: () => [randn(2, 2, 7)] });
add('Conv1d', 'Conv1d_stride2_pad1_dil2', {
  build: () => new nn.Conv1d(4, 6, 3, { stride: 2, padding: 1, dilation: 2, groups: 2 }),
  inputs: () => [randn(1, 4, 9)],
});
add('Conv1d', 'Conv1d_same_circular', {
  build: () => new nn.Conv1d(2, 2, 4, { padding: 'same', paddingMode: 'circular' }),
  inputs: () => [randn(2, 2, 6)],
});
add('Conv1d', 'Conv1d_unbatched_replicate', {
  build: () => new nn.Conv1d(2, 3, 3, { padding: 2, paddingMode: 'replicate', bias: false }),
  inputs: () => [randn(2, 5)],
});
add('Conv2d', 'Conv2d', { build: () => new nn.Conv2d(3, 4, 3), inputs: () => [randn(2, 3, 6, 6)] });
add('Conv2d', 'Conv2d_stride2_pad1_nobias', {
  build: () => new nn.Conv2d(3, 4, 3, { stride: 2, padding: 1, bias: false }),
  inputs: () => [randn(1, 3, 7, 7)],
});
add('Conv2d', 'Conv2d_rect_dilation_groups_reflect', {
  build: () =>
    new nn.Conv2d(4, 4, [3, 2], { stride: [2, 1], padding: 1, dilation: [1, 2], groups: 2, paddingMode: 'reflect' }),
  inputs: () => [randn(1, 4, 6, 6)],
});
add('Conv2d', 'Conv2d_depthwise_same', {
  build: () => new nn.Conv2d(3, 6, 3, { padding: 'same', groups: 3 }),
  inputs: () => [randn(1, 3, 5, 5)],
});
add('Conv2d', 'Conv2d_valid_circular', {
  build: () => new nn.Conv2d(2, 2, 3, { padding: [1, 2], paddingMode: 'circular' }),
  inputs: () => [randn(1, 2, 4, 5)],
});
add('Conv3d', 'Conv3d', { build: () => new nn.Conv3d(2, 2, 2), inputs: () => [randn(1, 2, 3, 3, 3)] });
add('Conv3d', 'Conv3d_stride_pad_groups', {
  build: () => new nn.Conv3d(2, 4, 3, { stride: 2, padding: 1, groups: 2 }),
  inputs: () => [randn(1, 2, 4, 4, 4)],
});
add('ConvTranspose1d', 'ConvTranspose1d_stride2_outpad', {
  build: () => new nn.ConvTranspose1d(2, 3, 3, { stride: 2, padding: 1, outputPadding: 1 }),
  inputs: () => [randn(1, 2, 4)],
});
add('ConvTranspose1d', 'ConvTranspose1d_dilation_groups', {
  build: () => new nn.ConvTranspose1d(4, 2, 3, { dilation: 2, groups: 2, bias: false }),
  inputs: () => [randn(2, 4, 3)],
});
add('ConvTranspose2d', 'ConvTranspose2d_stride2_groups', {
  build: () => new nn.ConvTranspose2d(2, 4, 3, { stride: 2, groups: 2 }),
  inputs: () => [randn(1, 2, 3, 3)],
});
add('ConvTranspose2d', 'ConvTranspose2d_output_size', {
  build: () => new nn.ConvTranspose2d(2, 2, 3, { stride: 2, padding: 1 }),
  inputs: () => [randn(1, 2, 3, 3), [6, 6]],
});

// Normalization: training (batch statistics, running stats updated) and eval.
for (const train of [false, true]) {
  const mode = train ? 'train' : 'eval';
  add('BatchNorm1d', `BatchNorm1d_${mode}`, { build: () => new nn.BatchNorm1d(3), inputs: () => [randn(4, 3)], train });
  add('BatchNorm1d', `BatchNorm1d_3d_cumulative_${mode}`, {
    build: () => new nn.BatchNorm1d(3, { momentum: null }),
    inputs: () => [randn(4, 3, 2)],
    train,
  });
  add('BatchNorm2d', `BatchNorm2d_${mode}`, {
    build: () => new nn.BatchNorm2d(3),
    inputs: () => [randn(2, 3, 2, 2)],
    train,
  });
  add('BatchNorm2d', `BatchNorm2d_nostats_noaffine_${mode}`, {
    build: () => new nn.BatchNorm2d(2, { trackRunningStats: false, affine: false }),
    inputs: () => [randn(2, 2, 2, 2)],
    train,
  });
  add('BatchNorm3d', `BatchNorm3d_${mode}`, {
    build: () => new nn.BatchNorm3d(2, { eps: 1e-3, momentum: 0.2 }),
    inputs: () => [randn(2, 2, 2, 2, 2)],
    train,
  });
  add('InstanceNorm1d', `InstanceNorm1d_${mode}`, {
    build: () => new nn.InstanceNorm1d(3),
    inputs: () => [randn(2, 3, 5)],
    train,
  });
  add('InstanceNorm2d', `InstanceNorm2d_affine_stats_${mode}`, {
    build: () => new nn.InstanceNorm2d(2, { affine: true, trackRunningStats: true }),
    inputs: () => [randn(2, 2, 3, 3)],
    train,
  });
}
add('InstanceNorm1d', 'InstanceNorm1d_unbatched', {
  build: () => new nn.InstanceNorm1d(3),
  inputs: () => [randn(3, 5)],
});
add('InstanceNorm2d', 'InstanceNorm2d', { build: () => new nn.InstanceNorm2d(3), inputs: () => [randn(1, 3, 4, 4)] });
add('LayerNorm', 'LayerNorm', { build: () => new nn.LayerNorm([3, 2]), inputs: () => [randn(2, 3, 2)] });
add('LayerNorm', 'LayerNorm_noaffine_eps', {
  build: () => new nn.LayerNorm(4, { eps: 1e-3, elementwiseAffine: false }),
  inputs: () => [randn(3, 4)],
});
add('GroupNorm', 'GroupNorm', { build: () => new nn.GroupNorm(2, 4), inputs: () => [randn(2, 4, 3)] });
add('GroupNorm', 'GroupNorm_noaffine_4d', {
  build: () => new nn.GroupNorm(3, 6, { affine: false, eps: 1e-3 }),
  inputs: () => [randn(2, 6, 2, 2)],
});

// Dropout: eval (identity) and training (the same seed before each run).
const dropouts: [string, () => nn.Module, () => unknown[]][] = [
  ['Dropout', () => new nn.Dropout(0.3), () => [randn(4, 5)]],
  ['Dropout1d', () => new nn.Dropout1d(0.4), () => [randn(2, 4, 3)]],
  ['Dropout2d', () => new nn.Dropout2d(0.5), () => [randn(2, 4, 2, 2)]],
  ['AlphaDropout', () => new nn.AlphaDropout(0.2), () => [randn(4, 5)]],
];
for (const [layer, build, inputs] of dropouts) {
  add(layer, `${layer}_eval`, { build, inputs });
  add(layer, `${layer}_train`, { build, inputs, train: true, random: true });
}
add('Dropout', 'Dropout_p0_train', { build: () => new nn.Dropout(0), inputs: () => [randn(3, 3)], train: true });

// Sparse layers.
add('Embedding', 'Embedding_padding_idx', {
  build: () => new nn.Embedding(10, 3, { paddingIdx: 0 }),
  inputs: () => [
    longs([
      [0, 2, 4],
      [9, 1, 0],
    ]),
  ],
});
add('Embedding', 'Embedding_max_norm', {
  build: () => new nn.Embedding(6, 4, { maxNorm: 1.0, normType: 3 }),
  // Other rows each time: a trace must renormalize the rows it is given, not those of the example.
  inputs: () => [T.randint(0, 6, [4], { dtype: 'int64' })],
});
add('EmbeddingBag', 'EmbeddingBag_sum_offsets', {
  build: () => new nn.EmbeddingBag(8, 3, { mode: 'sum' }),
  inputs: () => [longs([1, 2, 4, 5, 4, 3, 2, 7]), longs([0, 3])],
});
add('EmbeddingBag', 'EmbeddingBag_mean_2d', {
  build: () => new nn.EmbeddingBag(8, 3),
  inputs: () => [
    longs([
      [1, 2, 4],
      [4, 3, 7],
    ]),
  ],
});
add('EmbeddingBag', 'EmbeddingBag_max_padding', {
  build: () => new nn.EmbeddingBag(8, 2, { mode: 'max', paddingIdx: 2 }),
  inputs: () => [longs([1, 2, 4, 5, 2, 3]), longs([0, 2, 4])],
});
add('EmbeddingBag', 'EmbeddingBag_per_sample_weights_last_offset', {
  build: () => new nn.EmbeddingBag(5, 2, { mode: 'sum', includeLastOffset: true }),
  inputs: () => [longs([0, 1, 4, 2]), longs([0, 1, 4]), T.rand([4])],
});

// Pooling.
add('MaxPool1d', 'MaxPool1d_stride_pad', {
  build: () => new nn.MaxPool1d(3, { stride: 2, padding: 1 }),
  inputs: () => [randn(1, 2, 7)],
});
add('MaxPool1d', 'MaxPool1d_dilation_indices', {
  build: () => new nn.MaxPool1d(2, { dilation: 2, returnIndices: true }),
  inputs: () => [randn(2, 7)],
});
add('MaxPool2d', 'MaxPool2d', { build: () => new nn.MaxPool2d(2), inputs: () => [randn(1, 2, 4, 5)] });
add('MaxPool2d', 'MaxPool2d_ceil_indices', {
  build: () => new nn.MaxPool2d(3, { stride: 2, padding: 1, ceilMode: true, returnIndices: true }),
  inputs: () => [randn(1, 1, 6, 5)],
});
add('AvgPool1d', 'AvgPool1d', { build: () => new nn.AvgPool1d(3, { stride: 2 }), inputs: () => [randn(1, 2, 7)] });
add('AvgPool1d', 'AvgPool1d_pad_ceil_exclude', {
  build: () => new nn.AvgPool1d(2, { padding: 1, ceilMode: true, countIncludePad: false }),
  inputs: () => [randn(2, 5)],
});
add('AvgPool2d', 'AvgPool2d_pad_exclude', {
  build: () => new nn.AvgPool2d(3, { stride: 2, padding: 1, countIncludePad: false }),
  inputs: () => [randn(1, 2, 5, 5)],
});
add('AvgPool2d', 'AvgPool2d_divisor', {
  build: () => new nn.AvgPool2d([2, 3], { divisorOverride: 4 }),
  inputs: () => [randn(1, 1, 4, 6)],
});
add('AdaptiveAvgPool1d', 'AdaptiveAvgPool1d', {
  build: () => new nn.AdaptiveAvgPool1d(3),
  inputs: () => [randn(1, 2, 7)],
});
add('AdaptiveAvgPool2d', 'AdaptiveAvgPool2d_none', {
  build: () => new nn.AdaptiveAvgPool2d([2, null]),
  inputs: () => [randn(1, 2, 5, 3)],
});
add('AdaptiveAvgPool2d', 'AdaptiveAvgPool2d_none_first_unbatched', {
  build: () => new nn.AdaptiveAvgPool2d([null, 2]),
  inputs: () => [randn(2, 4, 5)],
});
add('AdaptiveAvgPool2d', 'AdaptiveAvgPool2d_1', {
  build: () => new nn.AdaptiveAvgPool2d(1),
  inputs: () => [randn(2, 3, 4, 4)],
});
add('AdaptiveMaxPool1d', 'AdaptiveMaxPool1d', {
  build: () => new nn.AdaptiveMaxPool1d(2),
  inputs: () => [randn(1, 2, 5)],
});
add('AdaptiveMaxPool1d', 'AdaptiveMaxPool1d_indices', {
  build: () => new nn.AdaptiveMaxPool1d(3, true),
  inputs: () => [randn(2, 7)],
});
add('AdaptiveMaxPool2d', 'AdaptiveMaxPool2d_indices', {
  build: () => new nn.AdaptiveMaxPool2d(2, true),
  inputs: () => [randn(1, 2, 5, 5)],
});
add('AdaptiveMaxPool2d', 'AdaptiveMaxPool2d_none_indices', {
  build: () => new nn.AdaptiveMaxPool2d([2, null], true),
  inputs: () => [randn(1, 2, 5, 3)],
});
add('AdaptiveMaxPool2d', 'AdaptiveMaxPool2d_none_first_unbatched_indices', {
  build: () => new nn.AdaptiveMaxPool2d([null, 2], true),
  inputs: () => [randn(2, 4, 5)],
});
add('AdaptiveMaxPool2d', 'AdaptiveMaxPool2d_rect', {
  build: () => new nn.AdaptiveMaxPool2d([3, 2]),
  inputs: () => [randn(2, 5, 4)],
});

// Padding.
add('ConstantPad1d', 'ConstantPad1d', {
  build: () => new nn.ConstantPad1d([2, 1], 0.5),
  inputs: () => [randn(1, 2, 3)],
});
add('ConstantPad2d', 'ConstantPad2d', {
  build: () => new nn.ConstantPad2d([1, 0, 2, 1], -1.0),
  inputs: () => [randn(1, 1, 2, 2)],
});
add('ZeroPad2d', 'ZeroPad2d', { build: () => new nn.ZeroPad2d(1), inputs: () => [randn(1, 1, 2, 3)] });
add('ReflectionPad1d', 'ReflectionPad1d', {
  build: () => new nn.ReflectionPad1d([2, 1]),
  inputs: () => [randn(1, 2, 4)],
});
add('ReflectionPad2d', 'ReflectionPad2d', {
  build: () => new nn.ReflectionPad2d(1),
  inputs: () => [randn(1, 2, 3, 3)],
});
add('ReplicationPad1d', 'ReplicationPad1d', {
  build: () => new nn.ReplicationPad1d(2),
  inputs: () => [randn(2, 3, 2)],
});
add('ReplicationPad2d', 'ReplicationPad2d', {
  build: () => new nn.ReplicationPad2d([0, 2, 1, 1]),
  inputs: () => [randn(1, 1, 2, 2)],
});

// Shapes and resampling.
add('PixelShuffle', 'PixelShuffle', { build: () => new nn.PixelShuffle(2), inputs: () => [randn(1, 8, 2, 3)] });
add('PixelUnshuffle', 'PixelUnshuffle', { build: () => new nn.PixelUnshuffle(2), inputs: () => [randn(1, 2, 4, 2)] });
add('Flatten', 'Flatten', { build: () => new nn.Flatten(), inputs: () => [randn(2, 3, 2)] });
add('Flatten', 'Flatten_0_1', { build: () => new nn.Flatten(0, 1), inputs: () => [randn(2, 3, 2)] });
add('Unflatten', 'Unflatten', { build: () => new nn.Unflatten(1, [2, 3]), inputs: () => [randn(2, 6)] });
add('Upsample', 'Upsample_nearest_scale', {
  build: () => new nn.Upsample({ scaleFactor: 2 }),
  inputs: () => [randn(1, 1, 2, 3)],
});
add('Upsample', 'Upsample_bilinear_size_align', {
  build: () => new nn.Upsample({ size: [5, 4], mode: 'bilinear', alignCorners: true }),
  inputs: () => [randn(1, 2, 3, 2)],
});
add('Upsample', 'Upsample_linear_recompute', {
  build: () => new nn.Upsample({ scaleFactor: 1.5, mode: 'linear', recomputeScaleFactor: true }),
  inputs: () => [randn(1, 2, 4)],
});
add('Upsample', 'Upsample_bicubic', {
  build: () => new nn.Upsample({ scaleFactor: 2, mode: 'bicubic' }),
  inputs: () => [randn(1, 1, 3, 3)],
});
add('UpsamplingNearest2d', 'UpsamplingNearest2d', {
  build: () => new nn.UpsamplingNearest2d({ scaleFactor: 2 }),
  inputs: () => [randn(1, 2, 2, 2)],
});
add('UpsamplingBilinear2d', 'UpsamplingBilinear2d', {
  build: () => new nn.UpsamplingBilinear2d({ size: [4, 5] }),
  inputs: () => [randn(1, 2, 2, 3)],
});

// Recurrent layers: layers, directions, batch_first, bias, initial state, unbatched; LSTM projections.
add('RNN', 'RNN_tanh', { build: () => new nn.RNN(3, 4), inputs: () => [randn(5, 2, 3)] });
add('RNN', 'RNN_relu_2layers_bidir_hx', {
  build: () => new nn.RNN(3, 4, 2, { nonlinearity: 'relu', bidirectional: true }),
  inputs: () => [randn(5, 2, 3), randn(4, 2, 4)],
});
add('RNN', 'RNN_batch_first_nobias_unbatched', {
  build: () => new nn.RNN(3, 4, { batchFirst: true, bias: false }),
  inputs: () => [randn(5, 3)],
});
add('GRU', 'GRU', { build: () => new nn.GRU(3, 4), inputs: () => [randn(5, 2, 3)] });
add('GRU', 'GRU_2layers_bidir_batch_first_hx', {
  build: () => new nn.GRU(3, 4, 2, { bidirectional: true, batchFirst: true }),
  inputs: () => [randn(2, 5, 3), randn(4, 2, 4)],
});
add('LSTM', 'LSTM', { build: () => new nn.LSTM(3, 4), inputs: () => [randn(5, 2, 3)] });
add('LSTM', 'LSTM_2layers_bidir_hc', {
  build: () => new nn.LSTM(3, 4, 2, { bidirectional: true }),
  inputs: () => [randn(5, 2, 3), [randn(4, 2, 4), randn(4, 2, 4)]],
});
add('LSTM', 'LSTM_proj_batch_first', {
  build: () => new nn.LSTM(3, 5, 2, { projSize: 2, batchFirst: true }),
  inputs: () => [randn(2, 4, 3)],
});
add('LSTM', 'LSTM_proj_bidir_unbatched_hc', {
  build: () => new nn.LSTM(3, 4, { projSize: 2, bidirectional: true }),
  inputs: () => [randn(5, 3), [randn(2, 2), randn(2, 4)]],
});
add('LSTM', 'LSTM_2layers_dropout_eval', {
  build: () => new nn.LSTM(3, 4, 2, { dropout: 0.5 }),
  inputs: () => [randn(4, 2, 3)],
});
add('RNNCell', 'RNNCell', { build: () => new nn.RNNCell(3, 4), inputs: () => [randn(2, 3)] });
add('RNNCell', 'RNNCell_relu_hx', {
  build: () => new nn.RNNCell(3, 4, { nonlinearity: 'relu' }),
  inputs: () => [randn(2, 3), randn(2, 4)],
});
add('RNNCell', 'RNNCell_unbatched_nobias', {
  build: () => new nn.RNNCell(3, 4, { bias: false }),
  inputs: () => [randn(3)],
});
add('LSTMCell', 'LSTMCell', { build: () => new nn.LSTMCell(3, 4), inputs: () => [randn(2, 3)] });
add('LSTMCell', 'LSTMCell_hc', {
  build: () => new nn.LSTMCell(3, 4),
  inputs: () => [randn(2, 3), [randn(2, 4), randn(2, 4)]],
});
add('GRUCell', 'GRUCell', { build: () => new nn.GRUCell(3, 4), inputs: () => [randn(2, 3)] });
add('GRUCell', 'GRUCell_hx_unbatched', { build: () => new nn.GRUCell(3, 4), inputs: () => [randn(3), randn(4)] });

// Attention and Transformer layers. The TypeScript forwards take masks in an options object.
const mha = (m: nn.Module, [q, k, v, kpm, needWeights, attnMask, average]: unknown[]) =>
  (m as nn.MultiheadAttention).call(q as Tensor, k as Tensor, v as Tensor, {
    keyPaddingMask: kpm as Tensor | null,
    needWeights: needWeights as boolean,
    attnMask: attnMask as Tensor | null,
    averageAttnWeights: average as boolean,
  });
add('MultiheadAttention', 'MultiheadAttention_self', {
  build: () => new nn.MultiheadAttention(8, 2),
  inputs: () => {
    const x = randn(4, 2, 8);
    return [x, x, x, null, true, null, true];
  },
  call: mha,
});
add('MultiheadAttention', 'MultiheadAttention_batch_first_masks_per_head', {
  build: () => new nn.MultiheadAttention(8, 2, { batchFirst: true }),
  inputs: () => [
    randn(2, 3, 8),
    randn(2, 4, 8),
    randn(2, 4, 8),
    bools([
      [false, false, true, true],
      [false, false, false, true],
    ]),
    true,
    T.triu(T.full([3, 4], Number.NEGATIVE_INFINITY), 2),
    false,
  ],
  call: mha,
});
add('MultiheadAttention', 'MultiheadAttention_kdim_vdim_bias_kv_zero_attn', {
  build: () => new nn.MultiheadAttention(6, 3, { kdim: 4, vdim: 5, addBiasKv: true, addZeroAttn: true }),
  inputs: () => [randn(3, 2, 6), randn(4, 2, 4), randn(4, 2, 5), null, false, null, true],
  call: mha,
});
const encoderLayer = (m: nn.Module, [src, mask, kpm]: unknown[]) =>
  (m as nn.TransformerEncoderLayer).call(src as Tensor, {
    srcMask: mask as Tensor | null,
    srcKeyPaddingMask: kpm as Tensor | null,
  });
const padding = () =>
  bools([
    [false, false, false, true, true],
    [false, false, false, false, false],
  ]);
add('TransformerEncoderLayer', 'TransformerEncoderLayer', {
  build: () => new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16 }),
  inputs: () => [randn(5, 2, 8)],
});
add('TransformerEncoderLayer', 'TransformerEncoderLayer_norm_first_gelu_batch_first_masks', {
  build: () =>
    new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16, normFirst: true, activation: 'gelu', batchFirst: true }),
  inputs: () => [randn(2, 5, 8), T.triu(T.full([5, 5], Number.NEGATIVE_INFINITY), 1), padding()],
  call: encoderLayer,
});
const encoder = (m: nn.Module, [src, mask, kpm]: unknown[]) =>
  (m as nn.TransformerEncoder).call(src as Tensor, {
    mask: mask as Tensor | null,
    srcKeyPaddingMask: kpm as Tensor | null,
  });
add('TransformerEncoder', 'TransformerEncoder_norm_padding', {
  build: () =>
    new nn.TransformerEncoder(new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16 }), 2, {
      norm: new nn.LayerNorm(8),
    }),
  inputs: () => [randn(5, 2, 8), null, padding()],
  call: encoder,
});
const decoderArgs = (m: nn.Module, [tgt, memory, tgtMask, memoryMask, tgtKpm, memoryKpm]: unknown[]) =>
  (m as nn.TransformerDecoderLayer).call(tgt as Tensor, memory as Tensor, {
    tgtMask: tgtMask as Tensor | null,
    memoryMask: memoryMask as Tensor | null,
    tgtKeyPaddingMask: tgtKpm as Tensor | null,
    memoryKeyPaddingMask: memoryKpm as Tensor | null,
  });
add('TransformerDecoderLayer', 'TransformerDecoderLayer', {
  build: () => new nn.TransformerDecoderLayer(8, 2, { dimFeedforward: 16 }),
  inputs: () => [randn(4, 2, 8), randn(5, 2, 8)],
});
add('TransformerDecoderLayer', 'TransformerDecoderLayer_norm_first_batch_first_masks', {
  build: () => new nn.TransformerDecoderLayer(8, 2, { dimFeedforward: 16, normFirst: true, batchFirst: true }),
  inputs: () => [
    randn(2, 4, 8),
    randn(2, 5, 8),
    T.triu(T.full([4, 4], Number.NEGATIVE_INFINITY), 1),
    null,
    null,
    padding(),
  ],
  call: decoderArgs,
});
add('TransformerDecoder', 'TransformerDecoder_causal', {
  build: () => new nn.TransformerDecoder(new nn.TransformerDecoderLayer(8, 2, { dimFeedforward: 16 }), 2),
  inputs: () => [randn(4, 2, 8), randn(5, 2, 8), T.triu(T.full([4, 4], Number.NEGATIVE_INFINITY), 1)],
  call: decoderArgs,
});
add('Transformer', 'Transformer', {
  build: () => new nn.Transformer(8, 2, { numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 16 }),
  inputs: () => [randn(5, 2, 8), randn(4, 2, 8)],
});
add('Transformer', 'Transformer_batch_first_masks', {
  build: () =>
    new nn.Transformer(8, 2, {
      numEncoderLayers: 2,
      numDecoderLayers: 1,
      dimFeedforward: 16,
      batchFirst: true,
      activation: 'gelu',
    }),
  inputs: () => [
    randn(2, 5, 8),
    randn(2, 4, 8),
    null,
    T.triu(T.full([4, 4], Number.NEGATIVE_INFINITY), 1),
    null,
    padding(),
  ],
  call: (m, [src, tgt, srcMask, tgtMask, memoryMask, srcKpm]) =>
    (m as nn.Transformer).call(src as Tensor, tgt as Tensor, {
      srcMask: srcMask as Tensor | null,
      tgtMask: tgtMask as Tensor | null,
      memoryMask: memoryMask as Tensor | null,
      srcKeyPaddingMask: srcKpm as Tensor | null,
    }),
});

// Training mode: dropout inside the layers draws from the generator (seeded alike), or is 0.
add('TransformerEncoderLayer', 'TransformerEncoderLayer_train_dropout', {
  build: () => new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16, dropout: 0.2 }),
  inputs: () => [randn(5, 2, 8)],
  train: true,
  random: true,
});
add('TransformerEncoderLayer', 'TransformerEncoderLayer_train_no_dropout', {
  build: () => new nn.TransformerEncoderLayer(8, 2, { dimFeedforward: 16, dropout: 0, batchFirst: true }),
  inputs: () => [randn(2, 5, 8)],
  train: true,
});
add('MultiheadAttention', 'MultiheadAttention_train_dropout', {
  build: () => new nn.MultiheadAttention(8, 2, { dropout: 0.3 }),
  inputs: () => [randn(4, 2, 8), randn(3, 2, 8), randn(3, 2, 8), null, true, null, true],
  call: mha,
  train: true,
  random: true,
});
add('LSTM', 'LSTM_2layers_dropout_train', {
  build: () => new nn.LSTM(3, 4, 2, { dropout: 0.5 }),
  inputs: () => [randn(4, 2, 3)],
  train: true,
  random: true,
});
add('GRU', 'GRU_train', { build: () => new nn.GRU(3, 4, 2), inputs: () => [randn(4, 2, 3)], train: true });

// Losses: every reduction, and their options.
const reductions = ['none', 'mean', 'sum'] as const;
const probs = () => T.sigmoid(randn(3, 4));
const targets01 = () => T.rand([3, 4]);
for (const reduction of reductions) {
  add('L1Loss', `L1Loss_${reduction}`, {
    build: () => new nn.L1Loss({ reduction }),
    inputs: () => [randn(3, 4), randn(3, 4)],
  });
  add('MSELoss', `MSELoss_${reduction}`, {
    build: () => new nn.MSELoss({ reduction }),
    inputs: () => [randn(3, 4), randn(3, 4)],
  });
  add('SmoothL1Loss', `SmoothL1Loss_${reduction}`, {
    build: () => new nn.SmoothL1Loss({ reduction, beta: 0.5 }),
    inputs: () => [randn(3, 4), randn(3, 4)],
  });
  add('HuberLoss', `HuberLoss_${reduction}`, {
    build: () => new nn.HuberLoss({ reduction, delta: 0.7 }),
    inputs: () => [randn(3, 4), randn(3, 4)],
  });
  add('BCELoss', `BCELoss_${reduction}`, {
    build: () => new nn.BCELoss({ reduction }),
    inputs: () => [probs(), targets01()],
  });
  add('BCELoss', `BCELoss_weight_${reduction}`, {
    build: () => new nn.BCELoss({ reduction, weight: T.rand([4]) }),
    inputs: () => [probs(), targets01()],
  });
  add('BCEWithLogitsLoss', `BCEWithLogitsLoss_${reduction}`, {
    build: () => new nn.BCEWithLogitsLoss({ reduction }),
    inputs: () => [randn(3, 4), targets01()],
  });
  add('BCEWithLogitsLoss', `BCEWithLogitsLoss_weight_pos_weight_${reduction}`, {
    build: () => new nn.BCEWithLogitsLoss({ reduction, weight: T.rand([3, 1]), posWeight: T.rand([4]) }),
    inputs: () => [randn(3, 4), targets01()],
  });
  add('CrossEntropyLoss', `CrossEntropyLoss_${reduction}`, {
    build: () => new nn.CrossEntropyLoss({ reduction }),
    inputs: () => [randn(3, 5), longs([1, 0, 4])],
  });
  add('CrossEntropyLoss', `CrossEntropyLoss_weight_ignore_smoothing_${reduction}`, {
    build: () => new nn.CrossEntropyLoss({ reduction, weight: T.rand([5]), ignoreIndex: 2, labelSmoothing: 0.1 }),
    inputs: () => [
      randn(4, 5, 2),
      longs([
        [1, 2],
        [0, 4],
        [2, 2],
        [3, 1],
      ]),
    ],
  });
  add('CrossEntropyLoss', `CrossEntropyLoss_probabilities_${reduction}`, {
    build: () => new nn.CrossEntropyLoss({ reduction, labelSmoothing: 0.2 }),
    inputs: () => [randn(3, 5), T.softmax(randn(3, 5), 1)],
  });
  add('NLLLoss', `NLLLoss_${reduction}`, {
    build: () => new nn.NLLLoss({ reduction }),
    inputs: () => [T.logSoftmax(randn(3, 5), 1), longs([1, 0, 4])],
  });
  add('NLLLoss', `NLLLoss_weight_ignore_${reduction}`, {
    build: () => new nn.NLLLoss({ reduction, weight: T.rand([5]), ignoreIndex: 0 }),
    inputs: () => [T.logSoftmax(randn(4, 5), 1), longs([1, 0, 4, 0])],
  });
  add('KLDivLoss', `KLDivLoss_${reduction}`, {
    build: () => new nn.KLDivLoss({ reduction }),
    inputs: () => [T.logSoftmax(randn(3, 4), 1), T.softmax(randn(3, 4), 1)],
  });
  add('MarginRankingLoss', `MarginRankingLoss_${reduction}`, {
    build: () => new nn.MarginRankingLoss({ reduction, margin: 0.3 }),
    inputs: () => [randn(5), randn(5), tensor([1, -1, 1, -1, 1], { dtype: 'float32' })],
  });
  add('CosineEmbeddingLoss', `CosineEmbeddingLoss_${reduction}`, {
    build: () => new nn.CosineEmbeddingLoss({ reduction, margin: 0.2 }),
    inputs: () => [randn(4, 3), randn(4, 3), tensor([1, -1, -1, 1], { dtype: 'float32' })],
  });
}
// The losses and distances added with PyTorch's remaining nn classes: every reduction, the options that matter.
const signs = (...sizes: number[]) => T.sub(T.mul(T.bernoulli(T.full(sizes, 0.5)), 2), 1);
// A Callable distance: PyTorch's jit.script refuses the class (its functional is not scriptable).
const tripletRefused =
  "PyTorch 1.13's torch.jit.script refuses TripletMarginWithDistanceLoss (distance_function is a Callable " +
  'attribute; F.triplet_margin_with_distance_loss is not scriptable): ours has no TorchScript either';
const cosineDistance = (a: Tensor, b: Tensor) => T.rsub(T.cosineSimilarity(a, b, 1, 1e-8), 1);
for (const reduction of reductions) {
  add('HingeEmbeddingLoss', `HingeEmbeddingLoss_${reduction}`, {
    build: () => new nn.HingeEmbeddingLoss({ reduction }),
    inputs: () => [randn(3, 4), signs(3, 4)],
  });
  add('HingeEmbeddingLoss', `HingeEmbeddingLoss_margin_${reduction}`, {
    build: () => new nn.HingeEmbeddingLoss({ reduction, margin: 0.4 }),
    inputs: () => [T.abs(randn(5)), signs(5)],
  });
  add('SoftMarginLoss', `SoftMarginLoss_${reduction}`, {
    build: () => new nn.SoftMarginLoss({ reduction }),
    inputs: () => [randn(3, 4), signs(3, 4)],
  });
  add('MultiLabelSoftMarginLoss', `MultiLabelSoftMarginLoss_${reduction}`, {
    build: () => new nn.MultiLabelSoftMarginLoss({ reduction }),
    inputs: () => [randn(3, 4), T.bernoulli(T.full([3, 4], 0.5))],
  });
  add('MultiLabelSoftMarginLoss', `MultiLabelSoftMarginLoss_weight_${reduction}`, {
    build: () => new nn.MultiLabelSoftMarginLoss({ reduction, weight: T.rand([4]) }),
    inputs: () => [randn(3, 4), T.bernoulli(T.full([3, 4], 0.5))],
  });
  add('MultiMarginLoss', `MultiMarginLoss_${reduction}`, {
    build: () => new nn.MultiMarginLoss({ reduction }),
    inputs: () => [randn(3, 5), longs([1, 0, 4])],
  });
  add('MultiMarginLoss', `MultiMarginLoss_p2_margin_weight_${reduction}`, {
    build: () => new nn.MultiMarginLoss({ reduction, p: 2, margin: 0.6, weight: T.rand([5]) }),
    inputs: () => [randn(4, 5), longs([3, 0, 2, 2])],
  });
  add('MultiLabelMarginLoss', `MultiLabelMarginLoss_${reduction}`, {
    build: () => new nn.MultiLabelMarginLoss({ reduction }),
    inputs: () => [
      randn(3, 4),
      longs([
        [3, 0, -1, 1],
        [1, 2, 3, -1],
        [0, 1, 2, 3],
      ]),
    ],
  });
  add('PoissonNLLLoss', `PoissonNLLLoss_${reduction}`, {
    build: () => new nn.PoissonNLLLoss({ reduction }),
    inputs: () => [randn(3, 4), T.floor(T.mul(T.rand([3, 4]), 4))],
  });
  add('PoissonNLLLoss', `PoissonNLLLoss_rates_full_eps_${reduction}`, {
    build: () => new nn.PoissonNLLLoss({ reduction, logInput: false, full: true, eps: 1e-4 }),
    inputs: () => [T.rand([3, 4]), T.floor(T.mul(T.rand([3, 4]), 4))],
  });
  add('GaussianNLLLoss', `GaussianNLLLoss_${reduction}`, {
    build: () => new nn.GaussianNLLLoss({ reduction }),
    inputs: () => [randn(3, 4), randn(3, 4), T.add(T.rand([3, 4]), 0.1)],
  });
  add('GaussianNLLLoss', `GaussianNLLLoss_full_eps_shared_var_${reduction}`, {
    build: () => new nn.GaussianNLLLoss({ reduction, full: true, eps: 0.05 }),
    inputs: () => [randn(3, 4), randn(3, 4), T.rand([3, 1])],
  });
  add('GaussianNLLLoss', `GaussianNLLLoss_var_one_dim_less_${reduction}`, {
    build: () => new nn.GaussianNLLLoss({ reduction }),
    inputs: () => [randn(3, 2), randn(3, 2), T.add(T.rand([3]), 0.1)],
  });
  // log_probs (T, N, C), padded targets (N, S), input and target lengths (N).
  add('CTCLoss', `CTCLoss_${reduction}`, {
    build: () => new nn.CTCLoss({ reduction }),
    inputs: () => [
      T.logSoftmax(randn(6, 2, 4), 2),
      longs([
        [1, 2, 2],
        [3, 1, 1],
      ]),
      longs([6, 5]),
      longs([3, 2]),
    ],
  });
  add('CTCLoss', `CTCLoss_blank_zero_infinity_${reduction}`, {
    build: () => new nn.CTCLoss({ reduction, blank: 3, zeroInfinity: true }),
    // The second sample's 4 targets cannot fit 3 steps: an infinite loss, zeroed.
    inputs: () => [
      T.logSoftmax(randn(5, 2, 4), 2),
      longs([
        [0, 1, 1, 2],
        [2, 0, 1, 0],
      ]),
      longs([5, 3]),
      longs([3, 4]),
    ],
  });
  add('TripletMarginLoss', `TripletMarginLoss_${reduction}`, {
    build: () => new nn.TripletMarginLoss({ reduction }),
    inputs: () => [randn(4, 3), randn(4, 3), randn(4, 3)],
  });
  add('TripletMarginLoss', `TripletMarginLoss_p1_margin_swap_${reduction}`, {
    build: () => new nn.TripletMarginLoss({ reduction, p: 1, margin: 0.5, swap: true, eps: 1e-3 }),
    inputs: () => [randn(4, 3), randn(4, 3), randn(4, 3)],
  });
  add('TripletMarginWithDistanceLoss', `TripletMarginWithDistanceLoss_${reduction}`, {
    build: () => new nn.TripletMarginWithDistanceLoss({ reduction }),
    inputs: () => [randn(4, 3), randn(4, 3), randn(4, 3)],
    scriptRefused: tripletRefused,
  });
  add('TripletMarginWithDistanceLoss', `TripletMarginWithDistanceLoss_cosine_margin_swap_${reduction}`, {
    build: () =>
      new nn.TripletMarginWithDistanceLoss({ reduction, distanceFunction: cosineDistance, margin: 0.3, swap: true }),
    inputs: () => [randn(4, 3), randn(4, 3), randn(4, 3)],
    scriptRefused: tripletRefused,
  });
}
add('CosineSimilarity', 'CosineSimilarity', {
  build: () => new nn.CosineSimilarity(),
  inputs: () => [randn(3, 4), randn(3, 4)],
});
add('CosineSimilarity', 'CosineSimilarity_dim0_eps_broadcast', {
  build: () => new nn.CosineSimilarity({ dim: 0, eps: 1e-3 }),
  inputs: () => [randn(3, 4), randn(3, 1)],
});
add('PairwiseDistance', 'PairwiseDistance', {
  build: () => new nn.PairwiseDistance(),
  inputs: () => [randn(3, 4), randn(3, 4)],
});
add('PairwiseDistance', 'PairwiseDistance_p1_keepdim_eps', {
  build: () => new nn.PairwiseDistance({ p: 1, keepdim: true, eps: 1e-2 }),
  inputs: () => [randn(3, 4), randn(3, 4)],
});
add('PairwiseDistance', 'PairwiseDistance_p3_broadcast', {
  build: () => new nn.PairwiseDistance({ p: 3 }),
  inputs: () => [randn(2, 3, 4), randn(3, 4)],
});

add('KLDivLoss', 'KLDivLoss_batchmean_log_target', {
  build: () => new nn.KLDivLoss({ reduction: 'batchmean', logTarget: true }),
  inputs: () => [T.logSoftmax(randn(3, 4), 1), T.logSoftmax(randn(3, 4), 1)],
});

// Containers: Sequential on its own; ModuleList, ModuleDict, ParameterList and ParameterDict hold
// the members of a user module (they have no forward of their own, in PyTorch as here).
add('Sequential', 'Sequential_cnn', {
  build: () =>
    new nn.Sequential(
      new nn.Conv2d(1, 4, 3),
      new nn.BatchNorm2d(4),
      new nn.ReLU(),
      new nn.MaxPool2d(2),
      new nn.Flatten(),
      new nn.Dropout(0.5),
      new nn.Linear(16, 3),
    ),
  inputs: () => [randn(2, 1, 6, 6)],
});
add('Sequential', 'Sequential_named_nested', {
  build: () =>
    new nn.Sequential(
      new Map<string, nn.Module>([
        ['fc', new nn.Linear(3, 3)],
        ['act', new nn.Tanh()],
        ['inner', new nn.Sequential(new nn.LayerNorm(3), new nn.Identity())],
      ]),
    ),
  inputs: () => [randn(2, 3)],
});

export class ContainerHolder extends nn.Module {
  static torchscript = torchscript`
    def forward(self, x: Tensor) -> Tensor:
        for layer in self.layers:
            x = layer(x)
        x = self.heads["b"](self.heads["a"](x))
        x = x * self.scales[0] + self.scales[1]
        return x + self.offsets["shift"]
  `;
  layers = new nn.ModuleList([new nn.Linear(4, 4), new nn.ReLU(), new nn.Linear(4, 3)]);
  heads = new nn.ModuleDict({ a: new nn.Linear(3, 3), b: new nn.Sigmoid() });
  scales = new nn.ParameterList([T.randn([3]), T.randn([3])]);
  offsets = new nn.ParameterDict({ shift: T.randn([3]) });

  override forward(x: Tensor): Tensor {
    for (const layer of this.layers) x = layer.call(x);
    x = (this.heads.get('b') as nn.Module).call((this.heads.get('a') as nn.Module).call(x));
    x = T.add(T.mul(x, this.scales.at(0) as Tensor), this.scales.at(1) as Tensor);
    return T.add(x, this.offsets.get('shift') as Tensor);
  }
}
for (const layer of ['ModuleList', 'ModuleDict', 'ParameterList', 'ParameterDict']) {
  add(layer, `${layer}_in_user_module`, { build: () => new ContainerHolder(), inputs: () => [randn(2, 4)] });
}

const b = (n: number, dim = 0) => each(n, [dim]);
const lstmProjection =
  "tsjit's aten::lstm has no projection weights: the projected LSTM is a loop over the steps, unrolled in a trace";
/**
 * Where the default (dim 0 of every tensor is the batch) is not the layer's layout: unbatched
 * inputs, sequence-first recurrent and attention layers, masks, and the sequence and spatial dims.
 */
const growth: Record<string, Pick<SweepCase, 'grow' | 'fixed' | 'gap'>> = {
  Softmax2d: { grow: batchSpatial([2, 3]) },
  Softmax2d_unbatched: { grow: { spatial: [[1, 2]] } },
  PReLU_3_channels: { grow: { batch: b(1), seq: [[2]] } },
  Linear_nobias_3d: { grow: { batch: b(1), seq: [[1]] } },
  Linear_1d: { grow: {} },
  Conv1d: { grow: batchSpatial([2]) },
  Conv1d_stride2_pad1_dil2: { grow: batchSpatial([2]) },
  Conv1d_same_circular: { grow: batchSpatial([2]) },
  Conv1d_unbatched_replicate: { grow: { spatial: [[1]] } },
  Conv2d: { grow: batchSpatial([2, 3]) },
  Conv2d_stride2_pad1_nobias: { grow: batchSpatial([2, 3]) },
  Conv2d_rect_dilation_groups_reflect: { grow: batchSpatial([2, 3]) },
  Conv2d_depthwise_same: { grow: batchSpatial([2, 3]) },
  Conv2d_valid_circular: { grow: batchSpatial([2, 3]) },
  Conv3d: { grow: batchSpatial([2, 3, 4]) },
  Conv3d_stride_pad_groups: { grow: batchSpatial([2, 3, 4]) },
  ConvTranspose1d_stride2_outpad: { grow: batchSpatial([2]) },
  ConvTranspose1d_dilation_groups: { grow: batchSpatial([2]) },
  ConvTranspose2d_stride2_groups: { grow: batchSpatial([2, 3]) },
  ConvTranspose2d_output_size: {
    grow: { batch: b(1) },
    // PyTorch's trace of the same call keeps output_size as given too, and eagerly [6, 6] is valid
    // only for 3 x 3 inputs: a larger input is an error in every mode.
    fixed: { spatial: 'output_size [6, 6] is an argument: it fixes the output size, valid only for 3 x 3 inputs' },
  },
  BatchNorm1d_3d_cumulative_eval: { grow: { batch: b(1), seq: [[2]] } },
  BatchNorm1d_3d_cumulative_train: { grow: { batch: b(1), seq: [[2]] } },
  BatchNorm2d_eval: { grow: batchSpatial([2, 3]) },
  BatchNorm2d_train: { grow: batchSpatial([2, 3]) },
  BatchNorm2d_nostats_noaffine_eval: { grow: batchSpatial([2, 3]) },
  BatchNorm2d_nostats_noaffine_train: { grow: batchSpatial([2, 3]) },
  BatchNorm3d_eval: { grow: batchSpatial([2, 3, 4]) },
  BatchNorm3d_train: { grow: batchSpatial([2, 3, 4]) },
  InstanceNorm1d_eval: { grow: batchSpatial([2]) },
  InstanceNorm1d_train: { grow: batchSpatial([2]) },
  InstanceNorm2d_affine_stats_eval: { grow: batchSpatial([2, 3]) },
  InstanceNorm2d_affine_stats_train: { grow: batchSpatial([2, 3]) },
  InstanceNorm1d_unbatched: { grow: { spatial: [[1]] } },
  InstanceNorm2d: { grow: batchSpatial([2, 3]) },
  GroupNorm: { grow: batchSpatial([2]) },
  GroupNorm_noaffine_4d: { grow: batchSpatial([2, 3]) },
  Dropout1d_eval: { grow: { batch: b(1), seq: [[2]] } },
  Dropout1d_train: { grow: { batch: b(1), seq: [[2]] } },
  Dropout2d_eval: { grow: batchSpatial([2, 3]) },
  Dropout2d_train: { grow: batchSpatial([2, 3]) },
  Embedding_padding_idx: { grow: { batch: b(1), seq: [[1]] } },
  // The bags are given by offsets: more indices fill the last bag.
  EmbeddingBag_sum_offsets: { grow: { seq: [[0], []] } },
  EmbeddingBag_mean_2d: { grow: { batch: b(1), seq: [[1]] } },
  EmbeddingBag_max_padding: { grow: { seq: [[0], []] } },
  // include_last_offset: the last offset ends the last bag, the bags are the data.
  EmbeddingBag_per_sample_weights_last_offset: { grow: {} },
  MaxPool1d_stride_pad: { grow: batchSpatial([2]) },
  MaxPool1d_dilation_indices: { grow: { spatial: [[1]] } },
  MaxPool2d: { grow: batchSpatial([2, 3]) },
  MaxPool2d_ceil_indices: { grow: batchSpatial([2, 3]) },
  AvgPool1d: { grow: batchSpatial([2]) },
  AvgPool1d_pad_ceil_exclude: { grow: { spatial: [[1]] } },
  AvgPool2d_pad_exclude: { grow: batchSpatial([2, 3]) },
  AvgPool2d_divisor: { grow: batchSpatial([2, 3]) },
  AdaptiveAvgPool1d: { grow: batchSpatial([2]) },
  AdaptiveAvgPool2d_none: { grow: batchSpatial([2, 3]) },
  AdaptiveAvgPool2d_none_first_unbatched: { grow: { spatial: [[1, 2]] } },
  AdaptiveAvgPool2d_1: { grow: batchSpatial([2, 3]) },
  AdaptiveMaxPool1d: { grow: batchSpatial([2]) },
  AdaptiveMaxPool1d_indices: { grow: { spatial: [[1]] } },
  AdaptiveMaxPool2d_indices: { grow: batchSpatial([2, 3]) },
  AdaptiveMaxPool2d_none_indices: { grow: batchSpatial([2, 3]) },
  AdaptiveMaxPool2d_none_first_unbatched_indices: { grow: { spatial: [[1, 2]] } },
  AdaptiveMaxPool2d_rect: { grow: { spatial: [[1, 2]] } },
  ConstantPad1d: { grow: batchSpatial([2]) },
  ConstantPad2d: { grow: batchSpatial([2, 3]) },
  ZeroPad2d: { grow: batchSpatial([2, 3]) },
  ReflectionPad1d: { grow: batchSpatial([2]) },
  ReflectionPad2d: { grow: batchSpatial([2, 3]) },
  ReplicationPad1d: { grow: batchSpatial([2]) },
  ReplicationPad2d: { grow: batchSpatial([2, 3]) },
  PixelShuffle: { grow: batchSpatial([2, 3]) },
  PixelUnshuffle: { grow: batchSpatial([2, 3]) },
  Flatten: { grow: { batch: b(1), seq: [[2]] } },
  Flatten_0_1: { grow: { batch: b(1), seq: [[2]] } },
  Upsample_nearest_scale: { grow: batchSpatial([2, 3]) },
  Upsample_bilinear_size_align: { grow: batchSpatial([2, 3]) },
  Upsample_linear_recompute: {
    grow: batchSpatial([2]),
    gap: { spatial: 'recompute_scale_factor computes the output size as a number (PyTorch traces input.size())' },
  },
  Upsample_bicubic: { grow: batchSpatial([2, 3]) },
  UpsamplingNearest2d: { grow: batchSpatial([2, 3]) },
  UpsamplingBilinear2d: { grow: batchSpatial([2, 3]) },
  RNN_tanh: { grow: { batch: b(1, 1), seq: b(1) } },
  RNN_relu_2layers_bidir_hx: { grow: { batch: b(2, 1), seq: [[0], []] } },
  RNN_batch_first_nobias_unbatched: { grow: { seq: b(1) } },
  GRU: { grow: { batch: b(1, 1), seq: b(1) } },
  GRU_2layers_bidir_batch_first_hx: { grow: { batch: [[0], [1]], seq: [[1], []] } },
  LSTM: { grow: { batch: b(1, 1), seq: b(1) } },
  LSTM_2layers_bidir_hc: { grow: { batch: b(3, 1), seq: [[0], [], []] } },
  LSTM_proj_batch_first: { grow: { batch: b(1), seq: [[1]] }, gap: { seq: lstmProjection } },
  LSTM_proj_bidir_unbatched_hc: { grow: { seq: [[0], [], []] }, gap: { seq: lstmProjection } },
  LSTM_2layers_dropout_eval: { grow: { batch: b(1, 1), seq: b(1) } },
  LSTM_2layers_dropout_train: { grow: { batch: b(1, 1), seq: b(1) } },
  GRU_train: { grow: { batch: b(1, 1), seq: b(1) } },
  RNNCell_unbatched_nobias: { grow: {} },
  GRUCell_hx_unbatched: { grow: {} },
  MultiheadAttention_self: { grow: { batch: b(3, 1), seq: b(3) } },
  MultiheadAttention_batch_first_masks_per_head: {
    grow: { batch: [[0], [0], [0], [0], []], seq: [[1], [1], [1], [1], [0, 1]] },
  },
  MultiheadAttention_kdim_vdim_bias_kv_zero_attn: { grow: { batch: b(3, 1), seq: b(3) } },
  MultiheadAttention_train_dropout: { grow: { batch: b(3, 1), seq: b(3) } },
  TransformerEncoderLayer: { grow: { batch: b(1, 1), seq: b(1) } },
  TransformerEncoderLayer_norm_first_gelu_batch_first_masks: {
    grow: { batch: [[0], [], [0]], seq: [[1], [0, 1], [1]] },
  },
  TransformerEncoder_norm_padding: { grow: { batch: [[1], [0]], seq: [[0], [1]] } },
  TransformerDecoderLayer: { grow: { batch: b(2, 1), seq: b(2) } },
  TransformerDecoderLayer_norm_first_batch_first_masks: {
    grow: { batch: [[0], [0], [], [0]], seq: [[1], [1], [0, 1], [1]] },
  },
  TransformerDecoder_causal: { grow: { batch: [[1], [1], []], seq: [[0], [0], [0, 1]] } },
  Transformer: { grow: { batch: b(2, 1), seq: b(2) } },
  Transformer_batch_first_masks: { grow: { batch: [[0], [0], [], [0]], seq: [[1], [1], [0, 1], [1]] } },
  TransformerEncoderLayer_train_dropout: { grow: { batch: b(1, 1), seq: b(1) } },
  TransformerEncoderLayer_train_no_dropout: { grow: { batch: b(1), seq: [[1]] } },
  CosineSimilarity_dim0_eps_broadcast: { grow: { seq: [[1], []] } },
  PairwiseDistance_p3_broadcast: { grow: { batch: [[0], []], seq: [[1], [0]] } },
};
for (const r of reductions) {
  // (T, N, C) log-probabilities with the batch on dim 1; a longer sequence (T) with the same lengths.
  for (const name of [`CTCLoss_${r}`, `CTCLoss_blank_zero_infinity_${r}`]) {
    growth[name] = { grow: { batch: [[1], [0], [0], [0]], seq: [[0], [], [], []] } };
  }
  growth[`MultiLabelSoftMarginLoss_${r}`] = { grow: { batch: b(2), seq: [[1], [1]] } };
  // weight (3, 1) weighs each row and pos_weight (4,) each column: the module fixes both sizes, eagerly too.
  growth[`BCEWithLogitsLoss_weight_pos_weight_${r}`] = { grow: {} };
  growth[`CrossEntropyLoss_weight_ignore_smoothing_${r}`] = { grow: { batch: b(2), seq: [[2], [1]] } };
}

export const sweepCases: readonly SweepCase[] = cases.map((c) => ({ ...c, ...growth[c.name] }));
/** Names in the growth table (checked to be cases: a renamed case cannot lose its growth silently). */
export const growthNames: readonly string[] = Object.keys(growth);

/**
 * Exported classes that are not layers: PyTorch's abstract bases (`_ConvNd`, `_BatchNorm`, `_Loss`,
 * ...), which have no forward of their own or cannot be constructed. Each must be a base of a
 * class the table covers (checked by the test).
 */
export const abstractBases: Readonly<Record<string, string>> = {
  ConvNd: "PyTorch's _ConvNd: abstract (protected constructor), the base of Conv*d and ConvTranspose*d",
  NormBase: "PyTorch's _NormBase: abstract, the base of the batch and instance norms",
  BatchNorm: "PyTorch's _BatchNorm: abstract, the base of BatchNorm1d/2d/3d",
  InstanceNorm: "PyTorch's _InstanceNorm: abstract, the base of InstanceNorm1d/2d",
  DropoutNd: "PyTorch's _DropoutNd: abstract, the base of the dropout layers",
  Loss: "PyTorch's _Loss: holds the reduction, no forward",
  WeightedLoss: "PyTorch's _WeightedLoss: holds the weight buffer, no forward",
  RNNBase: 'the base of RNN, LSTM and GRU: its forward is theirs (PyTorch 1.13 RNNBase has no forward)',
  RNNCellBase: 'the base of RNNCell, LSTMCell and GRUCell: no forward',
};

/** Layers that cannot be traced or scripted, with the reason (none). */
export const notSwept: Readonly<Record<string, string>> = {};
