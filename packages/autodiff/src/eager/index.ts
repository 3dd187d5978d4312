export { backward, eagerEngine, type GradOptions, grad } from './autograd.js';
export { AutogradMode, backwardName, gradientEdge } from './autograd-mode.js';
export { runBackward, type WalkOptions } from './engine.js';
export {
  enableGrad,
  inferenceMode,
  isGradEnabled,
  isInference,
  isInferenceModeEnabled,
  noGrad,
  setGradEnabled,
} from './grad-mode.js';
export { GradcheckError, type GradcheckOptions, gradcheck } from './gradcheck.js';
export { installAutograd, isAutogradInstalled, uninstallAutograd } from './install.js';
export { AccumulateGrad, type Edge, Node, OpNode } from './node.js';
export { AsStridedBackward, CopySlices } from './view-nodes.js';

import { backward, grad } from './autograd.js';

/** torch.autograd's functions. */
export const autograd = { backward, grad } as const;
