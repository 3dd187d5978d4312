export * from './activation.js';
export * from './batchnorm.js';
export * from './container.js';
export * from './conv.js';
export { defineScript, ntuple } from './define-script.js';
export * from './distance.js';
export {
  AlphaDropout,
  Dropout,
  Dropout1d,
  Dropout2d,
  DropoutNd,
} from './dropout.js';
export * from './flatten.js';
export * from './instancenorm.js';
export * from './linear.js';
export * from './normalization.js';
export * from './padding.js';
export * from './parameter-containers.js';
export * from './pixelshuffle.js';
export * from './pooling.js';
export * from './sparse.js';
export * from './upsampling.js';
