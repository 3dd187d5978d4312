import { OpError } from '@tsjit/ops';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { Module, Parameter, tensorData } from '../module/index.js';
import { reprFloat } from '../module/python-repr.js';
import type { TorchScriptDefinition } from '../module/torchscript-definition.js';
import { PackedSequence } from '../utils/rnn.js';
import { scriptClassLine } from './define-script.js';

/** The options of RNN, LSTM and GRU (PyTorch's keyword arguments, camelCase). */
export interface RNNBaseOptions {
  numLayers?: number;
  bias?: boolean;
  batchFirst?: boolean;
  dropout?: number;
  bidirectional?: boolean;
  dtype?: Tensor['dtype'];
  /** LSTM only: project the hidden state to this size (0 disables the projection). */
  projSize?: number;
}

export interface RNNOptions extends RNNBaseOptions {
  nonlinearity?: 'tanh' | 'relu';
}

export type RNNMode = 'RNN_TANH' | 'RNN_RELU' | 'LSTM' | 'GRU';

const gateCount: Record<RNNMode, number> = { RNN_TANH: 1, RNN_RELU: 1, LSTM: 4, GRU: 3 };

/**
 * Zeros of (leading..., batch, size) for the batch of `input` (batch at `batchDim`, features last),
 * made from the input by ops rather than from its size as a number: a trace then follows the
 * batch size, as PyTorch's traced `torch.zeros(..., input.size(1), ...)` does through aten::size.
 */
export function batchZeros(input: Tensor, batchDim: number, leading: readonly number[], size: number): Tensor {
  let b = input;
  for (let d = input.dim() - 2; d >= 0; d--) if (d !== batchDim) b = T.select(b, d, 0);
  // (batch, 1) zeros, unsqueezed and expanded to the state's shape, then materialized.
  let z = T.zerosLike(T.narrow(b, -1, 0, 1));
  for (let i = 0; i < leading.length; i++) z = T.unsqueeze(z, 0);
  return T.contiguous(T.expand(z, [...leading, -1, size]));
}

const pyTuple = (sizes: readonly number[]): string => `(${sizes.join(', ')}${sizes.length === 1 ? ',' : ''})`;
const pyList = (sizes: readonly number[]): string => `[${sizes.join(', ')}]`;

// The TorchScript of RNN, LSTM and GRU: PyTorch's forward (batching, default state, checks, then
// the aten op over `_flat_weights`), with the parameters declared by name for each instance.
// The aten op over all layers, or, in training mode with dropout, one call per layer with
// aten::dropout between them (as RNNBase.runStack does, so that autograd sees the masks).
function stackSource(m: RNNBase, op: string, finals: string[]): string[] {
  const weights = (names: string[]) => `[${names.map((n) => `self.${n}`).join(', ')}]`;
  const states = (at: string) => (op === 'lstm' ? `[h0${at}, c0${at}]` : `h0${at}`);
  const all = [
    `        result = torch.${op}(input, ${states('')}, ${weights(m.flatWeightsNames)}, self.bias, self.num_layers, self.dropout, self.training, self.bidirectional, self.batch_first)`,
    '        output = result[0]',
    ...finals.map((name, i) => `        ${name} = result[${i + 1}]`),
  ];
  if (m.numLayers === 1) return all;
  const dirs = m.bidirectional ? 2 : 1;
  const perLayer = m.flatWeightsNames.length / m.numLayers;
  const lines = [
    '        if self.training and self.dropout > 0.0:',
    '            x = input.transpose(0, 1) if self.batch_first else input',
  ];
  for (let l = 0; l < m.numLayers; l++) {
    const names = m.flatWeightsNames.slice(l * perLayer, (l + 1) * perLayer);
    lines.push(
      `            r_${l} = torch.${op}(x, ${states(`.narrow(0, ${l * dirs}, ${dirs})`)}, ${weights(names)}, self.bias, 1, self.dropout, self.training, self.bidirectional, False)`,
      `            x = r_${l}[0]`,
    );
    if (l < m.numLayers - 1) lines.push('            x = torch.dropout(x, self.dropout, True)');
  }
  lines.push('            output = x.transpose(0, 1).contiguous() if self.batch_first else x');
  finals.forEach((name, i) => {
    const parts = Array.from({ length: m.numLayers }, (_, l) => `r_${l}[${i + 1}]`);
    lines.push(`            ${name} = torch.cat([${parts.join(', ')}], 0)`);
  });
  lines.push('        else:', ...all.map((line) => `    ${line}`));
  return lines;
}

