import { _ctcLoss } from '../aten/_ctc-loss.js';
import { _ctcLossBackward } from '../aten/_ctc-loss-backward.js';
import { _nativeMultiHeadAttention } from '../aten/_native-multi-head-attention.js';
import { _nestedTensorFromMask } from '../aten/_nested-tensor-from-mask.js';
import { _nestedTensorFromMaskLeftAligned } from '../aten/_nested-tensor-from-mask-left-aligned.js';
import { _scaledDotProductAttention } from '../aten/_scaled-dot-product-attention.js';
import { _transformerEncoderLayerFwd } from '../aten/_transformer-encoder-layer-fwd.js';
import { binaryCrossEntropy } from '../aten/binary-cross-entropy.js';
import { binaryCrossEntropyBackward } from '../aten/binary-cross-entropy-backward.js';
import { binaryCrossEntropyWithLogits } from '../aten/binary-cross-entropy-with-logits.js';
import { cdist } from '../aten/cdist.js';
import { cosineEmbeddingLoss } from '../aten/cosine-embedding-loss.js';
import { cosineSimilarity } from '../aten/cosine-similarity.js';
import { crossEntropyLoss } from '../aten/cross-entropy-loss.js';
import { ctcLoss } from '../aten/ctc-loss.js';
import { gru } from '../aten/gru.js';
import { gruCell } from '../aten/gru-cell.js';
import { hingeEmbeddingLoss } from '../aten/hinge-embedding-loss.js';
import { huberLoss } from '../aten/huber-loss.js';
import { huberLossBackward } from '../aten/huber-loss-backward.js';
import { klDiv } from '../aten/kl-div.js';
import { l1Loss } from '../aten/l1-loss.js';
import { lstm } from '../aten/lstm.js';
import { lstmCell } from '../aten/lstm-cell.js';
import { marginRankingLoss } from '../aten/margin-ranking-loss.js';
import { mseLoss } from '../aten/mse-loss.js';
import { mseLossBackward } from '../aten/mse-loss-backward.js';
import { multiMarginLoss } from '../aten/multi-margin-loss.js';
import { multilabelMarginLoss } from '../aten/multilabel-margin-loss.js';
import { multilabelMarginLossForward } from '../aten/multilabel-margin-loss-forward.js';
import { nllLoss } from '../aten/nll-loss.js';
import { nllLossBackward } from '../aten/nll-loss-backward.js';
import { nllLossForward } from '../aten/nll-loss-forward.js';
import { nllLossNd } from '../aten/nll-loss-nd.js';
import { nllLoss2d } from '../aten/nll-loss2d.js';
import { nllLoss2dBackward } from '../aten/nll-loss2d-backward.js';
import { nllLoss2dForward } from '../aten/nll-loss2d-forward.js';
import { pairwiseDistance } from '../aten/pairwise-distance.js';
import { poissonNllLoss } from '../aten/poisson-nll-loss.js';
import { rnnRelu } from '../aten/rnn-relu.js';
import { rnnReluCell } from '../aten/rnn-relu-cell.js';
import { rnnTanh } from '../aten/rnn-tanh.js';
import { rnnTanhCell } from '../aten/rnn-tanh-cell.js';
import { smoothL1Loss } from '../aten/smooth-l1-loss.js';
import { smoothL1LossBackward } from '../aten/smooth-l1-loss-backward.js';
import { softMarginLoss } from '../aten/soft-margin-loss.js';
import { softMarginLossBackward } from '../aten/soft-margin-loss-backward.js';
import { toPaddedTensor } from '../aten/to-padded-tensor.js';
import { tripletMarginLoss } from '../aten/triplet-margin-loss.js';
import type { Op } from '../core/define-op.js';

/** Loss functions (and the nll backward ops), distances and similarities (see src/op-list.ts). */
export const lossesOps: readonly Op[] = [
  _ctcLoss,
  _ctcLossBackward,
  ctcLoss,
  multiMarginLoss,
  multilabelMarginLoss,
  multilabelMarginLossForward,
  mseLoss,
  l1Loss,
  smoothL1Loss,
  huberLoss,
  nllLoss,
  nllLossForward,
  nllLossBackward,
  nllLoss2d,
  nllLoss2dForward,
  nllLoss2dBackward,
  nllLossNd,
  crossEntropyLoss,
  mseLossBackward,
  smoothL1LossBackward,
  huberLossBackward,
  softMarginLossBackward,
  binaryCrossEntropyBackward,
  binaryCrossEntropy,
  binaryCrossEntropyWithLogits,
  klDiv,
  cosineSimilarity,
  pairwiseDistance,
  cdist,
  softMarginLoss,
  marginRankingLoss,
  hingeEmbeddingLoss,
  cosineEmbeddingLoss,
  tripletMarginLoss,
  poissonNllLoss,
  // recurrent layers and cells
  lstm,
  gru,
  rnnTanh,
  rnnRelu,
  lstmCell,
  gruCell,
  rnnTanhCell,
  rnnReluCell,
  // attention
  _scaledDotProductAttention,
  _nativeMultiHeadAttention,
  _transformerEncoderLayerFwd,
  // nn.TransformerEncoder's nested fast path (padding-mask checks; nested tensors themselves are unsupported)
  _nestedTensorFromMaskLeftAligned,
  _nestedTensorFromMask,
  toPaddedTensor,
];
