// The TorchScript sources carried by nn-b's layers (recurrent layers and cells, MultiheadAttention,
// Transformer layers and stacks, losses): each module tree is compiled from its layers' sources
// with CompilationUnit, built with ScriptClass.createModule(attributes), and run on the inputs of
// @tsjit/nn's PyTorch goldens; the scripted outputs must equal the eager module's and PyTorch's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as nn from '@tsjit/nn';
import { torchLoad } from '@tsjit/serialize';
import { manualSeed, type Tensor, tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { CompilationUnit, type ScriptModule } from '../src/index.js';

const fixtureDir = join(import.meta.dirname, '..', '..', 'nn', 'test', 'fixtures', 'nn-b');

interface Case {
  name: string;
  class: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  forward_kwargs: Record<string, unknown>;
  train: boolean;
  seed: number;
  has_state: boolean;
  stack?: { layer: string; args: unknown[]; kwargs: Record<string, unknown>; num_layers: number; norm: boolean };
}

interface CaseIO {
  inputs: unknown[];
  tensor_kwargs: Record<string, Tensor>;
  outputs: (Tensor | null)[];
}

const cases: Case[] = JSON.parse(readFileSync(join(fixtureDir, 'cases.json'), 'utf8')).cases;
const io = torchLoad(join(fixtureDir, 'io.pt')) as Record<string, CaseIO>;

// PyTorch's constructor signatures: how many leading arguments stay positional in tsjit, and the
// names the remaining Python positional arguments take as options.
const signatures: Record<string, [number, string[]]> = {
  RNN: [
    2,
    ['input_size', 'hidden_size', 'num_layers', 'nonlinearity', 'bias', 'batch_first', 'dropout', 'bidirectional'],
  ],
  LSTM: [2, ['input_size', 'hidden_size', 'num_layers', 'bias', 'batch_first', 'dropout', 'bidirectional']],
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
type Ctor = new (...args: unknown[]) => nn.Module;
const ctorOf = (name: string): Ctor => (nn as unknown as Record<string, Ctor>)[name];

function build(cls: string, args: unknown[], kwargs: Record<string, unknown>): nn.Module {
  const [positional, names] = signatures[cls] ?? [0, []];
  const options: Record<string, unknown> = {};
  const named: Record<string, unknown> = { ...kwargs };
  args.slice(positional).forEach((value, i) => {
    named[names[positional + i]] = value;
  });
  for (const [key, value] of Object.entries(named)) {
    options[camel(key)] = Array.isArray(value) ? tensor(value as number[], { dtype: 'float32' }) : value;
  }
  return new (ctorOf(cls))(...args.slice(0, positional), options);
}

function buildCase(c: Case): nn.Module {
  if (c.stack === undefined) return build(c.class, c.args, c.kwargs);
  const layer = build(c.stack.layer, c.stack.args, c.stack.kwargs);
  const norm = c.stack.norm ? new (ctorOf('LayerNorm'))(c.stack.args[0]) : null;
  return new (ctorOf(c.class))(layer, c.stack.num_layers, { norm });
}

/**
 * Compiles the module tree from its layers' TorchScript sources (one class per distinct source,
 * children first) and builds the script module bottom-up with createModule.
 */
function scriptFromSources(root: nn.Module): ScriptModule {
  const classOf = new Map<nn.Module, string>();
  const byText = new Map<string, string>();
  const sources: string[] = [];
  const used = new Set<string>();
  const visit = (m: nn.Module): void => {
    for (const [, child] of m.namedChildren()) visit(child);
    const definition = nn.torchScriptOf(m);
    if (definition === undefined) throw new Error(`${m.constructor.name} carries no TorchScript`);
    const placeholder = '__CLASS__';
    const text = definition.source(m, { className: placeholder, childType: (c) => classOf.get(c) as string });
    let name = byText.get(text);
    if (name === undefined) {
      name = m.constructor.name;
      for (let i = 1; used.has(name); i++) name = `${m.constructor.name}_${i}`;
      used.add(name);
      byText.set(text, name);
      sources.push(text.replace(`class ${placeholder}(`, `class ${name}(`));
    }
    classOf.set(m, name);
  };
  visit(root);
  const cu = new CompilationUnit(sources.join('\n'));
  const create = (m: nn.Module): ScriptModule => {
    const attributes: Record<string, unknown> = { ...nn.torchScriptOf(m)?.attributes(m) };
    for (const [name, child] of m.namedChildren()) attributes[name] = create(child);
    const cls = cu.getClass(classOf.get(m) as string);
    if (cls === undefined) throw new Error(`no class ${classOf.get(m)}`);
    return cls.createModule(attributes);
  };
  return create(root);
}

function flatten(value: unknown): (Tensor | null)[] {
  if (value === null || value === undefined) return [null];
  if (Array.isArray(value)) return value.flatMap(flatten);
  return [value as Tensor];
}

function expectClose(actual: Tensor | null, expected: Tensor | null, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  const a = actual as Tensor;
  expect(a.sizes, `${what} sizes`).toEqual(expected.sizes);
  const got = a.toFlatArray() as number[];
  const want = expected.toFlatArray() as number[];
  for (let i = 0; i < want.length; i++) {
    const tol = 2e-5 + 1e-4 * Math.abs(want[i]);
    if (!(Math.abs(got[i] - want[i]) <= tol)) throw new Error(`${what}[${i}]: got ${got[i]}, expected ${want[i]}`);
  }
}

// The scripted forward takes PyTorch's parameters positionally: keyword arguments go to their slots.
function scriptedArgs(sm: ScriptModule, caseIO: CaseIO, c: Case): unknown[] {
  const formals = sm
    .method('forward')
    .schema.arguments.slice(1)
    .map((a) => a.name);
  const args: unknown[] = [...caseIO.inputs];
  const kwargs: Record<string, unknown> = { ...caseIO.tensor_kwargs, ...c.forward_kwargs };
  for (const [key, value] of Object.entries(kwargs)) {
    const at = formals.indexOf(key);
    if (at < 0) throw new Error(`forward of ${c.class} has no parameter ${key}`);
    args[at] = value;
  }
  return args;
}

function eagerArgs(caseIO: CaseIO, c: Case): unknown[] {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries({ ...caseIO.tensor_kwargs, ...c.forward_kwargs }))
    options[camel(key)] = value;
  return Object.keys(options).length > 0 ? [...caseIO.inputs, options] : [...caseIO.inputs];
}

describe('nn-b layers: TorchScript sources compiled and run like the eager layers', () => {
  for (const c of cases) {
    it(c.name, () => {
      const caseIO = io[c.name];
      manualSeed(c.seed);
      const eager = buildCase(c).train(c.train);
      const scripted = scriptFromSources(eager);
      expect(scripted.training).toBe(c.train);
      // The classes list __parameters__ / __buffers__: the script module has the eager state dict's keys.
      expect([...scripted.stateDict().keys()].sort()).toEqual([...eager.stateDict().keys()].sort());
      // Training-mode dropout draws from the generator: both runs start from the generator's seed.
      manualSeed(c.seed + 2000);
      const want = flatten(eager.call(...eagerArgs(caseIO, c)));
      manualSeed(c.seed + 2000);
      const got = flatten(scripted.forward(...scriptedArgs(scripted, caseIO, c)));
      expect(got.length).toBe(want.length);
      got.forEach((t, i) => {
        expectClose(t, want[i], `${c.name} scripted output ${i} vs eager`);
        expectClose(t, caseIO.outputs[i], `${c.name} scripted output ${i} vs PyTorch`);
      });
    });
  }

  it('names the parameters as PyTorch does in the scripted module (LSTM, bidirectional, 2 layers)', () => {
    manualSeed(0);
    const eager = new nn.LSTM(3, 4, 2, { bidirectional: true });
    const scripted = scriptFromSources(eager);
    const names = [...eager.stateDict().keys()];
    expect(names).toContain('weight_hh_l1_reverse');
    for (const name of names) {
      expect((scripted.attr(name) as Tensor).toFlatArray()).toEqual(eager.stateDict().get(name)?.toFlatArray());
    }
  });
});
