import { _adaptiveAvgPool2d } from '../aten/_adaptive-avg-pool2d.js';
import { _adaptiveAvgPool2dBackward } from '../aten/_adaptive-avg-pool2d-backward.js';
import { _adaptiveAvgPool3d } from '../aten/_adaptive-avg-pool3d.js';
import { _adaptiveAvgPool3dBackward } from '../aten/_adaptive-avg-pool3d-backward.js';
import { _convolution } from '../aten/_convolution.js';
import { adaptiveAvgPool1d } from '../aten/adaptive-avg-pool1d.js';
import { adaptiveAvgPool2d } from '../aten/adaptive-avg-pool2d.js';
import { adaptiveAvgPool3d } from '../aten/adaptive-avg-pool3d.js';
import { adaptiveMaxPool1d } from '../aten/adaptive-max-pool1d.js';
import { adaptiveMaxPool2d } from '../aten/adaptive-max-pool2d.js';
import { adaptiveMaxPool2dBackward } from '../aten/adaptive-max-pool2d-backward.js';
import { adaptiveMaxPool3d } from '../aten/adaptive-max-pool3d.js';
import { adaptiveMaxPool3dBackward } from '../aten/adaptive-max-pool3d-backward.js';
import { avgPool1d } from '../aten/avg-pool1d.js';
import { avgPool2d } from '../aten/avg-pool2d.js';
import { avgPool2dBackward } from '../aten/avg-pool2d-backward.js';
import { avgPool3d } from '../aten/avg-pool3d.js';
import { avgPool3dBackward } from '../aten/avg-pool3d-backward.js';
import { convTranspose1d } from '../aten/conv-transpose1d.js';
import { convTranspose2d } from '../aten/conv-transpose2d.js';
import { convTranspose3d } from '../aten/conv-transpose3d.js';
import { conv1d } from '../aten/conv1d.js';
import { conv2d } from '../aten/conv2d.js';
import { conv3d } from '../aten/conv3d.js';
import { convolution } from '../aten/convolution.js';
import { convolutionBackward } from '../aten/convolution-backward.js';
import { maxPool1d } from '../aten/max-pool1d.js';
import { maxPool1dWithIndices } from '../aten/max-pool1d-with-indices.js';
import { maxPool2d } from '../aten/max-pool2d.js';
import { maxPool2dWithIndices } from '../aten/max-pool2d-with-indices.js';
import { maxPool2dWithIndicesBackward } from '../aten/max-pool2d-with-indices-backward.js';
import { maxPool3d } from '../aten/max-pool3d.js';
import { maxPool3dWithIndices } from '../aten/max-pool3d-with-indices.js';
import { maxPool3dWithIndicesBackward } from '../aten/max-pool3d-with-indices-backward.js';
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
  maxPool1d,
  maxPool1dWithIndices,
  avgPool1d,
  adaptiveAvgPool1d,
  adaptiveMaxPool1d,
  maxPool2d,
  maxPool2dWithIndices,
  avgPool2d,
  maxPool2dWithIndicesBackward,
  avgPool2dBackward,
  adaptiveAvgPool2d,
  _adaptiveAvgPool2d,
  _adaptiveAvgPool2dBackward,
  adaptiveMaxPool2d,
  adaptiveMaxPool2dBackward,
  maxPool3d,
  maxPool3dWithIndices,
  avgPool3d,
  maxPool3dWithIndicesBackward,
  avgPool3dBackward,
  adaptiveAvgPool3d,
  _adaptiveAvgPool3d,
  _adaptiveAvgPool3dBackward,
  adaptiveMaxPool3d,
  adaptiveMaxPool3dBackward,
];