// An LSTM with projections, unrolled over layers and directions (tsjit's aten::lstm takes no
// projection weights): the same steps as LSTM.projected.
function projectedLstmSource(m: RNNBase): string[] {
  const dirs = m.bidirectional ? 2 : 1;
  const lines = ['        x = input.transpose(0, 1) if self.batch_first else input', '        steps = x.size(0)'];
  const hs: string[] = [];
  const cs: string[] = [];
  for (let l = 0; l < m.numLayers; l++) {
    const outs: string[] = [];
    for (let d = 0; d < dirs; d++) {
      const k = l * dirs + d;
      const suffix = `_l${l}${d === 1 ? '_reverse' : ''}`;
      const bih = m.bias ? `self.bias_ih${suffix}` : 'None';
      const bhh = m.bias ? `self.bias_hh${suffix}` : 'None';
      lines.push(
        `        h = h0[${k}]`,
        `        c = c0[${k}]`,
        '        ys = torch.jit.annotate(List[Tensor], [])',
        '        for i in range(steps):',
        `            t = ${d === 0 ? 'i' : 'steps - 1 - i'}`,
        `            gates = torch._C._nn.linear(x[t], self.weight_ih${suffix}, ${bih}) + torch._C._nn.linear(h, self.weight_hh${suffix}, ${bhh})`,
        '            g = gates.chunk(4, 1)',
        '            c = torch.sigmoid(g[1]) * c + torch.sigmoid(g[0]) * torch.tanh(g[2])',
        `            h = torch._C._nn.linear(torch.sigmoid(g[3]) * torch.tanh(c), self.weight_hr${suffix}, None)`,
        '            ys.append(h)',
        `        out_${k} = ${d === 0 ? 'torch.stack(ys, 0)' : 'torch.flip(torch.stack(ys, 0), [0])'}`,
        `        h_${k} = h`,
        `        c_${k} = c`,
      );
      outs.push(`out_${k}`);
      hs.push(`h_${k}`);
      cs.push(`c_${k}`);
    }
    lines.push(dirs === 2 ? `        x = torch.cat([${outs.join(', ')}], 2)` : `        x = ${outs[0]}`);
    if (l < m.numLayers - 1) {
      lines.push(
        '        if self.training and self.dropout > 0.0:',
        '            x = torch.dropout(x, self.dropout, True)',
      );
    }
  }
  lines.push(
    '        output = x.transpose(0, 1).contiguous() if self.batch_first else x',
    `        h_n = torch.stack([${hs.join(', ')}], 0)`,
    `        c_n = torch.stack([${cs.join(', ')}], 0)`,
  );
  return lines;
}

