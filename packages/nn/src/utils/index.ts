// torch.nn.utils: gradient clipping and, as `rnn`, the packed-sequence helpers (torch.nn.utils.rnn).
export { type ClipGradNormOptions, clipGradNorm } from './clip-grad-norm.js';
export { clipGradValue } from './clip-grad-value.js';
export { parametersToVector, vectorToParameters } from './convert-parameters.js';
export * as rnn from './rnn.js';
export { removeSpectralNorm, spectralNorm } from './spectral-norm.js';
export { normExceptDim, removeWeightNorm, weightNorm, weightNormOf } from './weight-norm.js';
