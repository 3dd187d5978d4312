import type { DType } from '@tsjit/kernels';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { embedding, embeddingBag } from '../functional/sparse.js';
import { normal_ } from '../init/initializers.js';
import { Module } from '../module/module.js';
import { Parameter } from '../module/parameter.js';
import { reprFloat } from '../module/python-repr.js';
import { tensorData } from '../module/tensor-data.js';
import { defineScript } from './define-script.js';

export interface EmbeddingLayerOptions {
  paddingIdx?: number | null;
  maxNorm?: number | null;
  normType?: number;
  scaleGradByFreq?: boolean;
  sparse?: boolean;
  /** Use this tensor as the weight instead of drawing one (PyTorch's _weight). */
  weight?: Tensor;
  /** Whether the weight requires grad (PyTorch's _freeze is its negation). Default true. */
  requiresGrad?: boolean;
  dtype?: DType;
}

function normalizePaddingIdx(paddingIdx: number | null | undefined, numEmbeddings: number): number | null {
  if (paddingIdx === null || paddingIdx === undefined) return null;
  if (paddingIdx > 0) {
    if (paddingIdx >= numEmbeddings) throw new Error('Padding_idx must be within num_embeddings');
  } else if (paddingIdx < 0) {
    if (paddingIdx < -numEmbeddings) throw new Error('Padding_idx must be within num_embeddings');
    return numEmbeddings + paddingIdx;
  }
  return paddingIdx;
}

function checkWeightShape(weight: Tensor, numEmbeddings: number, embeddingDim: number): void {
  if (weight.dim() !== 2 || weight.size(0) !== numEmbeddings || weight.size(1) !== embeddingDim) {
    throw new Error('Shape of weight does not match num_embeddings and embedding_dim');
  }
}

/** nn.Embedding(num_embeddings, embedding_dim, { paddingIdx, maxNorm, normType, ... }): weight from N(0, 1), the padding row zeroed. */
export class Embedding extends Module {
  static readonly torchscript = defineScript<Embedding>(
    `    num_embeddings: int
    embedding_dim: int
    padding_idx: Optional[int]
    max_norm: Optional[float]
    norm_type: float
    scale_grad_by_freq: bool
    sparse: bool
    weight: Tensor
    def forward(self, input: Tensor) -> Tensor:
        padding_idx = self.padding_idx
        if padding_idx is None:
            padding_idx = -1
        max_norm = self.max_norm
        if max_norm is not None:
            input = input.contiguous()
            torch.embedding_renorm_(self.weight.detach(), input, max_norm, self.norm_type)
        return torch.embedding(self.weight, input, padding_idx, self.scale_grad_by_freq, self.sparse)
`,
    (m) => ({
      num_embeddings: m.numEmbeddings,
      embedding_dim: m.embeddingDim,
      padding_idx: m.paddingIdx,
      max_norm: m.maxNorm,
      norm_type: m.normType,
      scale_grad_by_freq: m.scaleGradByFreq,
      sparse: m.sparse,
      weight: m.weight,
    }),
  );

  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly paddingIdx: number | null;
  readonly maxNorm: number | null;
  readonly normType: number;
  readonly scaleGradByFreq: boolean;
  readonly sparse: boolean;
  weight: Parameter;

  constructor(numEmbeddings: number, embeddingDim: number, options: EmbeddingLayerOptions = {}) {
    super();
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    this.paddingIdx = normalizePaddingIdx(options.paddingIdx, numEmbeddings);
    this.maxNorm = options.maxNorm ?? null;
    this.normType = options.normType ?? 2.0;
    this.scaleGradByFreq = options.scaleGradByFreq ?? false;
    this.sparse = options.sparse ?? false;
    if (options.weight === undefined) {
      this.weight = new Parameter(T.empty([numEmbeddings, embeddingDim], { dtype: options.dtype ?? 'float32' }));
      this.resetParameters();
    } else {
      checkWeightShape(options.weight, numEmbeddings, embeddingDim);
      this.weight = new Parameter(options.weight);
    }
    this.weight.requiresGrad = options.requiresGrad ?? true;
  }

