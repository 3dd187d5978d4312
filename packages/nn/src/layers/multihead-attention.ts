import type { DType } from '@tsjit/kernels';
import { OpError } from '@tsjit/ops';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { multiHeadAttentionForward } from '../functional/multi-head-attention-forward.js';
import { constant_, xavierNormal_, xavierUniform_ } from '../init/initializers.js';
import { Module } from '../module/module.js';
import { Parameter } from '../module/parameter.js';
import type { TorchScriptDefinition } from '../module/torchscript-definition.js';
import { Linear } from './linear.js';
import { multiheadAttentionScript } from './multihead-attention-script.js';

export interface MultiheadAttentionOptions {
  dropout?: number;
  bias?: boolean;
  addBiasKv?: boolean;
  addZeroAttn?: boolean;
  kdim?: number | null;
  vdim?: number | null;
  batchFirst?: boolean;
  dtype?: DType;
}

/** The optional arguments of MultiheadAttention's forward (PyTorch's keyword arguments, camelCase). */
export interface MultiheadAttentionForwardOptions {
  keyPaddingMask?: Tensor | null;
  needWeights?: boolean;
  attnMask?: Tensor | null;
  averageAttnWeights?: boolean;
}

/** PyTorch's NonDynamicallyQuantizableLinear: a Linear under another name (quantization treats it apart). */
export class NonDynamicallyQuantizableLinear extends Linear {
  static override readonly torchscript =
    Linear.torchscript as unknown as TorchScriptDefinition<NonDynamicallyQuantizableLinear>;
}

/**
 * torch.nn.MultiheadAttention (PyTorch 1.13). Parameters: `in_proj_weight` (or `q_proj_weight`,
 * `k_proj_weight`, `v_proj_weight` when kdim/vdim differ from embed_dim), `in_proj_bias`,
 * `bias_k`/`bias_v` with addBiasKv, and the `out_proj` Linear. Initialization draws in PyTorch's
 * order: out_proj's Linear init, then xavier_uniform_ of the input projections, zero biases,
 * xavier_normal_ of bias_k and bias_v. The forward always takes PyTorch's general path (the
 * native fast path computes the same values).
 */
export class MultiheadAttention extends Module {
  static readonly torchscript: TorchScriptDefinition<MultiheadAttention> = multiheadAttentionScript;

  readonly embedDim: number;
  readonly kdim: number;
  readonly vdim: number;
  readonly qkvSameEmbedDim: boolean;
  readonly numHeads: number;
  readonly dropout: number;
  readonly batchFirst: boolean;
  readonly headDim: number;
  readonly addZeroAttn: boolean;
  declare in_proj_weight: Parameter | null;
  declare q_proj_weight: Parameter | null;
  declare k_proj_weight: Parameter | null;
  declare v_proj_weight: Parameter | null;
  declare in_proj_bias: Parameter | null;
  declare out_proj: NonDynamicallyQuantizableLinear;
  declare bias_k: Parameter | null;
  declare bias_v: Parameter | null;

