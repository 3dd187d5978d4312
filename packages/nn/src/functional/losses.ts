import { OpError } from '@tsjit/ops';
import { torchOps as T, type Tensor } from '@tsjit/tensor';

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
export function mseLoss(input: Tensor, target: Tensor, options: { reduction?: Reduction } = {}): Tensor {
  const [a, b] = broadcastPair(input, target);
  return T.mseLoss(a, b, reductionEnum(options.reduction ?? 'mean'));
}

/** F.l1_loss: mean absolute error. */
export function l1Loss(input: Tensor, target: Tensor, options: { reduction?: Reduction } = {}): Tensor {
  const [a, b] = broadcastPair(input, target);
  return T.l1Loss(a, b, reductionEnum(options.reduction ?? 'mean'));
}

/** F.smooth_l1_loss: quadratic below `beta`, linear above (beta 0 is exactly L1). */
export function smoothL1Loss(
  input: Tensor,
  target: Tensor,
  options: { reduction?: Reduction; beta?: number } = {},
): Tensor {
  const beta = options.beta ?? 1.0;
  const [a, b] = broadcastPair(input, target);
  const reduction = reductionEnum(options.reduction ?? 'mean');
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
  options: { weight?: Tensor | null; ignoreIndex?: number; reduction?: Reduction; labelSmoothing?: number } = {},
): Tensor {
  return T.crossEntropyLoss(
    input,
    target,
    options.weight ?? null,
    reductionEnum(options.reduction ?? 'mean'),
    options.ignoreIndex ?? -100,
    options.labelSmoothing ?? 0.0,
  );
}

/** F.nll_loss: negative log likelihood of log-probabilities over dim 1. */
export function nllLoss(
  input: Tensor,
  target: Tensor,
  options: { weight?: Tensor | null; ignoreIndex?: number; reduction?: Reduction } = {},
): Tensor {
  return T.nllLossNd(
    input,
    target,
    options.weight ?? null,
    reductionEnum(options.reduction ?? 'mean'),
    options.ignoreIndex ?? -100,
  );
}

/** F.binary_cross_entropy over probabilities; `weight` broadcasts to the input. */
export function binaryCrossEntropy(
  input: Tensor,
  target: Tensor,
  options: { weight?: Tensor | null; reduction?: Reduction } = {},
): Tensor {
  const reduction = reductionEnum(options.reduction ?? 'mean');
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
  options: { weight?: Tensor | null; reduction?: Reduction; posWeight?: Tensor | null } = {},
): Tensor {
  const reduction = reductionEnum(options.reduction ?? 'mean');
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
  options: { reduction?: Reduction | 'batchmean'; logTarget?: boolean } = {},
): Tensor {
  const reduction = options.reduction ?? 'mean';
  const logTarget = options.logTarget ?? false;
  if (reduction === 'batchmean') {
    const sum = T.klDiv(input, target, 2, { logTarget });
    if (input.dim() === 0 || input.numel() === 0) return input.dim() === 0 ? sum : T.div(sum, input.size(0));
    // The batch size as a tensor counted from the input, so that a trace follows it (PyTorch's
    // traced input.size(0)); float32 division by it rounds as division by the number does.
    let rows = input;
    for (let d = input.dim() - 1; d >= 1; d--) rows = T.select(rows, d, 0);
    return T.div(sum, T.sum(T.onesLike(rows)));
  }
  return T.klDiv(input, target, reductionEnum(reduction), { logTarget });
}

/** F.cosine_embedding_loss: 1 - cos for target 1, max(0, cos - margin) for target -1. */
export function cosineEmbeddingLoss(
  input1: Tensor,
  input2: Tensor,
  target: Tensor,
  options: { margin?: number; reduction?: Reduction } = {},
): Tensor {
  return T.cosineEmbeddingLoss(input1, input2, target, options.margin ?? 0, reductionEnum(options.reduction ?? 'mean'));
}

/** F.margin_ranking_loss: max(0, -target * (input1 - input2) + margin). */
export function marginRankingLoss(
  input1: Tensor,
  input2: Tensor,
  target: Tensor,
  options: { margin?: number; reduction?: Reduction } = {},
): Tensor {
  if (input1.dim() !== input2.dim() || input1.dim() !== target.dim()) {
    throw new OpError(
      `margin_ranking_loss : All input tensors should have same dimension but got sizes: ` +
        `input1: ${pySize(input1.sizes)}, input2: ${pySize(input2.sizes)}, target: ${pySize(target.sizes)} `,
    );
  }
  return T.marginRankingLoss(input1, input2, target, options.margin ?? 0, reductionEnum(options.reduction ?? 'mean'));
}

function sameSizes(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

function pySize(sizes: readonly number[]): string {
  return `torch.Size([${sizes.join(', ')}])`;
}