  /** Embedding.from_pretrained: a layer over `embeddings` (frozen unless freeze is false). */
  static fromPretrained(
    embeddings: Tensor,
    options: Omit<EmbeddingLayerOptions, 'weight' | 'requiresGrad'> & { freeze?: boolean } = {},
  ): Embedding {
    if (embeddings.dim() !== 2) throw new Error('Embeddings parameter is expected to be 2-dimensional');
    const { freeze = true, ...rest } = options;
    return new Embedding(embeddings.size(0), embeddings.size(1), {
      ...rest,
      weight: embeddings,
      requiresGrad: !freeze,
    });
  }

  resetParameters(): void {
    normal_(this.weight);
    this.fillPaddingIdxWithZero();
  }

  protected fillPaddingIdxWithZero(): void {
    if (this.paddingIdx !== null) T.fill_(T.select(tensorData(this.weight), 0, this.paddingIdx), 0);
  }

  override forward(input: Tensor): Tensor {
    return embedding(input, this.weight, {
      paddingIdx: this.paddingIdx,
      maxNorm: this.maxNorm,
      normType: this.normType,
      scaleGradByFreq: this.scaleGradByFreq,
      sparse: this.sparse,
    });
  }

  override extraRepr(): string {
    let s = `${this.numEmbeddings}, ${this.embeddingDim}`;
    if (this.paddingIdx !== null) s += `, padding_idx=${this.paddingIdx}`;
    if (this.maxNorm !== null) s += `, max_norm=${reprFloat(this.maxNorm)}`;
    if (this.normType !== 2) s += `, norm_type=${reprFloat(this.normType)}`;
    if (this.scaleGradByFreq) s += ', scale_grad_by_freq=True';
    if (this.sparse) s += ', sparse=True';
    return s;
  }
}

export interface EmbeddingBagLayerOptions extends EmbeddingLayerOptions {
  mode?: 'sum' | 'mean' | 'max';
  includeLastOffset?: boolean;
}

/** nn.EmbeddingBag(num_embeddings, embedding_dim, { mode='mean', ... }): forward(input, offsets?, perSampleWeights?). */
export class EmbeddingBag extends Module {
  static readonly torchscript = defineScript<EmbeddingBag>(
    `    num_embeddings: int
    embedding_dim: int
    max_norm: Optional[float]
    norm_type: float
    scale_grad_by_freq: bool
    mode: str
    sparse: bool
    include_last_offset: bool
    padding_idx: Optional[int]
    weight: Tensor
    def forward(self, input: Tensor, offsets: Optional[Tensor] = None, per_sample_weights: Optional[Tensor] = None) -> Tensor:
        if per_sample_weights is not None:
            if input.size() != per_sample_weights.size():
                raise ValueError("embedding_bag: If per_sample_weights ({}) is not None, then it must have the same shape as the input ({})".format(per_sample_weights.shape, input.shape))
        if input.dim() == 2:
            if offsets is not None:
                raise ValueError("if input is 2D, then offsets has to be None, as input is treated is a mini-batch of fixed length sequences.")
            offsets = torch.arange(0, input.numel(), input.size(1), dtype=input.dtype, device=input.device)
            input = input.reshape(-1)
            if per_sample_weights is not None:
                per_sample_weights = per_sample_weights.reshape(-1)
        elif input.dim() == 1:
            if offsets is None:
                raise ValueError("offsets has to be a 1D Tensor but got None")
            if offsets.dim() != 1:
                raise ValueError("offsets has to be a 1D Tensor")
        else:
            raise ValueError("input has to be 1D or 2D Tensor, but got Tensor of dimension {}".format(input.dim()))
        if self.mode == "sum":
            mode_enum = 0
        elif self.mode == "mean":
            mode_enum = 1
        else:
            mode_enum = 2
        max_norm = self.max_norm
        if max_norm is not None:
            torch.embedding_renorm_(self.weight.detach(), input, max_norm, self.norm_type)
        if per_sample_weights is not None and self.mode != "sum":
            raise NotImplementedError("embedding_bag: per_sample_weights was not None. per_sample_weights is only supported for mode='sum' (got mode='{}'). Please open a feature request on GitHub.".format(self.mode))
        ret, _, _, _ = torch.embedding_bag(self.weight, input, offsets, self.scale_grad_by_freq, mode_enum, self.sparse, per_sample_weights, self.include_last_offset, self.padding_idx)
        return ret
`,
    (m) => ({
      num_embeddings: m.numEmbeddings,
      embedding_dim: m.embeddingDim,
      max_norm: m.maxNorm,
      norm_type: m.normType,
      scale_grad_by_freq: m.scaleGradByFreq,
      mode: m.mode,
      sparse: m.sparse,
      include_last_offset: m.includeLastOffset,
      padding_idx: m.paddingIdx,
      weight: m.weight,
    }),
  );

  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  readonly maxNorm: number | null;
  readonly normType: number;
  readonly scaleGradByFreq: boolean;
  readonly mode: 'sum' | 'mean' | 'max';
  readonly sparse: boolean;
  readonly includeLastOffset: boolean;
  readonly paddingIdx: number | null;
  weight: Parameter;