function rnnScript<M extends RNNBase>(): TorchScriptDefinition<M> {
  return {
    source: (m, options) => {
      const lstm = m.mode === 'LSTM';
      const op = { RNN_TANH: 'rnn_tanh', RNN_RELU: 'rnn_relu', LSTM: 'lstm', GRU: 'gru' }[m.mode];
      const state = lstm ? 'Tuple[Tensor, Tensor]' : 'Tensor';
      const lines = [
        scriptClassLine(m, options).trimEnd(),
        '    mode: str',
        '    input_size: int',
        '    hidden_size: int',
        '    num_layers: int',
        '    bias: bool',
        '    batch_first: bool',
        '    dropout: float',
        '    bidirectional: bool',
        '    proj_size: int',
        ...m.flatWeightsNames.map((n) => `    ${n}: Tensor`),
        `    def forward(self, input: Tensor, hx: Optional[${state}] = None) -> Tuple[Tensor, ${state}]:`,
        '        is_batched = input.dim() == 3',
        '        batch_dim = 0 if self.batch_first else 1',
        '        if not is_batched:',
        '            input = input.unsqueeze(batch_dim)',
        '        max_batch_size = input.size(0) if self.batch_first else input.size(1)',
        '        num_directions = 2 if self.bidirectional else 1',
        '        if input.dim() != 3:',
        '            raise RuntimeError("input must have 3 dimensions, got {}".format(input.dim()))',
        '        if self.input_size != input.size(-1):',
        '            raise RuntimeError("input.size(-1) must be equal to input_size. Expected {}, got {}".format(self.input_size, input.size(-1)))',
        '        real_hidden_size = self.proj_size if self.proj_size > 0 else self.hidden_size',
        '        expected = [self.num_layers * num_directions, max_batch_size, real_hidden_size]',
      ];
      if (lstm) {
        lines.push(
          '        if hx is None:',
          '            h0 = torch.zeros(self.num_layers * num_directions, max_batch_size, real_hidden_size, dtype=input.dtype, device=input.device)',
          '            c0 = torch.zeros(self.num_layers * num_directions, max_batch_size, self.hidden_size, dtype=input.dtype, device=input.device)',
          '        else:',
          '            h0, c0 = hx',
          '            if is_batched:',
          '                if h0.dim() != 3 or c0.dim() != 3:',
          '                    raise RuntimeError("For batched 3-D input, hx and cx should also be 3-D but got ({}-D, {}-D) tensors".format(h0.dim(), c0.dim()))',
          '            else:',
          '                if h0.dim() != 2 or c0.dim() != 2:',
          '                    raise RuntimeError("For unbatched 2-D input, hx and cx should also be 2-D but got ({}-D, {}-D) tensors".format(h0.dim(), c0.dim()))',
          '                h0 = h0.unsqueeze(1)',
          '                c0 = c0.unsqueeze(1)',
          '        if h0.size() != expected:',
          '            raise RuntimeError("Expected hidden[0] size {}, got {}".format(expected, h0.size()))',
          '        expected_c = [self.num_layers * num_directions, max_batch_size, self.hidden_size]',
          '        if c0.size() != expected_c:',
          '            raise RuntimeError("Expected hidden[1] size {}, got {}".format(expected_c, c0.size()))',
          ...(m.projSize > 0 ? projectedLstmSource(m) : stackSource(m, 'lstm', ['h_n', 'c_n'])),
          '        if not is_batched:',
          '            output = output.squeeze(batch_dim)',
          '            h_n = h_n.squeeze(1)',
          '            c_n = c_n.squeeze(1)',
          '        return output, (h_n, c_n)',
        );
      } else {
        lines.push(
          '        if hx is None:',
          '            h0 = torch.zeros(self.num_layers * num_directions, max_batch_size, self.hidden_size, dtype=input.dtype, device=input.device)',
          '        else:',
          '            h0 = hx',
          '            if is_batched:',
          '                if h0.dim() != 3:',
          '                    raise RuntimeError("For batched 3-D input, hx should also be 3-D but got {}-D tensor".format(h0.dim()))',
          '            else:',
          '                if h0.dim() != 2:',
          '                    raise RuntimeError("For unbatched 2-D input, hx should also be 2-D but got {}-D tensor".format(h0.dim()))',
          '                h0 = h0.unsqueeze(1)',
          '        if h0.size() != expected:',
          '            raise RuntimeError("Expected hidden size {}, got {}".format(expected, h0.size()))',
          ...stackSource(m, op, ['hidden']),
          '        if not is_batched:',
          '            output = output.squeeze(batch_dim)',
          '            hidden = hidden.squeeze(1)',
          '        return output, hidden',
        );
      }
      return `${lines.join('\n')}\n`;
    },
    attributes: (m) => {
      const attributes: Record<string, unknown> = {
        training: m.training,
        mode: m.mode,
        input_size: m.inputSize,
        hidden_size: m.hiddenSize,
        num_layers: m.numLayers,
        bias: m.bias,
        batch_first: m.batchFirst,
        dropout: m.dropout,
        bidirectional: m.bidirectional,
        proj_size: m.projSize,
      };
      m.flatWeightsNames.forEach((name, i) => {
        attributes[name] = m.flatWeights[i];
      });
      return attributes;
    },
  };
}

/**
 * torch.nn.RNNBase: the parameters of a multi-layer, optionally bidirectional recurrent network,
 * named as PyTorch names them (`weight_ih_l0`, `weight_hh_l1_reverse`, `bias_ih_l0`...) and
 * registered in PyTorch's order, so that `manualSeed(s)` then construction draws PyTorch's weights.
 */
export class RNNBase extends Module {
  readonly mode: RNNMode;
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly bias: boolean;
  readonly batchFirst: boolean;
  readonly dropout: number;
  readonly bidirectional: boolean;
  /** LSTM's projection size (0: none); h has this size when it is positive. */
  readonly projSize: number;
  /** The parameter names in the order the aten rnn ops take them (PyTorch's `_flat_weights_names`). */
  readonly flatWeightsNames: string[] = [];

