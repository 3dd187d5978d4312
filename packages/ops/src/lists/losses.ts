import { crossEntropyLoss } from '../aten/cross-entropy-loss.js';
import { huberLoss } from '../aten/huber-loss.js';
import { l1Loss } from '../aten/l1-loss.js';
import { mseLoss } from '../aten/mse-loss.js';
import { nllLoss } from '../aten/nll-loss.js';
import { nllLossBackward } from '../aten/nll-loss-backward.js';
import { nllLossForward } from '../aten/nll-loss-forward.js';
import { nllLossNd } from '../aten/nll-loss-nd.js';
import { nllLoss2d } from '../aten/nll-loss2d.js';
import { nllLoss2dBackward } from '../aten/nll-loss2d-backward.js';
import { nllLoss2dForward } from '../aten/nll-loss2d-forward.js';
import { smoothL1Loss } from '../aten/smooth-l1-loss.js';
import type { Op } from '../core/define-op.js';

/** Loss functions (and the nll backward ops), distances and similarities (see src/op-list.ts). */
export const lossesOps: readonly Op[] = [
  mseLoss,
  l1Loss,
  smoothL1Loss,
  huberLoss,
  nllLoss,
  nllLossForward,
  nllLossBackward,
  nllLoss2d,
  nllLoss2dForward,
  nllLoss2dBackward,
  nllLossNd,
  crossEntropyLoss,
];
