import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tensor } from '@tsjit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { load, loadArchiveFile } from '../src/load/load.js';
import { readArchiveFile, wholeArchive } from '../src/load/read-archive-file.js';
import type { ScriptModule } from '../src/script-module.js';
import { compareValue, decodeValue, type FixtureValue } from '../src/testing/fixture-values.js';
import { closeWorkers } from '../src/workers/async-call.js';

// load(path) reads storages into buffers of their own (readArchiveFile). Its default threshold
// (64 KiB) is above every storage of the small archives here, so the tests lower it to 1 byte:
// every non-empty stored data/ record is then read apart.
const LINEAR = join(import.meta.dirname, '..', '..', 'serialize', 'test', 'fixtures', 'zip', 'linear.pt');
// The shared conformance fixtures live beside the repository (../shared); a user's clone has none,
// so the tests over them skip there (the linear.pt tests still run).
const ROOT = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'torchscript');
const present = existsSync(join(ROOT, 'index.json'));

function archiveCases(): string[] {
  if (!present) return [];
  const index = JSON.parse(readFileSync(join(ROOT, 'index.json'), 'utf8')) as {
    cases: { name: string; kind: string }[];
  };
  return index.cases.filter((c) => c.kind === 'archive').map((c) => c.name);
}

/** The file read apart: putting the separate storages back at their offsets gives the file. */
function checkSplit(path: string): number {
  const file = readArchiveFile(path, { minSeparate: 1 });
  const original = new Uint8Array(readFileSync(path));
  expect(file.bytes.byteLength).toBe(original.byteLength);
  for (const [name, s] of file.storages) {
    expect(name).toMatch(/^[^/]+\/data\/[^/]+$/);
    expect(s.bytes.byteOffset).toBe(0);
  }
  // Buffer.equals: toEqual on megabytes of typed array is very slow.
  expect(Buffer.from(wholeArchive(file, new Uint8Array(original.byteLength))).equals(original)).toBe(true);
  return file.storages.size;
}

/**
 * readArchiveFile with every storage read apart, and their ranges in `bytes` zeroed: a small file's
 * tail is read whole (for the end record), so this makes sure nothing reads them from `bytes`.
 */
function readApart(path: string) {
  const file = readArchiveFile(path, { minSeparate: 1 });
  for (const s of file.storages.values()) file.bytes.fill(0, s.offset, s.offset + s.bytes.byteLength);
  return file;
}

describe('readArchiveFile', () => {
  it('reads the storages of linear.pt apart and the rest in place', () => {
    expect(checkSplit(LINEAR)).toBe(2);
    // The default threshold keeps small storages in place.
    expect(readArchiveFile(LINEAR).storages.size).toBe(0);
  });

  it('loads linear.pt with separate storages to the same weights as from bytes', () => {
    const apart = loadArchiveFile(readApart(LINEAR));
    const whole = load(new Uint8Array(readFileSync(LINEAR)));
    const x = tensor([[1, 2, 3]], { dtype: 'float32' });
    expect(String(apart.forward(x))).toBe(String(whole.forward(x)));
    expect(String(apart.attr('weight'))).toBe(String(whole.attr('weight')));
  });

  it('reads a file that is not a zip whole, and load reports it as a ZipError', () => {
    const file = readArchiveFile(join(import.meta.dirname, 'read-archive-file.test.ts'), { minSeparate: 1 });
    expect(file.storages.size).toBe(0);
    expect(() => loadArchiveFile(file)).toThrow(/zip/i);
  });
});

// Skips only where ../shared/fixtures/torchscript is absent (a user's clone); the package's own
// archive above covers readArchiveFile everywhere, and CI has the fixtures.
describe.skipIf(!present)('readArchiveFile on the archive fixtures (../shared/fixtures/torchscript)', () => {
  const cases = archiveCases();
  const apartModules: ScriptModule[] = [];
  afterAll(() => {
    for (const m of apartModules) closeWorkers(m);
  });

  it('splits every fixture archive exactly', () => {
    let separated = 0;
    for (const name of cases) separated += checkSplit(join(ROOT, name, 'model.pt'));
    expect(separated).toBeGreaterThan(cases.length);
  });

  it('runs the first call of every fixture with separate storages as PyTorch did', () => {
    const problems: string[] = [];
    for (const name of cases) {
      const dir = join(ROOT, name);
      const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8'));
      const call = c.calls[0];
      if (call === undefined || 'error' in (call.outputs ?? {})) continue;
      const module = loadArchiveFile(readApart(join(dir, 'model.pt')));
      const inputs = call.inputs.map((v: FixtureValue) => decodeValue(v, { caseDir: dir }));
      const result = module.runMethod(c.method, ...inputs);
      const mismatch = compareValue(result, call.outputs as FixtureValue, { rtol: c.rtol, atol: c.atol, caseDir: dir });
      if (mismatch !== null) problems.push(`${name}: ${mismatch}`);
    }
    expect(problems).toEqual([]);
  });

  it('gives a worker the whole archive (forwardAsync on separate storages)', async () => {
    const dir = join(ROOT, 'nn_linear');
    const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8'));
    const module = loadArchiveFile(readApart(join(dir, 'model.pt')));
    apartModules.push(module);
    const inputs = c.calls[0].inputs.map((v: FixtureValue) => decodeValue(v, { caseDir: dir }));
    const result = await module.runMethodAsync(c.method, inputs);
    expect(compareValue(result, c.calls[0].outputs, { rtol: c.rtol, atol: c.atol, caseDir: dir })).toBeNull();
  });
});
