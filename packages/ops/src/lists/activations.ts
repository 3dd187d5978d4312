import { celu } from '../aten/celu.js';
import { elu } from '../aten/elu.js';
import { eluBackward } from '../aten/elu-backward.js';
import { gelu } from '../aten/gelu.js';
import { geluBackward } from '../aten/gelu-backward.js';
import { hardsigmoid } from '../aten/hardsigmoid.js';
import { hardsigmoidBackward } from '../aten/hardsigmoid-backward.js';
import { hardswish } from '../aten/hardswish.js';
import { hardswishBackward } from '../aten/hardswish-backward.js';
import { hardtanh } from '../aten/hardtanh.js';
import { hardtanhBackward } from '../aten/hardtanh-backward.js';
import { leakyRelu } from '../aten/leaky-relu.js';
import { leakyReluBackward } from '../aten/leaky-relu-backward.js';
import { mish } from '../aten/mish.js';
import { mishBackward } from '../aten/mish-backward.js';
import { relu6 } from '../aten/relu6.js';
import { selu } from '../aten/selu.js';
import { silu } from '../aten/silu.js';
import { siluBackward } from '../aten/silu-backward.js';
import { softplus } from '../aten/softplus.js';
import { softplusBackward } from '../aten/softplus-backward.js';
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
];
