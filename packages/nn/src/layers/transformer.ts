import type { DType } from '@tsjit/kernels';
import { OpError } from '@tsjit/ops';
import { defaultGenerator, torchOps as T, type Tensor } from '@tsjit/tensor';
import { xavierUniform_ } from '../init/initializers.js';
import type { Module } from '../module/module.js';
import { Module as ModuleBase } from '../module/module.js';
import type { TorchScriptDefinition, TorchScriptSourceOptions } from '../module/torchscript-definition.js';
import { ModuleList } from './container.js';
import { scriptClassLine } from './define-script.js';
import { Dropout } from './dropout.js';
import { Linear } from './linear.js';
import { MultiheadAttention } from './multihead-attention.js';
import { LayerNorm } from './normalization.js';

/** 'relu', 'gelu', or any unary function of a tensor (not scriptable). */
export type TransformerActivation = 'relu' | 'gelu' | ((x: Tensor) => Tensor);

export interface TransformerLayerOptions {
  dimFeedforward?: number;
  dropout?: number;
  activation?: TransformerActivation;
  layerNormEps?: number;
  batchFirst?: boolean;
  normFirst?: boolean;
  dtype?: DType;
}

function activationFn(activation: TransformerActivation): (x: Tensor) => Tensor {
  if (typeof activation === 'function') return activation;
  if (activation === 'relu') return (x) => T.relu(x);
  if (activation === 'gelu') return (x) => T.gelu(x);
  throw new OpError(`activation should be relu/gelu, not ${activation}`);
}

function checkKeyPaddingMask(mask: Tensor | null): void {
  if (mask !== null && mask.dtype !== 'bool' && !mask.isFloatingPoint()) {
    throw new OpError('only bool and floating types of key_padding_mask are supported');
  }
}

const typeOf = (child: Module, options?: TorchScriptSourceOptions): string =>
  options?.childType?.(child) ?? child.constructor.name;

const kpmCheck = (name: string) => `        if ${name} is not None:
            if ${name}.dtype != torch.bool and not ${name}.is_floating_point():
                raise AssertionError("only bool and floating types of key_padding_mask are supported")
`;

const activationMethod = `    def _activation(self, x: Tensor) -> Tensor:
        if self.activation_relu_or_gelu == 2:
            return torch._C._nn.gelu(x)
        return torch.relu(x)
`;

function layerScript<M extends TransformerEncoderLayer | TransformerDecoderLayer>(
  children: string[],
  forward: string,
): TorchScriptDefinition<M> {
  return {
    source: (m, options) => {
      if (m.activationReluOrGelu === 0) {
        throw new OpError(`${m.constructor.name} with a custom activation function has no TorchScript source`);
      }
      const slots = children
        .map((name) => `    ${name}: ${typeOf((m as unknown as Record<string, Module>)[name], options)}\n`)
        .join('');
      return `${scriptClassLine(m, options)}${slots}    norm_first: bool\n    activation_relu_or_gelu: int\n${forward}${activationMethod}`;
    },
    attributes: (m) => ({
      training: m.training,
      norm_first: m.normFirst,
      activation_relu_or_gelu: m.activationReluOrGelu,
    }),
  };
}

/**
 * nn.TransformerEncoderLayer(d_model, nhead, ...): self-attention then a feed-forward block, each
 * with dropout, a residual connection and LayerNorm (before the block with normFirst).
 */
export class TransformerEncoderLayer extends ModuleBase {
  static readonly torchscript = layerScript<TransformerEncoderLayer>(
    ['self_attn', 'linear1', 'dropout', 'linear2', 'norm1', 'norm2', 'dropout1', 'dropout2'],
    `    def forward(self, src: Tensor, src_mask: Optional[Tensor] = None, src_key_padding_mask: Optional[Tensor] = None) -> Tensor:
${kpmCheck('src_key_padding_mask')}        x = src
        if self.norm_first:
            x = x + self._sa_block(self.norm1(x), src_mask, src_key_padding_mask)
            x = x + self._ff_block(self.norm2(x))
        else:
            x = self.norm1(x + self._sa_block(x, src_mask, src_key_padding_mask))
            x = self.norm2(x + self._ff_block(x))
        return x
    def _sa_block(self, x: Tensor, attn_mask: Optional[Tensor], key_padding_mask: Optional[Tensor]) -> Tensor:
        x = self.self_attn(x, x, x, attn_mask=attn_mask, key_padding_mask=key_padding_mask, need_weights=False)[0]
        return self.dropout1(x)
    def _ff_block(self, x: Tensor) -> Tensor:
        x = self.linear2(self.dropout(self._activation(self.linear1(x))))
        return self.dropout2(x)
`,
  );