  constructor(
    mode: RNNMode,
    inputSize: number,
    hiddenSize: number,
    numLayersOrOptions: number | RNNBaseOptions = {},
    options: RNNBaseOptions = {},
  ) {
    super();
    const o =
      typeof numLayersOrOptions === 'number' ? { ...options, numLayers: numLayersOrOptions } : numLayersOrOptions;
    const numLayers = o.numLayers ?? 1;
    const dropout = o.dropout ?? 0;
    if (typeof dropout !== 'number' || !(dropout >= 0 && dropout <= 1)) {
      throw new OpError(
        'dropout should be a number in range [0, 1] representing the probability of an element being zeroed',
        'ValueError',
      );
    }
    if (!Number.isInteger(hiddenSize))
      throw new OpError(`hidden_size should be of type int, got: ${typeof hiddenSize}`, 'TypeError');
    if (hiddenSize <= 0) throw new OpError('hidden_size must be greater than zero', 'ValueError');
    if (!Number.isInteger(numLayers) || numLayers <= 0)
      throw new OpError('num_layers must be greater than zero', 'ValueError');
    if (dropout > 0 && numLayers === 1) {
      // PyTorch's UserWarning: dropout applies between layers only.
      process.emitWarning(
        `dropout option adds dropout after all but last recurrent layer, so non-zero dropout expects num_layers greater than 1, but got dropout=${dropout} and num_layers=${numLayers}`,
      );
    }
    const projSize = o.projSize ?? 0;
    if (!Number.isInteger(projSize) || projSize < 0) {
      throw new OpError('proj_size should be a positive integer or zero to disable projections', 'ValueError');
    }
    if (projSize >= hiddenSize) throw new OpError('proj_size has to be smaller than hidden_size', 'ValueError');
    if (projSize > 0 && mode !== 'LSTM') {
      throw new OpError('proj_size argument is only supported for LSTM, not RNN or GRU', 'ValueError');
    }
    this.projSize = projSize;
    this.mode = mode;
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    this.numLayers = numLayers;
    this.bias = o.bias ?? true;
    this.batchFirst = o.batchFirst ?? false;
    this.dropout = dropout;
    this.bidirectional = o.bidirectional ?? false;
    const dtype = o.dtype ?? 'float32';
    const numDirections = this.bidirectional ? 2 : 1;
    const gateSize = gateCount[mode] * hiddenSize;
    for (let layer = 0; layer < numLayers; layer++) {
      for (let direction = 0; direction < numDirections; direction++) {
        const layerInputSize = layer === 0 ? inputSize : this.realHiddenSize * numDirections;
        const suffix = `_l${layer}${direction === 1 ? '_reverse' : ''}`;
        const shapes: [string, number[]][] = [
          [`weight_ih${suffix}`, [gateSize, layerInputSize]],
          [`weight_hh${suffix}`, [gateSize, this.realHiddenSize]],
        ];
        if (this.bias) shapes.push([`bias_ih${suffix}`, [gateSize]], [`bias_hh${suffix}`, [gateSize]]);
        if (projSize > 0) shapes.push([`weight_hr${suffix}`, [projSize, hiddenSize]]);
        for (const [name, sizes] of shapes) {
          this.registerParameter(name, new Parameter(T.empty(sizes, { dtype })));
          this.flatWeightsNames.push(name);
        }
      }
    }
    this.resetParameters();
  }

  /** Every weight and bias uniform in ±1/√hidden_size, in registration order (PyTorch's draw order). */
  resetParameters(): void {
    const stdv = this.hiddenSize > 0 ? 1 / Math.sqrt(this.hiddenSize) : 0;
    for (const p of this.parameters()) tensorData(p).uniform_(-stdv, stdv);
  }

  /** The parameters in the aten rnn ops' order (PyTorch's `_flat_weights`). */
  get flatWeights(): Tensor[] {
    return this.flatWeightsNames.map((name) => (this as unknown as Record<string, Tensor>)[name]);
  }

  protected checkInput(input: Tensor): void {
    if (input.dim() !== 3) throw new OpError(`input must have 3 dimensions, got ${input.dim()}`);
    if (this.inputSize !== input.size(-1)) {
      throw new OpError(
        `input.size(-1) must be equal to input_size. Expected ${this.inputSize}, got ${input.size(-1)}`,
      );
    }
  }

  /** The size of h: projSize when projecting, else hiddenSize. */
  get realHiddenSize(): number {
    return this.projSize > 0 ? this.projSize : this.hiddenSize;
  }

  protected expectedHiddenSize(input: Tensor, cell = false): number[] {
    const batch = this.batchFirst ? input.size(0) : input.size(1);
    return [this.numLayers * (this.bidirectional ? 2 : 1), batch, cell ? this.hiddenSize : this.realHiddenSize];
  }

  protected checkHiddenSize(hx: Tensor, expected: number[], what = 'Expected hidden size'): void {
    if (hx.dim() !== expected.length || hx.sizes.some((s, i) => s !== expected[i])) {
      throw new OpError(`${what} ${pyTuple(expected)}, got ${pyList(hx.sizes)}`);
    }
  }

