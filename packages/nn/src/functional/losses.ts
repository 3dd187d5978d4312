import { OpError } from '@tsjit/ops';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { withoutGrad } from '../optim/grad-mode.js';
import { type LegacyReductionOptions, resolveReduction, warnOnce } from './legacy-reduction.js';

/** PyTorch's loss reductions (`reduction=` of every loss). */
export type Reduction = 'none' | 'mean' | 'sum';

/** The integer the aten loss ops take for a reduction (torch/nn/_reduction.py: none 0, mean 1, sum 2). */
export function reductionEnum(reduction: string): number {
  if (reduction === 'none') return 0;
  if (reduction === 'mean') return 1;
  if (reduction === 'sum') return 2;
  throw new OpError(`${reduction} is not a valid value for reduction`, 'ValueError');
}

// mse_loss / l1_loss / smooth_l1_loss / huber_loss broadcast input and target first (PyTorch warns
// when the sizes differ; the result is still the broadcast one).
function broadcastPair(input: Tensor, target: Tensor): readonly [Tensor, Tensor] {
  const [a, b] = T.broadcastTensors([input, target]);
  return [a, b];
}

/** F.mse_loss: mean squared error. */
export function mseLoss(
  input: Tensor,
  target: Tensor,
  options: { reduction?: Reduction } & LegacyReductionOptions = {},
): Tensor {
  const [a, b] = broadcastPair(input, target);
  return T.mseLoss(a, b, reductionEnum(resolveReduction(options.reduction ?? 'mean', options)));
}

/** F.l1_loss: mean absolute error. */
export function l1Loss(
  input: Tensor,
  target: Tensor,
  options: { reduction?: Reduction } & LegacyReductionOptions = {},
): Tensor {
  const [a, b] = broadcastPair(input, target);
  return T.l1Loss(a, b, reductionEnum(resolveReduction(options.reduction ?? 'mean', options)));
}

/** F.smooth_l1_loss: quadratic below `beta`, linear above (beta 0 is exactly L1). */
export function smoothL1Loss(
  input: Tensor,
  target: Tensor,
  options: { reduction?: Reduction; beta?: number } & LegacyReductionOptions = {},
): Tensor {
  const beta = options.beta ?? 1.0;
  const [a, b] = broadcastPair(input, target);
  const reduction = reductionEnum(resolveReduction(options.reduction ?? 'mean', options));
  return beta === 0 ? T.l1Loss(a, b, reduction) : T.smoothL1Loss(a, b, reduction, beta);
}

/** F.huber_loss: quadratic below `delta`, `delta`-scaled linear above. */
export function huberLoss(
  input: Tensor,
  target: Tensor,
  options: { reduction?: Reduction; delta?: number } = {},
): Tensor {
  const [a, b] = broadcastPair(input, target);
  return T.huberLoss(a, b, reductionEnum(options.reduction ?? 'mean'), options.delta ?? 1.0);
}

/**
 * F.cross_entropy: log-softmax over dim 1 then NLL; the target holds class indices (int64, one dim
 * less than input) or class probabilities (same shape as input).
 */
export function crossEntropy(
  input: Tensor,
  target: Tensor,
  options: {
    weight?: Tensor | null;
    ignoreIndex?: number;
    reduction?: Reduction;
    labelSmoothing?: number;
  } & LegacyReductionOptions = {},
): Tensor {
  return T.crossEntropyLoss(
    input,
    target,
    options.weight ?? null,
    reductionEnum(resolveReduction(options.reduction ?? 'mean', options)),
    options.ignoreIndex ?? -100,
    options.labelSmoothing ?? 0.0,
  );
}

/** F.nll_loss: negative log likelihood of log-probabilities over dim 1. */
export function nllLoss(
  input: Tensor,
  target: Tensor,
  options: { weight?: Tensor | null; ignoreIndex?: number; reduction?: Reduction } & LegacyReductionOptions = {},
): Tensor {
  return T.nllLossNd(
    input,
    target,
    options.weight ?? null,
    reductionEnum(resolveReduction(options.reduction ?? 'mean', options)),
    options.ignoreIndex ?? -100,
  );
}

