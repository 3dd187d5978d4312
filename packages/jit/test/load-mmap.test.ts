import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KernelError } from '@tsjit/kernels';
import { type Tensor, tensor } from '@tsjit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { load } from '../src/load/load.js';
import type { ScriptModule } from '../src/script-module.js';
import { compareValue, decodeValue, type FixtureValue } from '../src/testing/fixture-values.js';
import { closeWorkers } from '../src/workers/async-call.js';

// load(path, { mmap: true }) maps the file (private copy-on-write) instead of reading it.
const LINEAR = join(import.meta.dirname, '..', '..', 'serialize', 'test', 'fixtures', 'zip', 'linear.pt');
// The shared conformance fixtures live beside the repository (../shared); a user's clone has none,
// so the tests over them skip there (the linear.pt tests still run).
const ROOT = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'torchscript');
const present = existsSync(join(ROOT, 'index.json'));

const modules: ScriptModule[] = [];
afterAll(() => {
  for (const m of modules) closeWorkers(m);
});

describe('load(path, { mmap: true })', () => {
  it('gives the same module as reading the file', () => {
    const mapped = load(LINEAR, { mmap: true });
    const read = load(LINEAR);
    const x = tensor([[1, 2, 3]], { dtype: 'float32' });
    expect(String(mapped.forward(x))).toBe(String(read.forward(x)));
    expect(String(mapped.attr('weight'))).toBe(String(read.attr('weight')));
    expect([...mapped.stateDict().keys()]).toEqual([...read.stateDict().keys()]);
  });

  it('keeps in-place updates of weights private: the file is unchanged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsjit-mmap-'));
    try {
      const path = join(dir, 'linear.pt');
      copyFileSync(LINEAR, path);
      const before = readFileSync(path);
      const module = load(path, { mmap: true });
      const weight = module.attr('weight') as Tensor;
      const old = String(weight);
      weight.add_(1);
      expect(String(module.attr('weight'))).not.toBe(old);
      expect(readFileSync(path).equals(before)).toBe(true);
      // A second mapping of the file sees the original weights.
      expect(String(load(path, { mmap: true }).attr('weight'))).toBe(old);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a missing file or a folder as a KernelError naming the path', () => {
    const missing = join(tmpdir(), 'tsjit-no-such-file.pt');
    expect(() => load(missing, { mmap: true })).toThrow(KernelError);
    expect(() => load(missing, { mmap: true })).toThrow(/no-such-file\.pt.*No such file/);
    expect(() => load(tmpdir(), { mmap: true })).toThrow(/not a regular file/);
  });

  it('runs a mapped module on a worker (forwardAsync)', async () => {
    const module = load(LINEAR, { mmap: true });
    modules.push(module);
    const x = tensor([[1, 2, 3]], { dtype: 'float32' });
    expect(String(await module.forwardAsync(x))).toBe(String(module.forward(x)));
  });
});

// Skips only where ../shared/fixtures/torchscript is absent (a user's clone); linear.pt above covers
// the mapped load everywhere, and CI has the fixtures.
describe.skipIf(!present)('load(path, { mmap: true }) on the archive fixtures (../shared/fixtures/torchscript)', () => {
  it('runs the first call of every fixture archive as PyTorch did', () => {
    const index = JSON.parse(readFileSync(join(ROOT, 'index.json'), 'utf8')) as {
      cases: { name: string; kind: string }[];
    };
    const problems: string[] = [];
    let checked = 0;
    for (const { name, kind } of index.cases) {
      if (kind !== 'archive') continue;
      const dir = join(ROOT, name);
      const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8'));
      const call = c.calls[0];
      if (call === undefined || 'error' in (call.outputs ?? {})) continue;
      const module = load(join(dir, 'model.pt'), { mmap: true });
      const inputs = call.inputs.map((v: FixtureValue) => decodeValue(v, { caseDir: dir }));
      const result = module.runMethod(c.method, ...inputs);
      const mismatch = compareValue(result, call.outputs as FixtureValue, { rtol: c.rtol, atol: c.atol, caseDir: dir });
      if (mismatch !== null) problems.push(`${name}: ${mismatch}`);
      checked++;
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(60);
  });
});
