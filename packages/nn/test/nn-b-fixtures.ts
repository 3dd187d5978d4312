// Shared by the nn-b golden tests: the cases written by tooling/fixtures/gen_nn_b_fixtures.py and
// a factory that builds each case's tsjit module from PyTorch's constructor arguments.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { torchLoad } from '@tsjit/serialize';
import { manualSeed, type Tensor, tensor } from '@tsjit/tensor';
import * as nn from '../src/index.js';

export const fixtureDir = join(import.meta.dirname, 'fixtures', 'nn-b');

export interface Case {
  name: string;
  class: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  forward_kwargs: Record<string, unknown>;
  train: boolean;
  seed: number;
  has_state: boolean;
  /** PyTorch's repr of the module. */
  repr: string;
  stack?: { layer: string; args: unknown[]; kwargs: Record<string, unknown>; num_layers: number; norm: boolean };
}

export interface CaseIO {
  inputs: unknown[];
  tensor_kwargs: Record<string, Tensor>;
  outputs: (Tensor | null)[];
  /** For some cases: PyTorch's gradients (`input<i>` for the i-th float input, then parameters by name). */
  grads?: Record<string, Tensor>;
}

const goldens = JSON.parse(readFileSync(join(fixtureDir, 'cases.json'), 'utf8'));
export const cases: Case[] = goldens.cases;
/** PyTorch's exception type and message for each error case of the generator. */
export const errors: Record<string, { type: string; message: string }> = goldens.errors;
export const io = torchLoad(join(fixtureDir, 'io.pt')) as Record<string, CaseIO>;

export function loadState(name: string): Map<string, Tensor> {
  return torchLoad(join(fixtureDir, `${name}.pt`)) as Map<string, Tensor>;
}

// PyTorch's constructor signatures: [positional names kept positional in tsjit, then the names
// that become options]. Python positional arguments past the first group map onto options.
const signatures: Record<string, [number, string[]]> = {
  RNN: [
    2,
    ['input_size', 'hidden_size', 'num_layers', 'nonlinearity', 'bias', 'batch_first', 'dropout', 'bidirectional'],
  ],
  LSTM: [
    2,
    ['input_size', 'hidden_size', 'num_layers', 'bias', 'batch_first', 'dropout', 'bidirectional', 'proj_size'],
  ],
  GRU: [2, ['input_size', 'hidden_size', 'num_layers', 'bias', 'batch_first', 'dropout', 'bidirectional']],
  RNNCell: [2, ['input_size', 'hidden_size', 'bias', 'nonlinearity']],
  LSTMCell: [2, ['input_size', 'hidden_size', 'bias']],
  GRUCell: [2, ['input_size', 'hidden_size', 'bias']],
  MultiheadAttention: [
    2,
    ['embed_dim', 'num_heads', 'dropout', 'bias', 'add_bias_kv', 'add_zero_attn', 'kdim', 'vdim', 'batch_first'],
  ],
  TransformerEncoderLayer: [
    2,
    ['d_model', 'nhead', 'dim_feedforward', 'dropout', 'activation', 'layer_norm_eps', 'batch_first', 'norm_first'],
  ],
  TransformerDecoderLayer: [
    2,
    ['d_model', 'nhead', 'dim_feedforward', 'dropout', 'activation', 'layer_norm_eps', 'batch_first', 'norm_first'],
  ],
  Transformer: [
    2,
    [
      'd_model',
      'nhead',
      'num_encoder_layers',
      'num_decoder_layers',
      'dim_feedforward',
      'dropout',
      'activation',
      'custom_encoder',
      'custom_decoder',
      'layer_norm_eps',
      'batch_first',
      'norm_first',
    ],
  ],
};

const camel = (s: string): string => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function toOptions(entries: Record<string, unknown>): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entries)) {
    // Tensor-valued constructor arguments (loss weights) are written as nested lists.
    options[camel(key)] = Array.isArray(value) ? tensor(value as number[], { dtype: 'float32' }) : value;
  }
  return options;
}

type Ctor = new (...args: unknown[]) => nn.Module;

function build(cls: string, args: unknown[], kwargs: Record<string, unknown>): nn.Module {
  const ctor = (nn as unknown as Record<string, Ctor>)[cls];
  if (ctor === undefined) throw new Error(`@tsjit/nn has no ${cls}`);
  const [positional, names] = signatures[cls] ?? [0, []];
  const named: Record<string, unknown> = { ...kwargs };
  args.slice(positional).forEach((value, i) => {
    named[names[positional + i]] = value;
  });
  return new ctor(...args.slice(0, positional), toOptions(named));
}

/** The case's module, built as the generator built it (call manualSeed first for PyTorch's weights). */
export function buildCase(c: Case): nn.Module {
  if (c.stack === undefined) return build(c.class, c.args, c.kwargs);
  const layer = build(c.stack.layer, c.stack.args, c.stack.kwargs);
  const dModel = c.stack.args[0] as number;
  const norm = c.stack.norm ? new (nn as unknown as Record<string, Ctor>).LayerNorm(dModel) : null;
  return new (nn as unknown as Record<string, Ctor>)[c.class](layer, c.stack.num_layers, { norm });
}

/** Runs the case's forward: inputs positional, tensor and plain keyword arguments as a trailing options object. */
export function runCase(m: nn.Module, c: Case, caseIO: CaseIO): (Tensor | null)[] {
  const kwargs = toOptions({ ...caseIO.tensor_kwargs, ...c.forward_kwargs });
  const args: unknown[] = [...caseIO.inputs];
  if (Object.keys(kwargs).length > 0) args.push(kwargs);
  // Training-mode dropout draws from the generator, reseeded as the generator did before forward.
  manualSeed(c.seed + 2000);
  return flatten(m.call(...args));
}

export function flatten(value: unknown): (Tensor | null)[] {
  if (value === null || value === undefined) return [null];
  if (Array.isArray(value)) return value.flatMap(flatten);
  return [value as Tensor];
}