  readonly dModel: number;
  readonly nhead: number;
  readonly options: TransformerLayerOptions;
  readonly normFirst: boolean;
  /** PyTorch's activation_relu_or_gelu: 1 relu, 2 gelu, 0 a custom function. */
  readonly activationReluOrGelu: number;
  readonly activation: (x: Tensor) => Tensor;
  declare self_attn: MultiheadAttention;
  declare linear1: Linear;
  declare dropout: Dropout;
  declare linear2: Linear;
  declare norm1: LayerNorm;
  declare norm2: LayerNorm;
  declare dropout1: Dropout;
  declare dropout2: Dropout;

  constructor(dModel: number, nhead: number, options: TransformerLayerOptions = {}) {
    super();
    this.dModel = dModel;
    this.nhead = nhead;
    this.options = { ...options };
    const { dimFeedforward = 2048, dropout = 0.1, layerNormEps = 1e-5, batchFirst = false, dtype } = options;
    this.registerModule('self_attn', new MultiheadAttention(dModel, nhead, { dropout, batchFirst, dtype }));
    this.registerModule('linear1', new Linear(dModel, dimFeedforward, { dtype }));
    this.registerModule('dropout', new Dropout(dropout));
    this.registerModule('linear2', new Linear(dimFeedforward, dModel, { dtype }));
    this.normFirst = options.normFirst ?? false;
    this.registerModule('norm1', new LayerNorm(dModel, { eps: layerNormEps, dtype }));
    this.registerModule('norm2', new LayerNorm(dModel, { eps: layerNormEps, dtype }));
    this.registerModule('dropout1', new Dropout(dropout));
    this.registerModule('dropout2', new Dropout(dropout));
    const activation = options.activation ?? 'relu';
    this.activationReluOrGelu = activation === 'relu' ? 1 : activation === 'gelu' ? 2 : 0;
    this.activation = activationFn(activation);
  }

  override forward(src: Tensor, options: { srcMask?: Tensor | null; srcKeyPaddingMask?: Tensor | null } = {}): Tensor {
    const srcMask = options.srcMask ?? null;
    const kpm = options.srcKeyPaddingMask ?? null;
    checkKeyPaddingMask(kpm);
    let x = src;
    if (this.normFirst) {
      x = T.add(x, this.saBlock(this.norm1.call(x), srcMask, kpm));
      x = T.add(x, this.ffBlock(this.norm2.call(x)));
    } else {
      x = this.norm1.call(T.add(x, this.saBlock(x, srcMask, kpm)));
      x = this.norm2.call(T.add(x, this.ffBlock(x)));
    }
    return x;
  }

  private saBlock(x: Tensor, attnMask: Tensor | null, keyPaddingMask: Tensor | null): Tensor {
    const [y] = this.self_attn.call(x, x, x, { attnMask, keyPaddingMask, needWeights: false });
    return this.dropout1.call(y);
  }

  private ffBlock(x: Tensor): Tensor {
    const y = this.linear2.call(this.dropout.call(this.activation(this.linear1.call(x))));
    return this.dropout2.call(y);
  }
}

/**
 * nn.TransformerDecoderLayer(d_model, nhead, ...): self-attention, attention over the encoder's
 * memory, then a feed-forward block (each with dropout, residual and LayerNorm).
 */
