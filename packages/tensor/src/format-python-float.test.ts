import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFloat, PYTHON, pythonHas, runPythonJson } from '../test/torch-python.js';
import { formatPythonFloat } from './format-python-float.js';

describe('formatPythonFloat', () => {
  it.each([
    [0.5, 0, 'f', '0'],
    [1.5, 0, 'f', '2'],
    [2.5, 0, 'f', '2'],
    [-2.5, 0, 'f', '-2'],
    [0.125, 2, 'f', '0.12'],
    [0.375, 2, 'f', '0.38'],
    [2.675, 2, 'f', '2.67'],
    [-0, 4, 'f', '-0.0000'],
    [-0.00001, 4, 'f', '-0.0000'],
    [1e22, 0, 'f', '10000000000000000000000'],
    [5e-324, 4, 'f', '0.0000'],
    [Number.NaN, 4, 'f', 'nan'],
    [Number.NEGATIVE_INFINITY, 4, 'e', '-inf'],
    [0, 4, 'e', '0.0000e+00'],
    [-0, 2, 'e', '-0.00e+00'],
    [12, 0, 'e', '1e+01'],
    [9.99994, 4, 'e', '9.9999e+00'],
    [9.99996, 4, 'e', '1.0000e+01'],
    [1e-300, 4, 'e', '1.0000e-300'],
    [1e100, 1, 'e', '1.0e+100'],
    [5e-324, 3, 'e', '4.941e-324'],
    [123456789, 4, 'e', '1.2346e+08'],
  ] as [number, number, 'f' | 'e', string][])(
    "formats %s with %i digits, style '%s', as %s",
    (x, digits, style, text) => {
      expect(formatPythonFloat(x, digits, style)).toBe(text);
    },
  );
});

const hasPython = pythonHas('json');

// Skipped only where no Python interpreter exists (a user's machine); .ci/run always has one.
describe.skipIf(!hasPython)(
  hasPython ? "formatPythonFloat agrees with Python's format()" : `formatPythonFloat vs Python (SKIPPED: no ${PYTHON})`,
  () => {
    it('on random doubles, float32 values, halves and powers of ten', () => {
      const value = fc.oneof(
        fc.double(),
        fc.float().map((x) => x),
        fc.integer({ min: -100000, max: 100000 }).map((n) => n / 8),
        fc.integer({ min: -320, max: 308 }).map((e) => Number(`1e${e}`)),
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
      );
      const samples = fc.sample(fc.tuple(value, fc.integer({ min: 0, max: 12 }), fc.constantFrom('f', 'e')), {
        numRuns: 3000,
        seed: 42,
      }) as [number, number, 'f' | 'e'][];
      const script = [
        'import json, sys',
        'out = []',
        'for x, d, s in json.load(sys.stdin):',
        '    out.append(format(float(x), ".%d%s" % (d, s)))',
        'print(json.dumps(out))',
      ].join('\n');
      const expected = runPythonJson<string[]>(
        script,
        samples.map(([x, d, s]) => [encodeFloat(x), d, s]),
      );
      const mismatches = samples
        .map(([x, d, s], i) => ({ x, d, s, ours: formatPythonFloat(x, d, s), python: expected[i] }))
        .filter((m) => m.ours !== m.python);
      expect(mismatches.slice(0, 5)).toEqual([]);
    });
  },
);
