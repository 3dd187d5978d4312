import { OpError } from '@tsjit/ops';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { Module, Parameter, tensorData } from '../module/index.js';

export interface RNNCellBaseOptions {
  bias?: boolean;
  dtype?: Tensor['dtype'];
}

/**
 * torch.nn.RNNCellBase: `weight_ih` `(chunks*hidden, input)`, `weight_hh` `(chunks*hidden, hidden)`
 * and the two biases, uniform in ±1/√hidden_size in that order (PyTorch's draw order).
 */
export class RNNCellBase extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly bias: boolean;
  declare weight_ih: Parameter;
  declare weight_hh: Parameter;
  declare bias_ih: Parameter | null;
  declare bias_hh: Parameter | null;

  constructor(inputSize: number, hiddenSize: number, bias: boolean, numChunks: number, dtype: Tensor['dtype']) {
    super();
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.bias = bias;
    this.registerParameter('weight_ih', new Parameter(T.empty([numChunks * hiddenSize, inputSize], { dtype })));
    this.registerParameter('weight_hh', new Parameter(T.empty([numChunks * hiddenSize, hiddenSize], { dtype })));
    this.registerParameter('bias_ih', bias ? new Parameter(T.empty([numChunks * hiddenSize], { dtype })) : null);
    this.registerParameter('bias_hh', bias ? new Parameter(T.empty([numChunks * hiddenSize], { dtype })) : null);
    this.resetParameters();
  }

  resetParameters(): void {
    const stdv = this.hiddenSize > 0 ? 1 / Math.sqrt(this.hiddenSize) : 0;
    for (const p of this.parameters()) tensorData(p).uniform_(-stdv, stdv);
  }

  // 1-d input is one unbatched sample; `hx` follows it.
  protected batchInput(name: string, input: Tensor): boolean {
    if (input.dim() !== 1 && input.dim() !== 2) {
      throw new OpError(`${name}: Expected input to be 1-D or 2-D but received ${input.dim()}-D tensor`, 'ValueError');
    }
    return input.dim() === 2;
  }

  override extraRepr(): string {
    let s = `${this.inputSize}, ${this.hiddenSize}`;
    if (!this.bias) s += ', bias=False';
    const nl = (this as { nonlinearity?: string }).nonlinearity;
    if (nl !== undefined && nl !== 'tanh') s += `, nonlinearity=${nl}`;
    return s;
  }
}

/** torch.nn.RNNCell: `h' = act(x W_ih^T + b_ih + h W_hh^T + b_hh)`. */
export class RNNCell extends RNNCellBase {
  readonly nonlinearity: 'tanh' | 'relu';

  constructor(
    inputSize: number,
    hiddenSize: number,
    options: RNNCellBaseOptions & { nonlinearity?: 'tanh' | 'relu' } = {},
  ) {
    super(inputSize, hiddenSize, options.bias ?? true, 1, options.dtype ?? 'float32');
    this.nonlinearity = options.nonlinearity ?? 'tanh';
  }

  override forward(input: Tensor, hx: Tensor | null = null): Tensor {
    const isBatched = this.batchInput('RNNCell', input);
    if (!isBatched) input = T.unsqueeze(input, 0);
    const h =
      hx === null
        ? T.zeros([input.size(0), this.hiddenSize], { dtype: input.dtype })
        : isBatched
          ? hx
          : T.unsqueeze(hx, 0);
    let ret: Tensor;
    if (this.nonlinearity === 'tanh')
      ret = T.rnnTanhCell(input, h, this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh);
    else if (this.nonlinearity === 'relu')
      ret = T.rnnReluCell(input, h, this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh);
    else throw new OpError(`Unknown nonlinearity: ${this.nonlinearity}`);
    return isBatched ? ret : T.squeeze(ret, 0);
  }
}

/** torch.nn.LSTMCell: returns `[h', c']`. */
export class LSTMCell extends RNNCellBase {
  constructor(inputSize: number, hiddenSize: number, options: RNNCellBaseOptions = {}) {
    super(inputSize, hiddenSize, options.bias ?? true, 4, options.dtype ?? 'float32');
  }

  override forward(input: Tensor, hx: readonly [Tensor, Tensor] | null = null): [Tensor, Tensor] {
    const isBatched = this.batchInput('LSTMCell', input);
    if (!isBatched) input = T.unsqueeze(input, 0);
    let state: Tensor[];
    if (hx === null) {
      const zeros = T.zeros([input.size(0), this.hiddenSize], { dtype: input.dtype });
      state = [zeros, zeros];
    } else state = isBatched ? [hx[0], hx[1]] : [T.unsqueeze(hx[0], 0), T.unsqueeze(hx[1], 0)];
    const [h, c] = T.lstmCell(
      input,
      state,
      this.weight_ih,
      this.weight_hh,
      this.bias_ih,
      this.bias_hh,
    ) as unknown as Tensor[];
    return isBatched ? [h, c] : [T.squeeze(h, 0), T.squeeze(c, 0)];
  }
}

/** torch.nn.GRUCell. */
export class GRUCell extends RNNCellBase {
  constructor(inputSize: number, hiddenSize: number, options: RNNCellBaseOptions = {}) {
    super(inputSize, hiddenSize, options.bias ?? true, 3, options.dtype ?? 'float32');
  }

  override forward(input: Tensor, hx: Tensor | null = null): Tensor {
    const isBatched = this.batchInput('GRUCell', input);
    if (!isBatched) input = T.unsqueeze(input, 0);
    const h =
      hx === null
        ? T.zeros([input.size(0), this.hiddenSize], { dtype: input.dtype })
        : isBatched
          ? hx
          : T.unsqueeze(hx, 0);
    const ret = T.gruCell(input, h, this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh);
    return isBatched ? ret : T.squeeze(ret, 0);
  }
}
