import { OpError } from '@tsjit/ops';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { Module, Parameter, tensorData } from '../module/index.js';
import type { TorchScriptDefinition } from '../module/torchscript-definition.js';
import { scriptClassLine } from './define-script.js';
import { batchZeros } from './rnn.js';

export interface RNNCellBaseOptions {
  bias?: boolean;
  dtype?: Tensor['dtype'];
}

// The TorchScript of the cells: PyTorch's forward (1-d input is one sample, hx defaults to zeros).
function cellScript<M extends RNNCellBase>(kind: 'RNNCell' | 'LSTMCell' | 'GRUCell'): TorchScriptDefinition<M> {
  const head = [
    '    input_size: int',
    '    hidden_size: int',
    '    bias: bool',
    '    weight_ih: Tensor',
    '    weight_hh: Tensor',
    '    bias_ih: Optional[Tensor]',
    '    bias_hh: Optional[Tensor]',
  ];
  const state = kind === 'LSTMCell' ? 'Tuple[Tensor, Tensor]' : 'Tensor';
  const body = [
    `    def forward(self, input: Tensor, hx: Optional[${state}] = None) -> ${state}:`,
    '        if input.dim() != 1 and input.dim() != 2:',
    `            raise AssertionError("${kind}: Expected input to be 1-D or 2-D but received {}-D tensor".format(input.dim()))`,
    '        is_batched = input.dim() == 2',
    '        if not is_batched:',
    '            input = input.unsqueeze(0)',
  ];
  const weights = 'self.weight_ih, self.weight_hh, self.bias_ih, self.bias_hh';
  if (kind === 'LSTMCell') {
    body.push(
      '        if hx is None:',
      '            zeros = torch.zeros(input.size(0), self.hidden_size, dtype=input.dtype, device=input.device)',
      '            h = zeros',
      '            c = zeros',
      '        else:',
      '            h, c = hx',
      '            if not is_batched:',
      '                h = h.unsqueeze(0)',
      '                c = c.unsqueeze(0)',
      `        ret = torch.lstm_cell(input, [h, c], ${weights})`,
      '        h_1 = ret[0]',
      '        c_1 = ret[1]',
      '        if not is_batched:',
      '            h_1 = h_1.squeeze(0)',
      '            c_1 = c_1.squeeze(0)',
      '        return (h_1, c_1)',
    );
  } else {
    body.push(
      '        if hx is None:',
      '            h = torch.zeros(input.size(0), self.hidden_size, dtype=input.dtype, device=input.device)',
      '        else:',
      '            h = hx if is_batched else hx.unsqueeze(0)',
    );
    if (kind === 'GRUCell') body.push(`        ret = torch.gru_cell(input, h, ${weights})`);
    else {
      head.push('    nonlinearity: str');
      body.push(
        '        if self.nonlinearity == "tanh":',
        `            ret = torch.rnn_tanh_cell(input, h, ${weights})`,
        '        elif self.nonlinearity == "relu":',
        `            ret = torch.rnn_relu_cell(input, h, ${weights})`,
        '        else:',
        '            raise RuntimeError("Unknown nonlinearity: {}".format(self.nonlinearity))',
      );
    }
    body.push('        if not is_batched:', '            ret = ret.squeeze(0)', '        return ret');
  }
  return {
    source: (m, options) => `${scriptClassLine(m, options)}${[...head, ...body].join('\n')}\n`,
    attributes: (m) => ({
      training: m.training,
      input_size: m.inputSize,
      hidden_size: m.hiddenSize,
      bias: m.bias,
      weight_ih: m.weight_ih,
      weight_hh: m.weight_hh,
      bias_ih: m.bias_ih,
      bias_hh: m.bias_hh,
      ...(kind === 'RNNCell' ? { nonlinearity: (m as unknown as RNNCell).nonlinearity } : {}),
    }),
  };
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
      throw new OpError(`${name}: Expected input to be 1-D or 2-D but received ${input.dim()}-D tensor`);
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
  static readonly torchscript = cellScript<RNNCell>('RNNCell');

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
    const h = hx === null ? batchZeros(input, 0, [], this.hiddenSize) : isBatched ? hx : T.unsqueeze(hx, 0);
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
  static readonly torchscript = cellScript<LSTMCell>('LSTMCell');

  constructor(inputSize: number, hiddenSize: number, options: RNNCellBaseOptions = {}) {
    super(inputSize, hiddenSize, options.bias ?? true, 4, options.dtype ?? 'float32');
  }

  override forward(input: Tensor, hx: readonly [Tensor, Tensor] | null = null): [Tensor, Tensor] {
    const isBatched = this.batchInput('LSTMCell', input);
    if (!isBatched) input = T.unsqueeze(input, 0);
    let state: Tensor[];
    if (hx === null) {
      const zeros = batchZeros(input, 0, [], this.hiddenSize);
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
  static readonly torchscript = cellScript<GRUCell>('GRUCell');

  constructor(inputSize: number, hiddenSize: number, options: RNNCellBaseOptions = {}) {
    super(inputSize, hiddenSize, options.bias ?? true, 3, options.dtype ?? 'float32');
  }

  override forward(input: Tensor, hx: Tensor | null = null): Tensor {
    const isBatched = this.batchInput('GRUCell', input);
    if (!isBatched) input = T.unsqueeze(input, 0);
    const h = hx === null ? batchZeros(input, 0, [], this.hiddenSize) : isBatched ? hx : T.unsqueeze(hx, 0);
    const ret = T.gruCell(input, h, this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh);
    return isBatched ? ret : T.squeeze(ret, 0);
  }
}