/** F.binary_cross_entropy over probabilities; `weight` broadcasts to the input. */
export function binaryCrossEntropy(
  input: Tensor,
  target: Tensor,
  options: { weight?: Tensor | null; reduction?: Reduction } & LegacyReductionOptions = {},
): Tensor {
  const reduction = reductionEnum(resolveReduction(options.reduction ?? 'mean', options));
  if (!sameSizes(input.sizes, target.sizes)) {
    throw new OpError(
      `Using a target size (${pySize(target.sizes)}) that is different to the input size (${pySize(input.sizes)}) ` +
        'is deprecated. Please ensure they have the same size.',
      'ValueError',
    );
  }
  let weight = options.weight ?? null;
  if (weight !== null) {
    const [w] = T.broadcastTensors([weight, input]);
    weight = w;
  }
  return T.binaryCrossEntropy(input, target, weight, reduction);
}

/** F.binary_cross_entropy_with_logits: sigmoid + BCE in one stable op; `posWeight` weighs positives per class. */
export function binaryCrossEntropyWithLogits(
  input: Tensor,
  target: Tensor,
  options: { weight?: Tensor | null; reduction?: Reduction; posWeight?: Tensor | null } & LegacyReductionOptions = {},
): Tensor {
  const reduction = reductionEnum(resolveReduction(options.reduction ?? 'mean', options));
  if (!sameSizes(input.sizes, target.sizes)) {
    throw new OpError(
      `Target size (${pySize(target.sizes)}) must be the same as input size (${pySize(input.sizes)})`,
      'ValueError',
    );
  }
  return T.binaryCrossEntropyWithLogits(input, target, options.weight ?? null, options.posWeight ?? null, reduction);
}

/**
 * F.kl_div: `input` holds log-probabilities; 'batchmean' divides the sum by the batch size (what
 * the KL divergence means mathematically; 'mean' averages over every element, as PyTorch does).
 */
export function klDiv(
  input: Tensor,
  target: Tensor,
  options: { reduction?: Reduction | 'batchmean'; logTarget?: boolean } & LegacyReductionOptions = {},
): Tensor {
  const reduction = options.reduction ?? 'mean';
  const logTarget = options.logTarget ?? false;
  let reductionCode: number;
  if ((options.sizeAverage ?? null) !== null || (options.reduce ?? null) !== null) {
    reductionCode = reductionEnum(resolveReduction('mean', options));
  } else {
    if (reduction === 'mean') warnOnce(KL_DIV_MEAN_WARNING);
    reductionCode = reductionEnum(reduction === 'batchmean' ? 'sum' : reduction);
  }
  const reduced = T.klDiv(input, target, reductionCode, { logTarget });
  // As in PyTorch, the division follows the `reduction` argument even when the legacy ones set the op's.
  if (reduction !== 'batchmean' || input.dim() === 0) return reduced;
  if (input.numel() === 0) return T.div(reduced, input.size(0));
  // The batch size as a tensor counted from the input, so that a trace follows it (PyTorch's
  // traced input.size(0)); float32 division by it rounds as division by the number does.
  let rows = input;
  for (let d = input.dim() - 1; d >= 1; d--) rows = T.select(rows, d, 0);
  return T.div(reduced, T.sum(T.onesLike(rows)));
}

const KL_DIV_MEAN_WARNING =
  "reduction: 'mean' divides the total loss by both the batch size and the support size." +
  "'batchmean' divides only by the batch size, and aligns with the KL div math definition." +
  "'mean' will be changed to behave the same as 'batchmean' in the next major release.";

/** F.cosine_embedding_loss: 1 - cos for target 1, max(0, cos - margin) for target -1. */
export function cosineEmbeddingLoss(
  input1: Tensor,
  input2: Tensor,
  target: Tensor,
  options: { margin?: number; reduction?: Reduction } & LegacyReductionOptions = {},
): Tensor {
  return T.cosineEmbeddingLoss(
    input1,
    input2,
    target,
    options.margin ?? 0,
    reductionEnum(resolveReduction(options.reduction ?? 'mean', options)),
  );
}

/** F.margin_ranking_loss: max(0, -target * (input1 - input2) + margin). */
export function marginRankingLoss(
  input1: Tensor,
  input2: Tensor,
  target: Tensor,
  options: { margin?: number; reduction?: Reduction } & LegacyReductionOptions = {},
): Tensor {
  if (input1.dim() !== input2.dim() || input1.dim() !== target.dim()) {
    throw new OpError(
      `margin_ranking_loss : All input tensors should have same dimension but got sizes: ` +
        `input1: ${pySize(input1.sizes)}, input2: ${pySize(input2.sizes)}, target: ${pySize(target.sizes)} `,
    );
  }
  return T.marginRankingLoss(
    input1,
    input2,
    target,
    options.margin ?? 0,
    reductionEnum(resolveReduction(options.reduction ?? 'mean', options)),
  );
}