export class TransformerDecoderLayer extends ModuleBase {
  static readonly torchscript = layerScript<TransformerDecoderLayer>(
    [
      'self_attn',
      'multihead_attn',
      'linear1',
      'dropout',
      'linear2',
      'norm1',
      'norm2',
      'norm3',
      'dropout1',
      'dropout2',
      'dropout3',
    ],
    `    def forward(self, tgt: Tensor, memory: Tensor, tgt_mask: Optional[Tensor] = None, memory_mask: Optional[Tensor] = None, tgt_key_padding_mask: Optional[Tensor] = None, memory_key_padding_mask: Optional[Tensor] = None) -> Tensor:
        x = tgt
        if self.norm_first:
            x = x + self._sa_block(self.norm1(x), tgt_mask, tgt_key_padding_mask)
            x = x + self._mha_block(self.norm2(x), memory, memory_mask, memory_key_padding_mask)
            x = x + self._ff_block(self.norm3(x))
        else:
            x = self.norm1(x + self._sa_block(x, tgt_mask, tgt_key_padding_mask))
            x = self.norm2(x + self._mha_block(x, memory, memory_mask, memory_key_padding_mask))
            x = self.norm3(x + self._ff_block(x))
        return x
    def _sa_block(self, x: Tensor, attn_mask: Optional[Tensor], key_padding_mask: Optional[Tensor]) -> Tensor:
        x = self.self_attn(x, x, x, attn_mask=attn_mask, key_padding_mask=key_padding_mask, need_weights=False)[0]
        return self.dropout1(x)
    def _mha_block(self, x: Tensor, mem: Tensor, attn_mask: Optional[Tensor], key_padding_mask: Optional[Tensor]) -> Tensor:
        x = self.multihead_attn(x, mem, mem, attn_mask=attn_mask, key_padding_mask=key_padding_mask, need_weights=False)[0]
        return self.dropout2(x)
    def _ff_block(self, x: Tensor) -> Tensor:
        x = self.linear2(self.dropout(self._activation(self.linear1(x))))
        return self.dropout3(x)
`,
  );

  readonly dModel: number;
  readonly nhead: number;
  readonly options: TransformerLayerOptions;
  readonly normFirst: boolean;
  readonly activationReluOrGelu: number;
  readonly activation: (x: Tensor) => Tensor;
  declare self_attn: MultiheadAttention;
  declare multihead_attn: MultiheadAttention;
  declare linear1: Linear;
  declare dropout: Dropout;
  declare linear2: Linear;
  declare norm1: LayerNorm;
  declare norm2: LayerNorm;
  declare norm3: LayerNorm;
  declare dropout1: Dropout;
  declare dropout2: Dropout;
  declare dropout3: Dropout;

  constructor(dModel: number, nhead: number, options: TransformerLayerOptions = {}) {
    super();
    this.dModel = dModel;
    this.nhead = nhead;
    this.options = { ...options };
    const { dimFeedforward = 2048, dropout = 0.1, layerNormEps = 1e-5, batchFirst = false, dtype } = options;
    this.registerModule('self_attn', new MultiheadAttention(dModel, nhead, { dropout, batchFirst, dtype }));
    this.registerModule('multihead_attn', new MultiheadAttention(dModel, nhead, { dropout, batchFirst, dtype }));
    this.registerModule('linear1', new Linear(dModel, dimFeedforward, { dtype }));
    this.registerModule('dropout', new Dropout(dropout));
    this.registerModule('linear2', new Linear(dimFeedforward, dModel, { dtype }));
    this.normFirst = options.normFirst ?? false;
    this.registerModule('norm1', new LayerNorm(dModel, { eps: layerNormEps, dtype }));
    this.registerModule('norm2', new LayerNorm(dModel, { eps: layerNormEps, dtype }));
    this.registerModule('norm3', new LayerNorm(dModel, { eps: layerNormEps, dtype }));
    this.registerModule('dropout1', new Dropout(dropout));
    this.registerModule('dropout2', new Dropout(dropout));
    this.registerModule('dropout3', new Dropout(dropout));
    const activation = options.activation ?? 'relu';
    this.activationReluOrGelu = activation === 'relu' ? 1 : activation === 'gelu' ? 2 : 0;
    this.activation = activationFn(activation);
  }

