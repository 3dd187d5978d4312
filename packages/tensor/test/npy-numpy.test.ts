import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DType, itemSize } from '@tsjit/kernels';
import { afterAll, describe, expect, it } from 'vitest';
import { type NpyArray, parseNpy, serializeNpy } from '../src/npy.js';
import { expectedValue, npyValues } from './npy-values.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'npy');

interface Expected {
  dtype: DType;
  sizes: number[];
  fortranOrder: boolean;
  bigEndian: boolean;
  values: (number | string | boolean)[];
}

const expected: Record<string, Expected> = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));

describe('files written by numpy (tooling/fixtures/gen_npy.py)', () => {
  it('has a fixture for every entry of expected.json and the features the brief names', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.npy'));
    expect(files.map((f) => f.slice(0, -4)).sort()).toEqual(Object.keys(expected).sort());
    const all = Object.values(expected);
    expect(all.some((e) => e.fortranOrder)).toBe(true);
    expect(all.some((e) => e.bigEndian)).toBe(true);
    expect(all.some((e) => e.sizes.length === 0)).toBe(true);
    expect(all.some((e) => e.values.length === 0)).toBe(true);
    expect(all.some((e) => e.dtype === 'int64' && e.sizes.length === 3)).toBe(true);
    expect(all.some((e) => e.dtype === 'bool')).toBe(true);
    expect(all.some((e) => e.dtype === 'float16')).toBe(true);
    expect(readFileSync(join(FIXTURES, 'float32-version-2.npy'))[6]).toBe(2);
    expect(readFileSync(join(FIXTURES, 'int16-version-3.npy'))[6]).toBe(3);
  });

  for (const [name, e] of Object.entries(expected)) {
    it(`reads ${name}.npy`, () => {
      const a = parseNpy(new Uint8Array(readFileSync(join(FIXTURES, `${name}.npy`))));
      expect(a.dtype).toBe(e.dtype);
      expect(a.sizes).toEqual(e.sizes);
      expect(a.data.length).toBe(e.values.length * itemSize[e.dtype]);
      expect(npyValues(a)).toEqual(e.values.map((v) => expectedValue(v, e.dtype)));
    });
  }

  it('writes C-order little-endian version 1.0 files byte for byte as numpy.save does', () => {
    let compared = 0;
    for (const [name, e] of Object.entries(expected)) {
      const file = new Uint8Array(readFileSync(join(FIXTURES, `${name}.npy`)));
      if (e.fortranOrder || e.bigEndian || file[6] !== 1) continue;
      expect(serializeNpy(parseNpy(file)), name).toEqual(file);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(10);
  });
});

const PYTHON = '/usr/bin/python3';
const hasNumpy = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
const numpyTitle = hasNumpy
  ? 'numpy reads what serializeNpy writes'
  : `numpy reads what serializeNpy writes (SKIPPED: no numpy at ${PYTHON})`;

// Skipped only where numpy is absent (a user's clone); .ci/run installs python3-torch, which brings it.
describe.skipIf(!hasNumpy)(numpyTitle, () => {
  const dir = hasNumpy ? mkdtempSync(join(tmpdir(), 'tsjit-npy-')) : '';
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads every dtype and shape with np.load and sees the same values', () => {
    const arrays: Record<string, NpyArray> = {};
    const shapes = [[], [0, 3], [5], [2, 3], [2, 1, 3]];
    for (const dtype of [
      'float64',
      'float32',
      'float16',
      'int64',
      'int32',
      'int16',
      'int8',
      'uint8',
      'bool',
    ] as DType[]) {
      for (const sizes of shapes) {
        const numel = sizes.reduce((a, b) => a * b, 1);
        // Bytes that decode to finite values in every dtype (no NaN payloads to compare).
        const data = Uint8Array.from({ length: numel * itemSize[dtype] }, (_, i) =>
          dtype === 'bool' ? ((i * 7) % 3) & 1 : (i * 29 + 3) % 61,
        );
        const name = `${dtype}-${sizes.join('x') || 'scalar'}`;
        arrays[name] = { dtype, sizes, data };
        writeFileSync(join(dir, `${name}.npy`), serializeNpy(arrays[name]));
      }
    }
    const script = [
      'import json, os, sys, numpy as np',
      'out = {}',
      'for f in sorted(os.listdir(sys.argv[1])):',
      '    a = np.load(os.path.join(sys.argv[1], f), allow_pickle=False)',
      '    out[f[:-4]] = {"dtype": str(a.dtype), "shape": list(a.shape), "c": bool(a.flags.c_contiguous),',
      '                   "values": [repr(v) for v in a.reshape(-1).tolist()]}',
      'print(json.dumps(out))',
    ].join('\n');
    const run = spawnSync(PYTHON, ['-c', script, dir], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const loaded = JSON.parse(run.stdout) as Record<
      string,
      { dtype: string; shape: number[]; c: boolean; values: string[] }
    >;
    expect(Object.keys(loaded).sort()).toEqual(Object.keys(arrays).sort());
    for (const [name, a] of Object.entries(arrays)) {
      const numpyDtype = a.dtype === 'bool' ? 'bool' : a.dtype;
      expect(loaded[name].dtype, name).toBe(numpyDtype);
      expect(loaded[name].shape, name).toEqual(a.sizes);
      expect(loaded[name].c, name).toBe(true);
      const ours = npyValues(a).map((v) => (typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v)));
      // Python's repr of a float is the shortest round-trip string, as is JavaScript's, apart from
      // a trailing '.0' and the exponent spelling.
      const floating = a.dtype.startsWith('float');
      const theirs = loaded[name].values.map((v) => (floating ? String(Number(v)) : v));
      expect(theirs, name).toEqual(ours);
    }
  });
});
