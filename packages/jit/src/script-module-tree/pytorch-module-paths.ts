/**
 * The Python module each built-in layer class lives in, which PyTorch's scripted classes are
 * named after (`__torch__.torch.nn.modules.linear.Linear`). Keyed by class name: only layers that
 * carry their own TorchScript definition (nn.torchScriptOf) are looked up here.
 */
const MODULES: Record<string, readonly string[]> = {
  activation: [
    'ReLU',
    'ReLU6',
    'SELU',
    'SiLU',
    'Mish',
    'Hardswish',
    'Hardsigmoid',
    'LeakyReLU',
    'ELU',
    'CELU',
    'Hardtanh',
    'Threshold',
    'GELU',
    'Sigmoid',
    'Tanh',
    'LogSigmoid',
    'Softsign',
    'Tanhshrink',
    'Softplus',
    'Softshrink',
    'Hardshrink',
    'GLU',
    'Softmax',
    'Softmin',
    'LogSoftmax',
    'RReLU',
    'Softmax2d',
    'PReLU',
    'MultiheadAttention',
  ],
  batchnorm: ['BatchNorm1d', 'BatchNorm2d', 'BatchNorm3d'],
  container: ['Sequential', 'ModuleList', 'ModuleDict', 'ParameterList', 'ParameterDict'],
  conv: ['Conv1d', 'Conv2d', 'Conv3d', 'ConvTranspose1d', 'ConvTranspose2d', 'ConvTranspose3d'],
  dropout: ['Dropout', 'Dropout1d', 'Dropout2d', 'Dropout3d', 'AlphaDropout', 'FeatureAlphaDropout'],
  flatten: ['Flatten', 'Unflatten'],
  instancenorm: ['InstanceNorm1d', 'InstanceNorm2d', 'InstanceNorm3d'],
  linear: ['Identity', 'Linear', 'Bilinear', 'NonDynamicallyQuantizableLinear', 'LazyLinear'],
  normalization: ['LayerNorm', 'GroupNorm', 'LocalResponseNorm'],
  padding: [
    'ConstantPad1d',
    'ConstantPad2d',
    'ConstantPad3d',
    'ZeroPad2d',
    'ReflectionPad1d',
    'ReflectionPad2d',
    'ReflectionPad3d',
    'ReplicationPad1d',
    'ReplicationPad2d',
    'ReplicationPad3d',
  ],
  pixelshuffle: ['PixelShuffle', 'PixelUnshuffle'],
  pooling: [
    'MaxPool1d',
    'MaxPool2d',
    'MaxPool3d',
    'AvgPool1d',
    'AvgPool2d',
    'AvgPool3d',
    'AdaptiveAvgPool1d',
    'AdaptiveAvgPool2d',
    'AdaptiveAvgPool3d',
    'AdaptiveMaxPool1d',
    'AdaptiveMaxPool2d',
    'AdaptiveMaxPool3d',
  ],
  rnn: ['RNN', 'GRU', 'LSTM', 'RNNCell', 'LSTMCell', 'GRUCell'],
  sparse: ['Embedding', 'EmbeddingBag'],
  transformer: [
    'Transformer',
    'TransformerEncoder',
    'TransformerDecoder',
    'TransformerEncoderLayer',
    'TransformerDecoderLayer',
  ],
  upsampling: ['Upsample', 'UpsamplingNearest2d', 'UpsamplingBilinear2d'],
};

const BY_CLASS = new Map(Object.entries(MODULES).flatMap(([file, names]) => names.map((n) => [n, file] as const)));

/** `torch.nn.modules.<file>` for a built-in layer class name (`torch.nn.modules` when unknown). */
export function pytorchModulePath(className: string): string {
  const file = BY_CLASS.get(className);
  return file === undefined ? 'torch.nn.modules' : `torch.nn.modules.${file}`;
}
