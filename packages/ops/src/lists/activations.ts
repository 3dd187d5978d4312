import { _logSoftmax } from '../aten/_log-softmax.js';
import { _logSoftmaxBackwardData } from '../aten/_log-softmax-backward-data.js';
import { _softmax } from '../aten/_softmax.js';
import { _softmaxBackwardData } from '../aten/_softmax-backward-data.js';
import { batchNorm } from '../aten/batch-norm.js';
import { celu } from '../aten/celu.js';
import { elu } from '../aten/elu.js';
import { eluBackward } from '../aten/elu-backward.js';
import { gelu } from '../aten/gelu.js';
import { geluBackward } from '../aten/gelu-backward.js';
import { glu } from '../aten/glu.js';
import { gluBackward } from '../aten/glu-backward.js';
import { groupNorm } from '../aten/group-norm.js';
import { hardshrink } from '../aten/hardshrink.js';
import { hardshrinkBackward } from '../aten/hardshrink-backward.js';
import { hardsigmoid } from '../aten/hardsigmoid.js';
import { hardsigmoidBackward } from '../aten/hardsigmoid-backward.js';
import { hardswish } from '../aten/hardswish.js';
import { hardswishBackward } from '../aten/hardswish-backward.js';
import { hardtanh } from '../aten/hardtanh.js';
import { hardtanhBackward } from '../aten/hardtanh-backward.js';
import { instanceNorm } from '../aten/instance-norm.js';
import { layerNorm } from '../aten/layer-norm.js';
import { leakyRelu } from '../aten/leaky-relu.js';
import { leakyReluBackward } from '../aten/leaky-relu-backward.js';
import { logSigmoid } from '../aten/log-sigmoid.js';
import { logSigmoidBackward } from '../aten/log-sigmoid-backward.js';
import { logSigmoidForward } from '../aten/log-sigmoid-forward.js';
import { logSoftmax } from '../aten/log-softmax.js';
import { logit } from '../aten/logit.js';
import { logitBackward } from '../aten/logit-backward.js';
import { mish } from '../aten/mish.js';
import { mishBackward } from '../aten/mish-backward.js';
import { nativeBatchNorm } from '../aten/native-batch-norm.js';
import { nativeBatchNormBackward } from '../aten/native-batch-norm-backward.js';
import { nativeGroupNorm } from '../aten/native-group-norm.js';
import { nativeGroupNormBackward } from '../aten/native-group-norm-backward.js';
import { nativeLayerNorm } from '../aten/native-layer-norm.js';
import { nativeLayerNormBackward } from '../aten/native-layer-norm-backward.js';
import { prelu } from '../aten/prelu.js';
import { preluBackward } from '../aten/prelu-backward.js';
import { relu6 } from '../aten/relu6.js';
import { rrelu } from '../aten/rrelu.js';
import { selu } from '../aten/selu.js';
import { silu } from '../aten/silu.js';
import { siluBackward } from '../aten/silu-backward.js';
import { softmax } from '../aten/softmax.js';
import { softplus } from '../aten/softplus.js';
import { softplusBackward } from '../aten/softplus-backward.js';
import { softshrink } from '../aten/softshrink.js';
import { softshrinkBackward } from '../aten/softshrink-backward.js';
import type { Op } from '../core/define-op.js';

/** Activations (and their backward ops), softmax-likes and the normalization layers. */
export const activationsOps: readonly Op[] = [
  relu6,
  hardtanh,
  hardtanhBackward,
  gelu,
  geluBackward,
  silu,
  siluBackward,
  mish,
  mishBackward,
  hardswish,
  hardswishBackward,
  hardsigmoid,
  hardsigmoidBackward,
  elu,
  eluBackward,
  selu,
  celu,
  softplus,
  softplusBackward,
  leakyRelu,
  leakyReluBackward,
  _softmax,
  _logSoftmax,
  softmax,
  logSoftmax,
  _softmaxBackwardData,
  _logSoftmaxBackwardData,
  glu,
  gluBackward,
  logSigmoid,
  logSigmoidForward,
  logSigmoidBackward,
  hardshrink,
  hardshrinkBackward,
  softshrink,
  softshrinkBackward,
  logit,
  logitBackward,
  prelu,
  preluBackward,
  rrelu,
  batchNorm,
  nativeBatchNorm,
  nativeBatchNormBackward,
  layerNorm,
  nativeLayerNorm,
  nativeLayerNormBackward,
  groupNorm,
  nativeGroupNorm,
  nativeGroupNormBackward,
  instanceNorm,
];
