import { _convolution } from '../aten/_convolution.js';
import { convTranspose1d } from '../aten/conv-transpose1d.js';
import { convTranspose2d } from '../aten/conv-transpose2d.js';
import { convTranspose3d } from '../aten/conv-transpose3d.js';
import { conv1d } from '../aten/conv1d.js';
import { conv2d } from '../aten/conv2d.js';
import { conv3d } from '../aten/conv3d.js';
import { convolution } from '../aten/convolution.js';
import { convolutionBackward } from '../aten/convolution-backward.js';
import type { Op } from '../core/define-op.js';

/** The nn ops (see src/op-list.ts). */
export const nnOps: readonly Op[] = [
  conv1d,
  conv2d,
  conv3d,
  convTranspose1d,
  convTranspose2d,
  convTranspose3d,
  convolution,
  _convolution,
  convolutionBackward,
];
