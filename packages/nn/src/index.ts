// @tsjit/nn (layer 5): Module and Parameter (src/module/), layers (src/layers/), functional
// (src/functional/), init (src/init/), losses (src/loss/), optimizers and schedulers (src/optim/).
export * from './module/index.js';
