// tsjit: the umbrella package, `import { torch, nn, jit, optim } from 'tsjit'`.
//
// Importing it installs the eager autograd engine (installAutograd from @tsjit/autodiff): tensors
// then record their history for backward() as in PyTorch. This is the one place where that happens:
// the @tsjit/* packages stay free of side effects, and code that imports them directly calls
// installAutograd() itself when it wants gradients.
import { installAutograd } from '@tsjit/autodiff';

installAutograd();

export * as jit from '@tsjit/jit';
export * as nn from '@tsjit/nn';
export { optim } from '@tsjit/nn';
export { Tensor } from '@tsjit/tensor';
export { type Torch, torch } from './torch.js';
