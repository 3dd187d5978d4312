import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attachQuantizer, FloatScalar } from '@tsjit/ops';
import { Storage, Tensor } from '@tsjit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { describeValue } from '../../test/torch-save/describe-value.js';
import { setDictAttributes } from '../pickle/dict-attributes.js';
import { PickleComplex, PickleDevice } from '../pickle/value-model.js';
import { setParameterFlag } from './parameter-flags.js';
import { markPlainDict } from './plain-dicts.js';
import { torchSave } from './torch-save.js';

const python = '/usr/bin/python3';
const helper = join(dirname(fileURLToPath(import.meta.url)), '../../test/torch-save/load_in_torch.py');
const probe = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
const torchVersion = probe.status === 0 ? probe.stdout.trim() : undefined;
if (torchVersion === undefined) {
  console.warn(`torch-save-pytorch: skipped, ${python} cannot import torch (PyTorch is the oracle of these tests)`);
}

/** A float32 tensor of the given sizes filled with a deterministic sequence. */
function filled(sizes: number[], seed: number, positive = false): Tensor {
  const t = Tensor.empty(sizes, 'float32');
  const a = new Float32Array(t.storage.bytes.buffer, t.storage.bytes.byteOffset, t.numel());
  for (let i = 0; i < a.length; i++) a[i] = (positive ? Math.abs : Number)(Math.sin(seed * 7.1 + i * 1.3) / 2);
  return t;
}

function int64(values: bigint[], sizes: number[]): Tensor {
  const t = Tensor.empty(sizes, 'int64');
  new BigInt64Array(t.storage.bytes.buffer, t.storage.bytes.byteOffset, values.length).set(values);
  return t;
}

function param(t: Tensor): Tensor {
  t.requiresGrad = true;
  setParameterFlag(t, true);
  return t;
}

/** The state dict of describe.py's Small module, built in JS. */
function smallStateDict(): Map<string, Tensor> {
  const sd = new Map<string, Tensor>([
    ['steps', int64([3n], [1])],
    ['fc1.weight', param(filled([4, 3], 1))],
    ['fc1.bias', param(filled([4], 2))],
    ['bn.weight', param(filled([4], 3))],
    ['bn.bias', param(filled([4], 4))],
    ['bn.running_mean', filled([4], 5)],
    ['bn.running_var', filled([4], 6, true)],
    ['bn.num_batches_tracked', int64([12n], [])],
    ['fc2.weight', param(filled([2, 4], 7))],
  ]);
  for (const t of sd.values()) t.requiresGrad = false;
  const metadata = new Map<string, unknown>([
    ['', { version: 1 }],
    ['fc1', { version: 1 }],
    ['bn', { version: 2 }],
    ['fc2', { version: 1 }],
  ]);
  setDictAttributes(sd, new Map([['_metadata', metadata]]));
  return sd;
}

function mixed(): Record<string, unknown> {
  const base = filled([12], 9);
  const half = new Tensor(new Storage(Uint8Array.from([0x00, 0x3c, 0x00, 0xc0, 0xff, 0x7b])), 'float16', [3], [1], 0);
  const bools = new Tensor(new Storage(Uint8Array.from([1, 0, 1, 1])), 'bool', [2, 2], [1, 2], 0);
  const int8 = new Tensor(new Storage(Uint8Array.from([0x80, 0x7f, 0x01])), 'int8', [3], [1], 0);
  const bf16 = new Tensor(new Storage(Uint8Array.from([0x80, 0x3f, 0x20, 0xc0])), 'bfloat16', [2], [1], 0);
  const p = param(filled([2], 10));
  return {
    base,
    grid_t: new Tensor(base.storage, 'float32', [4, 3], [1, 4], 0),
    row: new Tensor(base.storage, 'float32', [4], [1], 4),
    every_third: new Tensor(base.storage, 'float32', [4], [3], 1),
    again: base,
    half,
    bools,
    int8,
    bf16,
    empty: new Tensor(new Storage(new Uint8Array(0)), 'float32', [0], [1], 0),
    scalar: new Tensor(new Storage(Uint8Array.from([0, 0, 0, 0, 0, 0, 4, 0x40])), 'float64', [], [], 0),
    p,
    p_again: p,
    nested: [
      1,
      -1,
      2 ** 40,
      2n ** 70n,
      0.25,
      new FloatScalar(3),
      'str',
      null,
      true,
      Object.freeze([1, Object.freeze([])]),
      {},
    ],
    int_keys: markPlainDict(
      new Map<unknown, unknown>([
        [1, 'a'],
        [2, 'b'],
      ]),
    ),
    ordered: new Map([
      ['z', 1],
      ['a', 2],
    ]),
    device: new PickleDevice('cpu'),
    complex: new PickleComplex(1.5, -2),
  };
}

