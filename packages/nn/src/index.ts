// @tsjit/nn (layer 5): Module and Parameter (src/module/), layers (src/layers/), functional
// (src/functional/), init (src/init/), losses (src/loss/), optimizers and schedulers (src/optim/).
export * as optim from './optim/index.js';
export { type ClipGradNormOptions, clipGradNorm } from './utils/clip-grad-norm.js';
export { clipGradValue } from './utils/clip-grad-value.js';