  /**
   * The aten op over all layers at once; in training mode with dropout, one call per layer with
   * aten::dropout between them (sequence-first, as PyTorch's layer stack draws its masks), so that
   * autograd sees the dropout: the ops' backward rules do not replay the inter-layer masks.
   */
  protected runStack(
    op: 'rnnTanh' | 'rnnRelu' | 'gru' | 'lstm',
    input: Tensor,
    state: Tensor[],
    batchSizes: Tensor | null = null,
  ): Tensor[] {
    const call = (x: Tensor, hx: Tensor[], weights: Tensor[], layers: number, batchFirst: boolean): Tensor[] => {
      const h = op === 'lstm' ? hx : hx[0];
      const fn = T[op] as unknown as (...args: unknown[]) => Tensor[];
      // The packed overloads (lstm.data ...) take batch_sizes after the data and no batch_first.
      if (batchSizes !== null) {
        return fn(x, batchSizes, h, weights, this.bias, layers, this.dropout, this.training, this.bidirectional);
      }
      return fn(x, h, weights, this.bias, layers, this.dropout, this.training, this.bidirectional, batchFirst);
    };
    if (!(this.training && this.dropout > 0 && this.numLayers > 1)) {
      return call(input, state, this.flatWeights, this.numLayers, this.batchFirst);
    }
    const dirs = this.bidirectional ? 2 : 1;
    const perLayer = (this.bias ? 4 : 2) * dirs;
    const weights = this.flatWeights;
    let x = this.batchFirst && batchSizes === null ? T.transpose(input, 0, 1) : input;
    const finals: Tensor[][] = state.map(() => []);
    for (let l = 0; l < this.numLayers; l++) {
      const hx = state.map((s) => T.narrow(s, 0, l * dirs, dirs));
      const result = call(x, hx, weights.slice(l * perLayer, (l + 1) * perLayer), 1, false);
      x = result[0];
      result.slice(1).forEach((t, i) => {
        finals[i].push(t);
      });
      if (l < this.numLayers - 1) x = T.dropout(x, this.dropout, true);
    }
    const output = this.batchFirst && batchSizes === null ? T.contiguous(T.transpose(x, 0, 1)) : x;
    return [output, ...finals.map((parts) => T.cat(parts, 0))];
  }

  /**
   * PyTorch's forward for a PackedSequence: the state the caller gives is in their batch order, so
   * it is permuted into the sorted order (`sortedIndices`) before the packed op and the final state
   * permuted back (`unsortedIndices`); the output is a PackedSequence with the input's batch sizes
   * and permutations.
   */
  protected runPacked(
    input: PackedSequence,
    hx: Tensor[] | null,
    run: (data: Tensor, state: Tensor[], batchSizes: Tensor) => Tensor[],
  ): [PackedSequence, Tensor[]] {
    const { data, batchSizes, sortedIndices, unsortedIndices } = input;
    const maxBatch = Number((batchSizes.tolist() as number[])[0] ?? 0);
    const layers = this.numLayers * (this.bidirectional ? 2 : 1);
    const state =
      hx === null
        ? [
            T.zeros([layers, maxBatch, this.realHiddenSize], { dtype: data.dtype }),
            ...(this.mode === 'LSTM' ? [T.zeros([layers, maxBatch, this.hiddenSize], { dtype: data.dtype })] : []),
          ]
        : hx.map((h) => permuteHidden(h, sortedIndices));
    if (data.dim() !== 2) throw new OpError(`input must have 2 dimensions, got ${data.dim()}`);
    if (this.inputSize !== data.size(-1)) {
      throw new OpError(`input.size(-1) must be equal to input_size. Expected ${this.inputSize}, got ${data.size(-1)}`);
    }
    const expected = [layers, maxBatch, this.realHiddenSize];
    if (this.mode === 'LSTM') {
      this.checkHiddenSize(state[0], expected, 'Expected hidden[0] size');
      this.checkHiddenSize(state[1], [layers, maxBatch, this.hiddenSize], 'Expected hidden[1] size');
    } else {
      this.checkHiddenSize(state[0], expected);
    }
    const [output, ...finals] = run(data, state, batchSizes);
    const packed = new PackedSequence(output, batchSizes, sortedIndices, unsortedIndices);
    return [packed, finals.map((h) => permuteHidden(h, unsortedIndices))];
  }