function quantized(): Record<string, Tensor> {
  const q8 = new Tensor(new Storage(Uint8Array.from([0xf9, 8, 23, 33, 1, 3])), 'int8', [2, 3], [3, 1], 0);
  const qu8 = new Tensor(new Storage(Uint8Array.from([0, 8, 23, 60, 0, 0])), 'uint8', [3, 2], [1, 3], 0);
  const q32 = new Tensor(new Storage(new Uint8Array(16)), 'int32', [2], [2], 1);
  return {
    per_tensor: attachQuantizer(q8, { qscheme: 'per_tensor_affine', dtype: 'qint8', scale: 0.1, zeroPoint: 3 }),
    per_channel: attachQuantizer(qu8, {
      qscheme: 'per_channel_affine',
      dtype: 'quint8',
      scales: [0.1, 0.05, 0.5],
      zeroPoints: [3, 0, 7],
      axis: 0,
    }),
    qint32_view: attachQuantizer(q32, { qscheme: 'per_tensor_affine', dtype: 'qint32', scale: 0.001, zeroPoint: -5 }),
  };
}

const cases: { name: string; value: unknown; module?: string }[] = [
  { name: 'quantized', value: quantized() },
  { name: 'small_state_dict', value: smallStateDict(), module: 'Small' },
  { name: 'mixed', value: mixed() },
  { name: 'bare_tensor', value: filled([2, 3], 11) },
];

const scratch = mkdtempSync(join(tmpdir(), 'tsjit-torch-save-py-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Skipped where PyTorch is absent: it is the oracle that reads the files (CI installs it).
describe.skipIf(torchVersion === undefined)('files written by torchSave load in PyTorch 1.13', () => {
  const written = new Map<string, Uint8Array>();
  const run = () => {
    const manifest = cases.map((c) => {
      const file = join(scratch, `${c.name}.pt`);
      written.set(c.name, torchSave(c.value, { path: file }));
      return { name: c.name, file, expected: describeValue(c.value), module: c.module };
    });
    writeFileSync(join(scratch, 'manifest.json'), JSON.stringify(manifest));
    const out = join(scratch, 'resaved');
    mkdirSync(out, { recursive: true });
    const result = spawnSync(python, [helper, join(scratch, 'manifest.json'), out], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`load_in_torch.py failed: ${result.stderr}`);
    return JSON.parse(result.stdout) as Record<string, { ok: boolean; error?: string; got?: unknown }>;
  };
  let results: ReturnType<typeof run> | undefined;
  const results_ = () => {
    results ??= run();
    return results;
  };

  it.each(cases.map((c) => c.name))('%s: torch.load gives equal values, dtypes, strides and sharing', (name) => {
    expect(results_()[name]).toEqual({ ok: true });
  });

  it('the state dict loads into the module with load_state_dict(strict=True)', () => {
    // The helper runs load_state_dict for cases with a module; a failure is reported as not ok.
    expect(results_().small_state_dict?.ok).toBe(true);
    expect(cases.find((c) => c.name === 'small_state_dict')?.module).toBe('Small');
  });

  it.each(cases.map((c) => c.name))('%s: torch.save of what PyTorch loaded is byte-identical to ours', (name) => {
    results_();
    const resaved = new Uint8Array(readFileSync(join(scratch, 'resaved', `${name}.pt`)));
    expect(Buffer.from(resaved).equals(Buffer.from(written.get(name) as Uint8Array))).toBe(true);
  });
});
