export * from './activation.js';
export * from './conv.js';
export * from './dropout.js';
export * from './linear.js';
export * from './normalization.js';
export * from './pooling.js';
export * from './sparse.js';
export * from './vision.js';