  override forward(tgt: Tensor, memory: Tensor, options: TransformerDecoderForwardOptions = {}): Tensor {
    const tgtMask = options.tgtMask ?? null;
    const memoryMask = options.memoryMask ?? null;
    const tgtKpm = options.tgtKeyPaddingMask ?? null;
    const memoryKpm = options.memoryKeyPaddingMask ?? null;
    let x = tgt;
    if (this.normFirst) {
      x = T.add(x, this.saBlock(this.norm1.call(x), tgtMask, tgtKpm));
      x = T.add(x, this.mhaBlock(this.norm2.call(x), memory, memoryMask, memoryKpm));
      x = T.add(x, this.ffBlock(this.norm3.call(x)));
    } else {
      x = this.norm1.call(T.add(x, this.saBlock(x, tgtMask, tgtKpm)));
      x = this.norm2.call(T.add(x, this.mhaBlock(x, memory, memoryMask, memoryKpm)));
      x = this.norm3.call(T.add(x, this.ffBlock(x)));
    }
    return x;
  }

  private saBlock(x: Tensor, attnMask: Tensor | null, keyPaddingMask: Tensor | null): Tensor {
    const [y] = this.self_attn.call(x, x, x, { attnMask, keyPaddingMask, needWeights: false });
    return this.dropout1.call(y);
  }

  private mhaBlock(x: Tensor, mem: Tensor, attnMask: Tensor | null, keyPaddingMask: Tensor | null): Tensor {
    const [y] = this.multihead_attn.call(x, mem, mem, { attnMask, keyPaddingMask, needWeights: false });
    return this.dropout2.call(y);
  }

  private ffBlock(x: Tensor): Tensor {
    const y = this.linear2.call(this.dropout.call(this.activation(this.linear1.call(x))));
    return this.dropout3.call(y);
  }
}

export interface TransformerDecoderForwardOptions {
  tgtMask?: Tensor | null;
  memoryMask?: Tensor | null;
  tgtKeyPaddingMask?: Tensor | null;
  memoryKeyPaddingMask?: Tensor | null;
}

type TransformerLayer = TransformerEncoderLayer | TransformerDecoderLayer;

/**
 * PyTorch's _get_clones (copy.deepcopy of the layer N times): every clone starts with the layer's
 * weights. Clones are built with the layer's arguments and then loaded with its state; the
 * generator's state is restored afterwards, since a deep copy draws no random numbers.
 */
function clones<L extends TransformerLayer>(layer: L, n: number): ModuleList {
  const state = layer.stateDict();
  const saved = defaultGenerator.getState();
  const copies: Module[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const ctor = layer.constructor as new (d: number, h: number, o: TransformerLayerOptions) => L;
      const copy = new ctor(layer.dModel, layer.nhead, layer.options);
      copy.loadStateDict(state, { strict: true });
      copy.train(layer.training);
      copies.push(copy);
    }
  } finally {
    defaultGenerator.setState(saved);
  }
  return new ModuleList(copies);
}

function stackScript<M extends TransformerEncoder | TransformerDecoder>(
  signature: string,
  call: string,
): TorchScriptDefinition<M> {
  return {
    source: (m, options) => {
      const norm = m.norm === null ? '' : `    norm: ${typeOf(m.norm, options)}\n`;
      const calls = Array.from(
        { length: m.numLayers },
        (_, i) => `        output = getattr(self.layers, "${i}")(${call})\n`,
      );
      return (
        scriptClassLine(m, options) +
        `    layers: ${typeOf(m.layers, options)}\n${norm}    num_layers: int\n` +
        `    def forward(self, ${signature}) -> Tensor:\n` +
        `        output = ${signature.split(':')[0]}\n${calls.join('')}` +
        `${m.norm === null ? '' : '        output = self.norm(output)\n'}        return output\n`
      );
    },
    attributes: (m) => ({ training: m.training, num_layers: m.numLayers }),
  };
}

/** nn.TransformerEncoder(encoderLayer, numLayers, { norm }): numLayers copies of the layer, then the optional norm. */
export class TransformerEncoder extends ModuleBase {
  static readonly torchscript = stackScript<TransformerEncoder>(
    'src: Tensor, mask: Optional[Tensor] = None, src_key_padding_mask: Optional[Tensor] = None',
    'output, src_mask=mask, src_key_padding_mask=src_key_padding_mask',
  );