  // RNN and GRU (one hidden state): batching, default state and checks, then the aten op.
  protected runSingleState(input: Tensor, hx: Tensor | null, op: 'rnnTanh' | 'rnnRelu' | 'gru'): [Tensor, Tensor] {
    const isBatched = input.dim() === 3;
    const batchDim = this.batchFirst ? 0 : 1;
    if (!isBatched) {
      input = T.unsqueeze(input, batchDim);
      if (hx !== null) {
        if (hx.dim() !== 2)
          throw new OpError(`For unbatched 2-D input, hx should also be 2-D but got ${hx.dim()}-D tensor`);
        hx = T.unsqueeze(hx, 1);
      }
    } else if (hx !== null && hx.dim() !== 3) {
      throw new OpError(`For batched 3-D input, hx should also be 3-D but got ${hx.dim()}-D tensor`);
    }
    const numDirections = this.bidirectional ? 2 : 1;
    const h0 = hx ?? batchZeros(input, batchDim, [this.numLayers * numDirections], this.hiddenSize);
    this.checkInput(input);
    this.checkHiddenSize(h0, this.expectedHiddenSize(input));
    const [output, hidden] = this.runStack(op, input, [h0]);
    return isBatched ? [output, hidden] : [T.squeeze(output, batchDim), T.squeeze(hidden, 1)];
  }

  override extraRepr(): string {
    let s = `${this.inputSize}, ${this.hiddenSize}`;
    if (this.projSize !== 0) s += `, proj_size=${this.projSize}`;
    if (this.numLayers !== 1) s += `, num_layers=${this.numLayers}`;
    if (!this.bias) s += ', bias=False';
    if (this.batchFirst) s += ', batch_first=True';
    if (this.dropout !== 0) s += `, dropout=${reprFloat(this.dropout)}`;
    if (this.bidirectional) s += ', bidirectional=True';
    return s;
  }
}

/**
 * torch.nn.RNN: an Elman network with tanh or ReLU. PyTorch's positional order is
 * `(input_size, hidden_size, num_layers, nonlinearity, bias, batch_first, dropout, bidirectional)`;
 * here the first three are positional and the rest are options.
 */
export class RNN extends RNNBase {
  static readonly torchscript = rnnScript<RNN>();

  readonly nonlinearity: 'tanh' | 'relu';

  constructor(
    inputSize: number,
    hiddenSize: number,
    numLayersOrOptions: number | RNNOptions = {},
    options: RNNOptions = {},
  ) {
    const o =
      typeof numLayersOrOptions === 'number' ? { ...options, numLayers: numLayersOrOptions } : numLayersOrOptions;
    const nonlinearity = o.nonlinearity ?? 'tanh';
    if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') {
      throw new OpError(`Unknown nonlinearity '${nonlinearity}'`, 'ValueError');
    }
    super(nonlinearity === 'tanh' ? 'RNN_TANH' : 'RNN_RELU', inputSize, hiddenSize, o);
    this.nonlinearity = nonlinearity;
  }

  /**
   * `(output, h_n)`; `hx` defaults to zeros. Unbatched input is `(L, H_in)` with `hx` `(layers*dirs, H)`.
   * A PackedSequence input gives a PackedSequence output.
   */
  override forward(input: PackedSequence, hx?: Tensor | null): [PackedSequence, Tensor];
  override forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor];
  // Last, so that `call(...)` (typed from the last overload) takes either input.
  override forward(input: Tensor | PackedSequence, hx?: Tensor | null): [Tensor | PackedSequence, Tensor];
  override forward(input: Tensor | PackedSequence, hx: Tensor | null = null): [Tensor | PackedSequence, Tensor] {
    const op = this.mode === 'RNN_TANH' ? 'rnnTanh' : 'rnnRelu';
    if (input instanceof PackedSequence) {
      const [out, [h]] = this.runPacked(input, hx === null ? null : [hx], (d, s, bs) => this.runStack(op, d, s, bs));
      return [out, h];
    }
    return this.runSingleState(input, hx, op);
  }
}

/** torch.nn.GRU. */
export class GRU extends RNNBase {
  static readonly torchscript = rnnScript<GRU>();

  constructor(
    inputSize: number,
    hiddenSize: number,
    numLayersOrOptions: number | RNNBaseOptions = {},
    options: RNNBaseOptions = {},
  ) {
    super('GRU', inputSize, hiddenSize, numLayersOrOptions, options);
  }