function sameSizes(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function pySize(sizes: readonly number[]): string {
  return `torch.Size([${sizes.join(', ')}])`;
}

/** F.hinge_embedding_loss: x where the target is 1, max(0, margin - x) where it is -1. */
export function hingeEmbeddingLoss(
  input: Tensor,
  target: Tensor,
  options: { margin?: number; reduction?: Reduction } & LegacyReductionOptions = {},
): Tensor {
  const reduction = reductionEnum(resolveReduction(options.reduction ?? 'mean', options));
  return T.hingeEmbeddingLoss(input, target, options.margin ?? 1.0, reduction);
}

/** F.soft_margin_loss: log(1 + exp(-y x)) for targets ±1. */
export function softMarginLoss(
  input: Tensor,
  target: Tensor,
  options: { reduction?: Reduction } & LegacyReductionOptions = {},
): Tensor {
  return T.softMarginLoss(input, target, reductionEnum(resolveReduction(options.reduction ?? 'mean', options)));
}

/** F.multilabel_soft_margin_loss: per-class binary logistic loss averaged over the classes (last dim). */
export function multilabelSoftMarginLoss(
  input: Tensor,
  target: Tensor,
  options: { weight?: Tensor | null; reduction?: Reduction } & LegacyReductionOptions = {},
): Tensor {
  const reduction = resolveReduction(options.reduction ?? 'mean', options) as string;
  let loss = T.neg(T.add(T.mul(target, T.logSigmoid(input)), T.mul(T.rsub(target, 1), T.logSigmoid(T.neg(input)))));
  if (options.weight != null) loss = T.mul(loss, options.weight);
  const classDim = input.dim() - 1;
  // The mean over the classes (PyTorch: sum / input.size(class_dim)): no class count baked into a trace.
  loss = T.mean(loss, [classDim]);
  if (reduction === 'none') return loss;
  if (reduction === 'mean') return T.mean(loss);
  if (reduction === 'sum') return T.sum(loss);
  throw new OpError(`${reduction} is not valid`, 'ValueError');
}

/** F.multi_margin_loss: multi-class hinge loss (p 1 or 2) over class scores; `weight` weighs the target classes. */
export function multiMarginLoss(
  input: Tensor,
  target: Tensor,
  options: { p?: number; margin?: number; weight?: Tensor | null; reduction?: Reduction } & LegacyReductionOptions = {},
): Tensor {
  const reduction = reductionEnum(resolveReduction(options.reduction ?? 'mean', options));
  const p = options.p ?? 1;
  if (p !== 1 && p !== 2) throw new OpError('only p == 1 and p == 2 supported', 'ValueError');
  const weight = options.weight ?? null;
  if (weight !== null && weight.dim() !== 1) throw new OpError('weight must be one-dimensional', 'ValueError');
  return T.multiMarginLoss(input, target, p, options.margin ?? 1, weight, reduction);
}

/** F.multilabel_margin_loss: multi-class multi-label hinge loss; target lists class indices, ended by -1. */
export function multilabelMarginLoss(
  input: Tensor,
  target: Tensor,
  options: { reduction?: Reduction } & LegacyReductionOptions = {},
): Tensor {
  return T.multilabelMarginLoss(input, target, reductionEnum(resolveReduction(options.reduction ?? 'mean', options)));
}

/** F.poisson_nll_loss: exp(x) - t x with logInput (default), else x - t log(x + eps); `full` adds Stirling's term. */
export function poissonNllLoss(
  input: Tensor,
  target: Tensor,
  options: { logInput?: boolean; full?: boolean; eps?: number; reduction?: Reduction } & LegacyReductionOptions = {},
): Tensor {
  const reduction = resolveReduction(options.reduction ?? 'mean', options) as string;
  if (reduction !== 'none' && reduction !== 'mean' && reduction !== 'sum') {
    throw new OpError(`${reduction} is not valid`, 'ValueError');
  }
  return T.poissonNllLoss(
    input,
    target,
    options.logInput ?? true,
    options.full ?? false,
    options.eps ?? 1e-8,
    reductionEnum(reduction),
  );
}

/**
 * F.gaussian_nll_loss: 0.5 (log var + (x - t)^2 / var) (+ 0.5 log 2π with `full`). `var` has the
 * input's shape, or one dim less, or a last dim of 1; a clone of it is clamped to `eps` under
 * no_grad, as PyTorch does (the gradient reaches `var` as if unclamped).
 */
export function gaussianNllLoss(
  input: Tensor,
  target: Tensor,
  variance: Tensor,
  options: { full?: boolean; eps?: number; reduction?: Reduction } = {},
): Tensor {
  let v = variance;
  if (!sameSizes(v.sizes, input.sizes)) {
    if (sameSizes(input.sizes.slice(0, -1), v.sizes)) v = T.unsqueeze(v, -1);
    else if (!(sameSizes(input.sizes.slice(0, -1), v.sizes.slice(0, -1)) && v.sizes[v.dim() - 1] === 1)) {
      throw new OpError('var is of incorrect size', 'ValueError');
    }
  }
  const reduction = options.reduction ?? 'mean';
  if (reduction !== 'none' && reduction !== 'mean' && reduction !== 'sum') {
    throw new OpError(`${reduction} is not valid`, 'ValueError');
  }
  if (T.any(T.lt(v, 0)).item()) throw new OpError('var has negative entry/entries', 'ValueError');
  const eps = options.eps ?? 1e-6;
  v = T.clone(v);
  withoutGrad(() => T.clampMin_(v, eps));
  let loss = T.mul(T.add(T.log(v), T.div(T.pow(T.sub(input, target), 2), v)), 0.5);
  if (options.full ?? false) loss = T.add(loss, 0.5 * Math.log(2 * Math.PI));
  if (reduction === 'mean') return T.mean(loss);
  if (reduction === 'sum') return T.sum(loss);
  return loss;
}

/** F.triplet_margin_loss: max(d(a, p) - d(a, n) + margin, 0) with the p-norm distance (`swap`: the harder negative). */
export function tripletMarginLoss(
  anchor: Tensor,
  positive: Tensor,
  negative: Tensor,
  options: {
    margin?: number;
    p?: number;
    eps?: number;
    swap?: boolean;
    reduction?: Reduction;
  } & LegacyReductionOptions = {},
): Tensor {
  const reduction = reductionEnum(resolveReduction(options.reduction ?? 'mean', options));
  return T.tripletMarginLoss(
    anchor,
    positive,
    negative,
    options.margin ?? 1.0,
    options.p ?? 2,
    options.eps ?? 1e-6,
    options.swap ?? false,
    reduction,
  );
}

/** F.triplet_margin_with_distance_loss: the triplet loss with any distance (default pairwise_distance). */
export function tripletMarginWithDistanceLoss(
  anchor: Tensor,
  positive: Tensor,
  negative: Tensor,
  options: {
    distanceFunction?: ((a: Tensor, b: Tensor) => Tensor) | null;
    margin?: number;
    swap?: boolean;
    reduction?: Reduction;
  } = {},
): Tensor {
  const distance = options.distanceFunction ?? ((a: Tensor, b: Tensor) => T.pairwiseDistance(a, b));
  const positiveDist = distance(anchor, positive);
  let negativeDist = distance(anchor, negative);
  if (options.swap ?? false) negativeDist = T.minimum(negativeDist, distance(positive, negative));
  const output = T.clampMin(T.add(T.sub(positiveDist, negativeDist), options.margin ?? 1.0), 0.0);
  const reduction = reductionEnum(options.reduction ?? 'mean');
  if (reduction === 1) return T.mean(output);
  if (reduction === 2) return T.sum(output);
  return output;
}

/**
 * F.ctc_loss: the Connectionist Temporal Classification loss of `logProbs` ([T, N, C], from
 * log_softmax) against `targets` (padded [N, S] or concatenated), with each sample's lengths.
 */
export function ctcLoss(
  logProbs: Tensor,
  targets: Tensor,
  inputLengths: Tensor | readonly number[],
  targetLengths: Tensor | readonly number[],
  options: { blank?: number; reduction?: Reduction; zeroInfinity?: boolean } = {},
): Tensor {
  const lengths = (v: Tensor | readonly number[]) => (Array.isArray(v) ? [...v] : v);
  return T.ctcLoss(
    logProbs,
    targets,
    lengths(inputLengths) as Tensor,
    lengths(targetLengths) as Tensor,
    options.blank ?? 0,
    reductionEnum(options.reduction ?? 'mean'),
    options.zeroInfinity ?? false,
  );
}