  readonly numLayers: number;
  declare layers: ModuleList;
  declare norm: Module | null;

  constructor(encoderLayer: TransformerEncoderLayer, numLayers: number, options: { norm?: Module | null } = {}) {
    super();
    this.registerModule('layers', clones(encoderLayer, numLayers));
    this.numLayers = numLayers;
    // A missing norm is a plain attribute, as in PyTorch (not a submodule slot).
    if (options.norm) this.registerModule('norm', options.norm);
    else this.norm = null;
  }

  override forward(src: Tensor, options: { mask?: Tensor | null; srcKeyPaddingMask?: Tensor | null } = {}): Tensor {
    const kpm = options.srcKeyPaddingMask ?? null;
    checkKeyPaddingMask(kpm);
    let output = src;
    for (let i = 0; i < this.numLayers; i++) {
      const layer = this.layers.at(i) as TransformerEncoderLayer;
      output = layer.call(output, { srcMask: options.mask ?? null, srcKeyPaddingMask: kpm });
    }
    return this.norm === null ? output : this.norm.call(output);
  }
}

/** nn.TransformerDecoder(decoderLayer, numLayers, { norm }). */
export class TransformerDecoder extends ModuleBase {
  static readonly torchscript = stackScript<TransformerDecoder>(
    'tgt: Tensor, memory: Tensor, tgt_mask: Optional[Tensor] = None, memory_mask: Optional[Tensor] = None, tgt_key_padding_mask: Optional[Tensor] = None, memory_key_padding_mask: Optional[Tensor] = None',
    'output, memory, tgt_mask=tgt_mask, memory_mask=memory_mask, tgt_key_padding_mask=tgt_key_padding_mask, memory_key_padding_mask=memory_key_padding_mask',
  );

  readonly numLayers: number;
  declare layers: ModuleList;
  declare norm: Module | null;

  constructor(decoderLayer: TransformerDecoderLayer, numLayers: number, options: { norm?: Module | null } = {}) {
    super();
    this.registerModule('layers', clones(decoderLayer, numLayers));
    this.numLayers = numLayers;
    // A missing norm is a plain attribute, as in PyTorch (not a submodule slot).
    if (options.norm) this.registerModule('norm', options.norm);
    else this.norm = null;
  }

  override forward(tgt: Tensor, memory: Tensor, options: TransformerDecoderForwardOptions = {}): Tensor {
    let output = tgt;
    for (let i = 0; i < this.numLayers; i++) {
      output = (this.layers.at(i) as TransformerDecoderLayer).call(output, memory, options);
    }
    return this.norm === null ? output : this.norm.call(output);
  }
}

export interface TransformerOptions extends TransformerLayerOptions {
  numEncoderLayers?: number;
  numDecoderLayers?: number;
  customEncoder?: Module | null;
  customDecoder?: Module | null;
}

export interface TransformerForwardOptions {
  srcMask?: Tensor | null;
  tgtMask?: Tensor | null;
  memoryMask?: Tensor | null;
  srcKeyPaddingMask?: Tensor | null;
  tgtKeyPaddingMask?: Tensor | null;
  memoryKeyPaddingMask?: Tensor | null;
}

/**
 * nn.Transformer(d_model=512, nhead=8, ...): an encoder stack and a decoder stack, each ending in
 * LayerNorm; every parameter of two or more dimensions is then redrawn with xavier_uniform_ (in
 * parameter order, as PyTorch's _reset_parameters).
 */
