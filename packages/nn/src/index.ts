// @tsjit/nn (layer 5): Module and Parameter (src/module/), layers (src/layers/), functional
// (src/functional/), init (src/init/), losses (src/loss/), optimizers and schedulers (src/optim/).
export * as functional from './functional/index.js';
// nn-b: recurrent layers, attention, transformer layers, losses and their functional forms.
export type { LegacyReductionOptions } from './functional/legacy-reduction.js';
export type { Reduction } from './functional/losses.js';
export * as init from './init/index.js';
export * from './layers/index.js';
export {
  MultiheadAttention,
  type MultiheadAttentionForwardOptions,
  type MultiheadAttentionOptions,
  NonDynamicallyQuantizableLinear,
} from './layers/multihead-attention.js';
export { GRU, LSTM, RNN, RNNBase, type RNNBaseOptions, type RNNMode, type RNNOptions } from './layers/rnn.js';
export { GRUCell, LSTMCell, RNNCell, RNNCellBase, type RNNCellBaseOptions } from './layers/rnn-cell.js';
export {
  Transformer,
  type TransformerActivation,
  TransformerDecoder,
  type TransformerDecoderForwardOptions,
  TransformerDecoderLayer,
  TransformerEncoder,
  TransformerEncoderLayer,
  type TransformerForwardOptions,
  type TransformerLayerOptions,
  type TransformerOptions,
} from './layers/transformer.js';
export { BCELoss } from './loss/bce-loss.js';
export { BCEWithLogitsLoss } from './loss/bce-with-logits-loss.js';
export { CosineEmbeddingLoss } from './loss/cosine-embedding-loss.js';
export { CrossEntropyLoss } from './loss/cross-entropy-loss.js';
export { CTCLoss } from './loss/ctc-loss.js';
export { GaussianNLLLoss } from './loss/gaussian-nll-loss.js';
export { HingeEmbeddingLoss } from './loss/hinge-embedding-loss.js';
export { HuberLoss } from './loss/huber-loss.js';
export { KLDivLoss } from './loss/kl-div-loss.js';
export { L1Loss } from './loss/l1-loss.js';
export { Loss, WeightedLoss } from './loss/loss.js';
export { MarginRankingLoss } from './loss/margin-ranking-loss.js';
export { MSELoss } from './loss/mse-loss.js';
export { MultiLabelMarginLoss } from './loss/multi-label-margin-loss.js';
export { MultiLabelSoftMarginLoss } from './loss/multi-label-soft-margin-loss.js';
export { MultiMarginLoss } from './loss/multi-margin-loss.js';
export { NLLLoss } from './loss/nll-loss.js';
export { PoissonNLLLoss } from './loss/poisson-nll-loss.js';
export { SmoothL1Loss } from './loss/smooth-l1-loss.js';
export { SoftMarginLoss } from './loss/soft-margin-loss.js';
export { TripletMarginLoss } from './loss/triplet-margin-loss.js';
export { TripletMarginWithDistanceLoss } from './loss/triplet-margin-with-distance-loss.js';
export * from './module/index.js';
export * as optim from './optim/index.js';
export { type ClipGradNormOptions, clipGradNorm } from './utils/clip-grad-norm.js';
export { clipGradValue } from './utils/clip-grad-value.js';
// torch.nn.utils (nn.utils.rnn.packPaddedSequence, nn.utils.clipGradNorm ...).
export * as utils from './utils/index.js';
