import { _adaptiveAvgPool2d } from '../aten/_adaptive-avg-pool2d.js';
import { _adaptiveAvgPool2dBackward } from '../aten/_adaptive-avg-pool2d-backward.js';
import { _adaptiveAvgPool3d } from '../aten/_adaptive-avg-pool3d.js';
import { _adaptiveAvgPool3dBackward } from '../aten/_adaptive-avg-pool3d-backward.js';
import { _convolution } from '../aten/_convolution.js';
import { _embeddingBag } from '../aten/_embedding-bag.js';
import { _embeddingBagBackward } from '../aten/_embedding-bag-backward.js';
import { _embeddingBagDenseBackward } from '../aten/_embedding-bag-dense-backward.js';
import { _embeddingBagForwardOnly } from '../aten/_embedding-bag-forward-only.js';
import { _embeddingBagPerSampleWeightsBackward } from '../aten/_embedding-bag-per-sample-weights-backward.js';
import { _packPaddedSequence } from '../aten/_pack-padded-sequence.js';
import { _packPaddedSequenceBackward } from '../aten/_pack-padded-sequence-backward.js';
import { _padPackedSequence } from '../aten/_pad-packed-sequence.js';
import { _upsampleBicubic2dAa } from '../aten/_upsample-bicubic2d-aa.js';
import { _upsampleBicubic2dAaBackward } from '../aten/_upsample-bicubic2d-aa-backward.js';
import { _upsampleBilinear2dAa } from '../aten/_upsample-bilinear2d-aa.js';
import { _upsampleBilinear2dAaBackward } from '../aten/_upsample-bilinear2d-aa-backward.js';
import { _upsampleNearestExact1d } from '../aten/_upsample-nearest-exact1d.js';
import { _upsampleNearestExact1dBackward } from '../aten/_upsample-nearest-exact1d-backward.js';
import { _upsampleNearestExact2d } from '../aten/_upsample-nearest-exact2d.js';
import { _upsampleNearestExact2dBackward } from '../aten/_upsample-nearest-exact2d-backward.js';
import { _upsampleNearestExact3d } from '../aten/_upsample-nearest-exact3d.js';
import { _upsampleNearestExact3dBackward } from '../aten/_upsample-nearest-exact3d-backward.js';
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
import { channelShuffle } from '../aten/channel-shuffle.js';
import { col2im } from '../aten/col2im.js';
import { constantPadNd } from '../aten/constant-pad-nd.js';
import { convTranspose1d } from '../aten/conv-transpose1d.js';
import { convTranspose2d } from '../aten/conv-transpose2d.js';
import { convTranspose3d } from '../aten/conv-transpose3d.js';
import { conv1d } from '../aten/conv1d.js';
import { conv2d } from '../aten/conv2d.js';
import { conv3d } from '../aten/conv3d.js';
import { convolution } from '../aten/convolution.js';
import { convolutionBackward } from '../aten/convolution-backward.js';
import { embedding } from '../aten/embedding.js';
import { embeddingBackward } from '../aten/embedding-backward.js';
import { embeddingBag } from '../aten/embedding-bag.js';
import { embeddingDenseBackward } from '../aten/embedding-dense-backward.js';
import { embeddingRenorm_ } from '../aten/embedding-renorm.js';
import { im2col } from '../aten/im2col.js';
import { maxPool1d } from '../aten/max-pool1d.js';
import { maxPool1dWithIndices } from '../aten/max-pool1d-with-indices.js';
import { maxPool2d } from '../aten/max-pool2d.js';
import { maxPool2dWithIndices } from '../aten/max-pool2d-with-indices.js';
import { maxPool2dWithIndicesBackward } from '../aten/max-pool2d-with-indices-backward.js';
import { maxPool3d } from '../aten/max-pool3d.js';
import { maxPool3dWithIndices } from '../aten/max-pool3d-with-indices.js';
import { maxPool3dWithIndicesBackward } from '../aten/max-pool3d-with-indices-backward.js';
import { maxUnpool2d } from '../aten/max-unpool2d.js';
import { maxUnpool3d } from '../aten/max-unpool3d.js';
import { oneHot } from '../aten/one-hot.js';
import { pad } from '../aten/pad.js';
import { padSequence } from '../aten/pad-sequence.js';
import { pixelShuffle } from '../aten/pixel-shuffle.js';
import { pixelUnshuffle } from '../aten/pixel-unshuffle.js';
import { reflectionPad1d } from '../aten/reflection-pad1d.js';
import { reflectionPad1dBackward } from '../aten/reflection-pad1d-backward.js';
import { reflectionPad2d } from '../aten/reflection-pad2d.js';
import { reflectionPad2dBackward } from '../aten/reflection-pad2d-backward.js';
import { reflectionPad3d } from '../aten/reflection-pad3d.js';
import { reflectionPad3dBackward } from '../aten/reflection-pad3d-backward.js';
import { replicationPad1d } from '../aten/replication-pad1d.js';
import { replicationPad1dBackward } from '../aten/replication-pad1d-backward.js';
import { replicationPad2d } from '../aten/replication-pad2d.js';
import { replicationPad2dBackward } from '../aten/replication-pad2d-backward.js';
import { replicationPad3d } from '../aten/replication-pad3d.js';
import { replicationPad3dBackward } from '../aten/replication-pad3d-backward.js';
import { upsampleBicubic2d } from '../aten/upsample-bicubic2d.js';
import { upsampleBicubic2dBackward } from '../aten/upsample-bicubic2d-backward.js';
import { upsampleBilinear2d } from '../aten/upsample-bilinear2d.js';
import { upsampleBilinear2dBackward } from '../aten/upsample-bilinear2d-backward.js';
import { upsampleLinear1d } from '../aten/upsample-linear1d.js';
import { upsampleLinear1dBackward } from '../aten/upsample-linear1d-backward.js';
import { upsampleNearest1d } from '../aten/upsample-nearest1d.js';
import { upsampleNearest1dBackward } from '../aten/upsample-nearest1d-backward.js';
import { upsampleNearest2d } from '../aten/upsample-nearest2d.js';
import { upsampleNearest2dBackward } from '../aten/upsample-nearest2d-backward.js';
import { upsampleNearest3d } from '../aten/upsample-nearest3d.js';
import { upsampleNearest3dBackward } from '../aten/upsample-nearest3d-backward.js';
import { upsampleTrilinear3d } from '../aten/upsample-trilinear3d.js';
import { upsampleTrilinear3dBackward } from '../aten/upsample-trilinear3d-backward.js';
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
  upsampleNearest1d,
  upsampleNearest1dBackward,
  upsampleNearest2d,
  upsampleNearest2dBackward,
  upsampleNearest3d,
  upsampleNearest3dBackward,
  upsampleLinear1d,
  upsampleLinear1dBackward,
  upsampleBilinear2d,
  upsampleBilinear2dBackward,
  upsampleBicubic2d,
  upsampleBicubic2dBackward,
  upsampleTrilinear3d,
  upsampleTrilinear3dBackward,
  _upsampleNearestExact1d,
  _upsampleNearestExact1dBackward,
  _upsampleNearestExact2d,
  _upsampleNearestExact2dBackward,
  _upsampleNearestExact3d,
  _upsampleNearestExact3dBackward,
  _upsampleBilinear2dAa,
  _upsampleBilinear2dAaBackward,
  _upsampleBicubic2dAa,
  _upsampleBicubic2dAaBackward,
  reflectionPad1d,
  reflectionPad1dBackward,
  reflectionPad2d,
  reflectionPad2dBackward,
  reflectionPad3d,
  reflectionPad3dBackward,
  replicationPad1d,
  replicationPad1dBackward,
  replicationPad2d,
  replicationPad2dBackward,
  replicationPad3d,
  replicationPad3dBackward,
  constantPadNd,
  pad,
  pixelShuffle,
  pixelUnshuffle,
  channelShuffle,
  embedding,
  embeddingBackward,
  embeddingDenseBackward,
  oneHot,
  maxUnpool2d,
  im2col,
  col2im,
  embeddingBag,
  _embeddingBag,
  _embeddingBagBackward,
  _embeddingBagDenseBackward,
  _packPaddedSequence,
  _packPaddedSequenceBackward,
  _padPackedSequence,
  padSequence,
  _embeddingBagPerSampleWeightsBackward,
  maxUnpool3d,
  _embeddingBagForwardOnly,
  embeddingRenorm_,
];