  /** `(output, h_n)`; a PackedSequence input gives a PackedSequence output. */
  override forward(input: PackedSequence, hx?: Tensor | null): [PackedSequence, Tensor];
  override forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor];
  // Last, so that `call(...)` (typed from the last overload) takes either input.
  override forward(input: Tensor | PackedSequence, hx?: Tensor | null): [Tensor | PackedSequence, Tensor];
  override forward(input: Tensor | PackedSequence, hx: Tensor | null = null): [Tensor | PackedSequence, Tensor] {
    if (input instanceof PackedSequence) {
      const [out, [h]] = this.runPacked(input, hx === null ? null : [hx], (d, s, bs) => this.runStack('gru', d, s, bs));
      return [out, h];
    }
    return this.runSingleState(input, hx, 'gru');
  }
}

/** torch.nn.LSTM, with projections (proj_size) as well. */
export class LSTM extends RNNBase {
  static readonly torchscript = rnnScript<LSTM>();

  constructor(
    inputSize: number,
    hiddenSize: number,
    numLayersOrOptions: number | RNNBaseOptions = {},
    options: RNNBaseOptions = {},
  ) {
    super('LSTM', inputSize, hiddenSize, numLayersOrOptions, options);
  }

  /** `(output, [h_n, c_n])`; `hx` is `[h_0, c_0]` or null for zeros. A PackedSequence gives a PackedSequence. */
  override forward(input: PackedSequence, hx?: readonly [Tensor, Tensor] | null): [PackedSequence, [Tensor, Tensor]];
  override forward(input: Tensor, hx?: readonly [Tensor, Tensor] | null): [Tensor, [Tensor, Tensor]];
  // Last, so that `call(...)` (typed from the last overload) takes either input.
  override forward(
    input: Tensor | PackedSequence,
    hx?: readonly [Tensor, Tensor] | null,
  ): [Tensor | PackedSequence, [Tensor, Tensor]];
  override forward(
    input: Tensor | PackedSequence,
    hx: readonly [Tensor, Tensor] | null = null,
  ): [Tensor | PackedSequence, [Tensor, Tensor]] {
    if (input instanceof PackedSequence) {
      const [out, [h, c]] = this.runPacked(input, hx === null ? null : [hx[0], hx[1]], (d, s, bs) =>
        this.projSize > 0 ? this.projectedPacked(d, s, bs) : this.runStack('lstm', d, s, bs),
      );
      return [out, [h, c]];
    }
    const isBatched = input.dim() === 3;
    const batchDim = this.batchFirst ? 0 : 1;
    let state: [Tensor, Tensor] | null = hx === null ? null : [hx[0], hx[1]];
    if (!isBatched) {
      input = T.unsqueeze(input, batchDim);
      if (state !== null) {
        if (state[0].dim() !== 2 || state[1].dim() !== 2) {
          throw new OpError(
            `For unbatched 2-D input, hx and cx should also be 2-D but got (${state[0].dim()}-D, ${state[1].dim()}-D) tensors`,
          );
        }
        state = [T.unsqueeze(state[0], 1), T.unsqueeze(state[1], 1)];
      }
    } else if (state !== null && (state[0].dim() !== 3 || state[1].dim() !== 3)) {
      throw new OpError(
        `For batched 3-D input, hx and cx should also be 3-D but got (${state[0].dim()}-D, ${state[1].dim()}-D) tensors`,
      );
    }
    if (state === null) {
      const layers = this.numLayers * (this.bidirectional ? 2 : 1);
      state = [
        batchZeros(input, batchDim, [layers], this.realHiddenSize),
        batchZeros(input, batchDim, [layers], this.hiddenSize),
      ];
    }
    this.checkInput(input);
    this.checkHiddenSize(state[0], this.expectedHiddenSize(input), 'Expected hidden[0] size');
    this.checkHiddenSize(state[1], this.expectedHiddenSize(input, true), 'Expected hidden[1] size');
    const [output, h, c] = this.projSize > 0 ? this.projected(input, state) : this.runStack('lstm', input, state);
    if (isBatched) return [output, [h, c]];
    return [T.squeeze(output, batchDim), [T.squeeze(h, 1), T.squeeze(c, 1)]];
  }