  constructor(embedDim: number, numHeads: number, options: MultiheadAttentionOptions = {}) {
    super();
    const dtype = options.dtype ?? 'float32';
    this.embedDim = embedDim;
    this.kdim = options.kdim ?? embedDim;
    this.vdim = options.vdim ?? embedDim;
    this.qkvSameEmbedDim = this.kdim === embedDim && this.vdim === embedDim;
    this.numHeads = numHeads;
    this.dropout = options.dropout ?? 0.0;
    this.batchFirst = options.batchFirst ?? false;
    this.headDim = Math.floor(embedDim / numHeads);
    if (this.headDim * numHeads !== embedDim) throw new OpError('embed_dim must be divisible by num_heads');
    const param = (sizes: number[]) => new Parameter(T.empty(sizes, { dtype }));
    if (!this.qkvSameEmbedDim) {
      this.registerParameter('q_proj_weight', param([embedDim, embedDim]));
      this.registerParameter('k_proj_weight', param([embedDim, this.kdim]));
      this.registerParameter('v_proj_weight', param([embedDim, this.vdim]));
      this.registerParameter('in_proj_weight', null);
    } else {
      this.registerParameter('in_proj_weight', param([3 * embedDim, embedDim]));
      this.registerParameter('q_proj_weight', null);
      this.registerParameter('k_proj_weight', null);
      this.registerParameter('v_proj_weight', null);
    }
    const bias = options.bias ?? true;
    this.registerParameter('in_proj_bias', bias ? param([3 * embedDim]) : null);
    this.registerModule('out_proj', new NonDynamicallyQuantizableLinear(embedDim, embedDim, { bias, dtype }));
    const addBiasKv = options.addBiasKv ?? false;
    this.registerParameter('bias_k', addBiasKv ? param([1, 1, embedDim]) : null);
    this.registerParameter('bias_v', addBiasKv ? param([1, 1, embedDim]) : null);
    this.addZeroAttn = options.addZeroAttn ?? false;
    this.resetParameters();
  }

  resetParameters(): void {
    if (this.qkvSameEmbedDim) xavierUniform_(this.in_proj_weight as Parameter);
    else {
      xavierUniform_(this.q_proj_weight as Parameter);
      xavierUniform_(this.k_proj_weight as Parameter);
      xavierUniform_(this.v_proj_weight as Parameter);
    }
    if (this.in_proj_bias !== null) {
      constant_(this.in_proj_bias, 0);
      constant_(this.out_proj.bias as Parameter, 0);
    }
    if (this.bias_k !== null) xavierNormal_(this.bias_k);
    if (this.bias_v !== null) xavierNormal_(this.bias_v);
  }

  /**
   * `(attn_output, attn_weights)`: sequence-first `(L, N, E)` (batch-first `(N, L, E)` with
   * batchFirst) or unbatched `(L, E)`; the weights are null unless `needWeights` (default true).
   */
  override forward(
    query: Tensor,
    key: Tensor,
    value: Tensor,
    options: MultiheadAttentionForwardOptions = {},
  ): [Tensor, Tensor | null] {
    const keyPaddingMask = options.keyPaddingMask ?? null;
    const isBatched = query.dim() === 3;
    if (keyPaddingMask !== null && keyPaddingMask.dtype !== 'bool' && !keyPaddingMask.isFloatingPoint()) {
      throw new OpError('only bool and floating types of key_padding_mask are supported');
    }
    if (this.batchFirst && isBatched) {
      // Transposed once per distinct tensor, so that self-attention stays recognisable (one projection matmul).
      if (key === value) {
        if (query === key) {
          query = T.transpose(query, 1, 0);
          key = query;
          value = query;
        } else {
          query = T.transpose(query, 1, 0);
          key = T.transpose(key, 1, 0);
          value = key;
        }
      } else {
        query = T.transpose(query, 1, 0);
        key = T.transpose(key, 1, 0);
        value = T.transpose(value, 1, 0);
      }
    }
    const [output, weights] = multiHeadAttentionForward(
      query,
      key,
      value,
      this.embedDim,
      this.numHeads,
      this.in_proj_weight,
      this.in_proj_bias,
      this.bias_k,
      this.bias_v,
      this.addZeroAttn,
      this.dropout,
      this.out_proj.weight,
      this.out_proj.bias,
      {
        training: this.training,
        keyPaddingMask,
        needWeights: options.needWeights ?? true,
        attnMask: options.attnMask ?? null,
        useSeparateProjWeight: !this.qkvSameEmbedDim,
        qProjWeight: this.q_proj_weight,
        kProjWeight: this.k_proj_weight,
        vProjWeight: this.v_proj_weight,
        averageAttnWeights: options.averageAttnWeights ?? true,
      },
    );
    return [this.batchFirst && isBatched ? T.transpose(output, 1, 0) : output, weights];
  }
}