  constructor(numEmbeddings: number, embeddingDim: number, options: EmbeddingBagLayerOptions = {}) {
    super();
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
    this.maxNorm = options.maxNorm ?? null;
    this.normType = options.normType ?? 2.0;
    this.scaleGradByFreq = options.scaleGradByFreq ?? false;
    this.mode = options.mode ?? 'mean';
    this.sparse = options.sparse ?? false;
    this.includeLastOffset = options.includeLastOffset ?? false;
    this.paddingIdx = normalizePaddingIdx(options.paddingIdx, numEmbeddings);
    if (options.weight === undefined) {
      this.weight = new Parameter(T.empty([numEmbeddings, embeddingDim], { dtype: options.dtype ?? 'float32' }));
      this.resetParameters();
    } else {
      checkWeightShape(options.weight, numEmbeddings, embeddingDim);
      this.weight = new Parameter(options.weight);
    }
    this.weight.requiresGrad = options.requiresGrad ?? true;
  }

  static fromPretrained(
    embeddings: Tensor,
    options: Omit<EmbeddingBagLayerOptions, 'weight' | 'requiresGrad'> & { freeze?: boolean } = {},
  ): EmbeddingBag {
    if (embeddings.dim() !== 2) throw new Error('Embeddings parameter is expected to be 2-dimensional');
    const { freeze = true, ...rest } = options;
    return new EmbeddingBag(embeddings.size(0), embeddings.size(1), {
      ...rest,
      weight: embeddings,
      requiresGrad: !freeze,
    });
  }

  resetParameters(): void {
    normal_(this.weight);
    if (this.paddingIdx !== null) T.fill_(T.select(tensorData(this.weight), 0, this.paddingIdx), 0);
  }

  override forward(input: Tensor, offsets: Tensor | null = null, perSampleWeights: Tensor | null = null): Tensor {
    return embeddingBag(input, this.weight, {
      offsets,
      maxNorm: this.maxNorm,
      normType: this.normType,
      scaleGradByFreq: this.scaleGradByFreq,
      mode: this.mode,
      sparse: this.sparse,
      perSampleWeights,
      includeLastOffset: this.includeLastOffset,
      paddingIdx: this.paddingIdx,
    });
  }

  override extraRepr(): string {
    let s = `${this.numEmbeddings}, ${this.embeddingDim}`;
    if (this.maxNorm !== null) s += `, max_norm=${reprFloat(this.maxNorm)}`;
    if (this.normType !== 2) s += `, norm_type=${reprFloat(this.normType)}`;
    if (this.scaleGradByFreq) s += ', scale_grad_by_freq=True';
    s += `, mode=${this.mode}`;
    if (this.paddingIdx !== null) s += `, padding_idx=${this.paddingIdx}`;
    return s;
  }
}