  /**
   * The LSTM with projections, step by step with ops (tsjit's aten::lstm has no projection
   * parameters): gates i, f, g, o as in the cell, then h = W_hr (o * tanh(c)).
   */
  private projected(input: Tensor, state: Tensor[]): Tensor[] {
    const dirs = this.bidirectional ? 2 : 1;
    const perDirection = this.bias ? 5 : 3;
    const weights = this.flatWeights;
    let x = this.batchFirst ? T.transpose(input, 0, 1) : input;
    const steps = x.size(0);
    const hs: Tensor[] = [];
    const cs: Tensor[] = [];
    for (let l = 0; l < this.numLayers; l++) {
      const outs: Tensor[] = [];
      for (let d = 0; d < dirs; d++) {
        const k = l * dirs + d;
        const w = weights.slice(k * perDirection, (k + 1) * perDirection);
        const [wIh, wHh] = w;
        const [bIh, bHh] = this.bias ? [w[2], w[3]] : [null, null];
        const wHr = w[perDirection - 1];
        let h = T.select(state[0], 0, k);
        let c = T.select(state[1], 0, k);
        const ys: Tensor[] = new Array(steps);
        for (let i = 0; i < steps; i++) {
          const t = d === 0 ? i : steps - 1 - i;
          const gates = T.add(T.linear(T.select(x, 0, t), wIh, bIh), T.linear(h, wHh, bHh));
          const [ig, fg, gg, og] = T.chunk(gates, 4, 1);
          c = T.add(T.mul(T.sigmoid(fg), c), T.mul(T.sigmoid(ig), T.tanh(gg)));
          h = T.linear(T.mul(T.sigmoid(og), T.tanh(c)), wHr);
          ys[t] = h;
        }
        outs.push(T.stack(ys, 0));
        hs.push(h);
        cs.push(c);
      }
      x = dirs === 2 ? T.cat(outs, 2) : outs[0];
      if (this.training && this.dropout > 0 && l < this.numLayers - 1) x = T.dropout(x, this.dropout, true);
    }
    const output = this.batchFirst ? T.contiguous(T.transpose(x, 0, 1)) : x;
    return [output, T.stack(hs, 0), T.stack(cs, 0)];
  }

  /**
   * The projected LSTM over packed data: at step t only the first batchSizes[t] rows of the state
   * advance; the other rows keep their value (finished sequences keep their final state, sequences
   * not yet started in the reverse direction keep h0).
   */
  private projectedPacked(data: Tensor, state: Tensor[], batchSizesT: Tensor): Tensor[] {
    const dirs = this.bidirectional ? 2 : 1;
    const perDirection = this.bias ? 5 : 3;
    const weights = this.flatWeights;
    const batchSizes = (batchSizesT.tolist() as number[]).map(Number);
    const offsets: number[] = [];
    let total = 0;
    for (const bs of batchSizes) {
      offsets.push(total);
      total += bs;
    }
    const batch = batchSizes[0] ?? 0;
    const advance = (rows: Tensor, full: Tensor): Tensor => {
      const n = rows.size(0) as number;
      return n === batch ? rows : T.cat([rows, T.narrow(full, 0, n, batch - n)], 0);
    };
    let x = data;
    const hs: Tensor[] = [];
    const cs: Tensor[] = [];
    for (let l = 0; l < this.numLayers; l++) {
      const outs: Tensor[] = [];
      for (let d = 0; d < dirs; d++) {
        const k = l * dirs + d;
        const w = weights.slice(k * perDirection, (k + 1) * perDirection);
        const [wIh, wHh] = w;
        const [bIh, bHh] = this.bias ? [w[2], w[3]] : [null, null];
        const wHr = w[perDirection - 1];
        let h = T.select(state[0], 0, k);
        let c = T.select(state[1], 0, k);
        const ys: Tensor[] = new Array(batchSizes.length);
        for (let i = 0; i < batchSizes.length; i++) {
          const t = d === 0 ? i : batchSizes.length - 1 - i;
          const bs = batchSizes[t];
          const xt = T.narrow(x, 0, offsets[t], bs);
          const gates = T.add(T.linear(xt, wIh, bIh), T.linear(T.narrow(h, 0, 0, bs), wHh, bHh));
          const [ig, fg, gg, og] = T.chunk(gates, 4, 1);
          const cRows = T.add(T.mul(T.sigmoid(fg), T.narrow(c, 0, 0, bs)), T.mul(T.sigmoid(ig), T.tanh(gg)));
          const hRows = T.linear(T.mul(T.sigmoid(og), T.tanh(cRows)), wHr);
          ys[t] = hRows;
          h = advance(hRows, h);
          c = advance(cRows, c);
        }
        outs.push(T.cat(ys, 0));
        hs.push(h);
        cs.push(c);
      }
      x = dirs === 2 ? T.cat(outs, 1) : outs[0];
      if (this.training && this.dropout > 0 && l < this.numLayers - 1) x = T.dropout(x, this.dropout, true);
    }
    return [x, T.stack(hs, 0), T.stack(cs, 0)];
  }
}

// PyTorch's apply_permutation over the batch dimension of a state (null: unchanged).
function permuteHidden(h: Tensor, permutation: Tensor | null): Tensor {
  return permutation === null ? h : T.indexSelect(h, 1, permutation);
}
