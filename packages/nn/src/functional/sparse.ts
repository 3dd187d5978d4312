import { noGrad } from '@tsjit/autodiff';
import { torchOps as T, type Tensor } from '@tsjit/tensor';

export interface EmbeddingOptions {
  paddingIdx?: number | null;
  maxNorm?: number | null;
  normType?: number;
  scaleGradByFreq?: boolean;
  sparse?: boolean;
}

/** F.embedding(input, weight, ...): rows of `weight`; with maxNorm, the looked-up rows are renormalized in place first. */
export function embedding(input: Tensor, weight: Tensor, options: EmbeddingOptions = {}): Tensor {
  let paddingIdx = options.paddingIdx ?? null;
  if (paddingIdx !== null) {
    if (paddingIdx > 0) {
      if (paddingIdx >= weight.size(0)) throw new Error('Padding_idx must be within num_embeddings');
    } else if (paddingIdx < 0) {
      if (paddingIdx < -weight.size(0)) throw new Error('Padding_idx must be within num_embeddings');
      paddingIdx = weight.size(0) + paddingIdx;
    }
  } else paddingIdx = -1;
  if (options.maxNorm !== undefined && options.maxNorm !== null) {
    // As PyTorch's _no_grad_embedding_renorm_: in place on a detached view of the weight, under
    // no_grad (a trace records both ops, as PyTorch's does).
    const maxNorm = options.maxNorm;
    noGrad(() => T.embeddingRenorm_(T.detach(weight), T.contiguous(input), maxNorm, options.normType ?? 2));
  }
  return T.embedding(weight, input, paddingIdx, options.scaleGradByFreq ?? false, options.sparse ?? false);
}

export interface EmbeddingBagOptions extends EmbeddingOptions {
  offsets?: Tensor | null;
  mode?: 'sum' | 'mean' | 'max';
  perSampleWeights?: Tensor | null;
  includeLastOffset?: boolean;
}

/** F.embedding_bag: sums, means or maxima of bags of rows (2-d input: one bag per row; 1-d input: bags start at `offsets`). */
export function embeddingBag(input: Tensor, weight: Tensor, options: EmbeddingBagOptions = {}): Tensor {
  const mode = options.mode ?? 'mean';
  let offsets = options.offsets ?? null;
  let perSampleWeights = options.perSampleWeights ?? null;
  if (weight.dtype === 'int64' || weight.dtype === 'int32') {
    throw new Error(
      `Expected tensor for argument #1 'weight' to have one of the following scalar types: Float, Double. Got ${weight.dtype} instead.`,
    );
  }
  if (
    perSampleWeights !== null &&
    (input.dim() !== perSampleWeights.dim() || input.sizes.some((s, i) => s !== perSampleWeights?.sizes[i]))
  ) {
    throw new Error(
      `embedding_bag: If per_sample_weights (torch.Size([${perSampleWeights.sizes.join(', ')}])) is not None, then it must have the same shape as the input (torch.Size([${input.sizes.join(', ')}]))`,
    );
  }
  if (input.dim() === 2) {
    if (offsets !== null) {
      throw new Error(
        'if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences. However, found offsets of type Tensor',
      );
    }
    // Bag i starts at i * L: [0, L, 2L, ...] computed from the input (cumsum of the rows' lengths,
    // less each), so that a trace follows both sizes, as PyTorch's traced arange of input.size(1) does.
    const lengths = T.sum(T.onesLike(input), [1], false, { dtype: input.dtype });
    offsets = T.sub(T.cumsum(lengths, 0, { dtype: input.dtype }), lengths);
    input = T.reshape(input, [-1]);
    if (perSampleWeights !== null) perSampleWeights = T.reshape(perSampleWeights, [-1]);
  } else if (input.dim() === 1) {
    if (offsets === null) throw new Error('offsets has to be a 1D Tensor but got None');
    if (offsets.dim() !== 1) throw new Error('offsets has to be a 1D Tensor');
  } else {
    throw new Error(`input has to be 1D or 2D Tensor, but got Tensor of dimension ${input.dim()}`);
  }
  const modeEnum = mode === 'sum' ? 0 : mode === 'mean' ? 1 : mode === 'max' ? 2 : -1;
  if (modeEnum < 0) throw new Error('mode has to be one of sum, mean or max');
  if (modeEnum === 2) {
    if (options.scaleGradByFreq) throw new Error('max mode does not support scaling the gradient by the frequency');
    if (options.sparse) throw new Error('max mode does not support sparse weights');
  }
  if (options.maxNorm !== undefined && options.maxNorm !== null) {
    const maxNorm = options.maxNorm;
    noGrad(() => T.embeddingRenorm_(T.detach(weight), input, maxNorm, options.normType ?? 2));
  }
  if (perSampleWeights !== null && mode !== 'sum') {
    throw new Error(
      `embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' (got mode='${mode}'). Please open a feature request on GitHub.`,
    );
  }
  const [ret] = T.embeddingBag(
    weight,
    input,
    offsets,
    options.scaleGradByFreq ?? false,
    modeEnum,
    options.sparse ?? false,
    perSampleWeights,
    options.includeLastOffset ?? false,
    // Passed on as given: the aten op checks and wraps it (the layer normalizes it at construction).
    options.paddingIdx ?? null,
  );
  return ret;
}