export class Transformer extends ModuleBase {
  static readonly torchscript: TorchScriptDefinition<Transformer> = {
    source: (m, options) =>
      scriptClassLine(m, options) +
      `    encoder: ${typeOf(m.encoder, options)}\n    decoder: ${typeOf(m.decoder, options)}\n` +
      '    d_model: int\n    nhead: int\n    batch_first: bool\n' +
      '    def forward(self, src: Tensor, tgt: Tensor, src_mask: Optional[Tensor] = None, tgt_mask: Optional[Tensor] = None, memory_mask: Optional[Tensor] = None, src_key_padding_mask: Optional[Tensor] = None, tgt_key_padding_mask: Optional[Tensor] = None, memory_key_padding_mask: Optional[Tensor] = None) -> Tensor:\n' +
      '        is_batched = src.dim() == 3\n' +
      '        if not self.batch_first and src.size(1) != tgt.size(1) and is_batched:\n' +
      '            raise RuntimeError("the batch number of src and tgt must be equal")\n' +
      '        elif self.batch_first and src.size(0) != tgt.size(0) and is_batched:\n' +
      '            raise RuntimeError("the batch number of src and tgt must be equal")\n' +
      '        if src.size(-1) != self.d_model or tgt.size(-1) != self.d_model:\n' +
      '            raise RuntimeError("the feature number of src and tgt must be equal to d_model")\n' +
      '        memory = self.encoder(src, mask=src_mask, src_key_padding_mask=src_key_padding_mask)\n' +
      '        return self.decoder(tgt, memory, tgt_mask=tgt_mask, memory_mask=memory_mask, tgt_key_padding_mask=tgt_key_padding_mask, memory_key_padding_mask=memory_key_padding_mask)\n',
    attributes: (m) => ({ training: m.training, d_model: m.dModel, nhead: m.nhead, batch_first: m.batchFirst }),
  };

  readonly dModel: number;
  readonly nhead: number;
  readonly batchFirst: boolean;
  declare encoder: Module;
  declare decoder: Module;

  constructor(dModel = 512, nhead = 8, options: TransformerOptions = {}) {
    super();
    const { numEncoderLayers = 6, numDecoderLayers = 6, customEncoder, customDecoder, ...layerOptions } = options;
    const eps = layerOptions.layerNormEps ?? 1e-5;
    if (customEncoder) this.registerModule('encoder', customEncoder);
    else {
      const layer = new TransformerEncoderLayer(dModel, nhead, layerOptions);
      const norm = new LayerNorm(dModel, { eps, dtype: layerOptions.dtype });
      this.registerModule('encoder', new TransformerEncoder(layer, numEncoderLayers, { norm }));
    }
    if (customDecoder) this.registerModule('decoder', customDecoder);
    else {
      const layer = new TransformerDecoderLayer(dModel, nhead, layerOptions);
      const norm = new LayerNorm(dModel, { eps, dtype: layerOptions.dtype });
      this.registerModule('decoder', new TransformerDecoder(layer, numDecoderLayers, { norm }));
    }
    for (const p of this.parameters()) if (p.dim() > 1) xavierUniform_(p);
    this.dModel = dModel;
    this.nhead = nhead;
    this.batchFirst = layerOptions.batchFirst ?? false;
  }

  override forward(src: Tensor, tgt: Tensor, options: TransformerForwardOptions = {}): Tensor {
    const isBatched = src.dim() === 3;
    if (!this.batchFirst && src.size(1) !== tgt.size(1) && isBatched) {
      throw new OpError('the batch number of src and tgt must be equal');
    }
    if (this.batchFirst && src.size(0) !== tgt.size(0) && isBatched) {
      throw new OpError('the batch number of src and tgt must be equal');
    }
    if (src.size(-1) !== this.dModel || tgt.size(-1) !== this.dModel) {
      throw new OpError('the feature number of src and tgt must be equal to d_model');
    }
    const memory = this.encoder.call(src, { mask: options.srcMask, srcKeyPaddingMask: options.srcKeyPaddingMask });
    return this.decoder.call(tgt, memory, {
      tgtMask: options.tgtMask,
      memoryMask: options.memoryMask,
      tgtKeyPaddingMask: options.tgtKeyPaddingMask,
      memoryKeyPaddingMask: options.memoryKeyPaddingMask,
    });
  }

  /** A float mask with -inf above the diagonal (each position attends to itself and the past). */
  static generateSquareSubsequentMask(sz: number): Tensor {
    return T.triu(T.full([sz, sz], Number.NEGATIVE_INFINITY), 1);
  }
}
