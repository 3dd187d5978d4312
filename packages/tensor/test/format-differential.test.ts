import type { DType } from '@tsjit/kernels';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTensor, type PrintOptions } from '../src/format.js';
import { decodeFloat, encodeFloat, PYTHON, pythonHas, runPythonJson } from './torch-python.js';

interface RandomCase {
  dtype: DType;
  sizes: number[];
  values: (number | boolean | bigint)[];
  requiresGrad: boolean;
  options: Partial<PrintOptions>;
}

const FLOATS: DType[] = ['float32', 'float64', 'float16', 'bfloat16'];
const INT_RANGES: Partial<Record<DType, [number, number]>> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int16: [-32768, 32767],
  int8: [-128, 127],
  uint8: [0, 255],
};

// Magnitude classes that steer the formatter into each of its modes.
const floatValue = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -50, max: 50 }).map((n) => n / 4) },
  { weight: 2, arbitrary: fc.integer({ min: -2000, max: 2000 }) },
  { weight: 2, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 1, arbitrary: fc.double({ min: 1e-12, max: 1e-3 }) },
  { weight: 1, arbitrary: fc.double({ min: 1e5, max: 1e12 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
);

function valuesFor(dtype: DType, numel: number): fc.Arbitrary<(number | boolean | bigint)[]> {
  const exactly = { minLength: numel, maxLength: numel };
  if (dtype === 'bool') return fc.array(fc.boolean(), exactly);
  if (dtype === 'int64') {
    return fc.array(
      fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: -999n, max: 999n })),
      exactly,
    );
  }
  const range = INT_RANGES[dtype];
  if (range) return fc.array(fc.integer({ min: range[0], max: range[1] }), exactly);
  return fc.array(floatValue, exactly);
}

const sizes = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 4 }),
  fc.integer({ min: 1, max: 70 }).map((n) => [n]),
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 25 })).map(([a, b]) => [a, b]),
);

const options: fc.Arbitrary<Partial<PrintOptions>> = fc.record(
  {
    precision: fc.integer({ min: 0, max: 8 }),
    threshold: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(Number.POSITIVE_INFINITY)),
    edgeitems: fc.integer({ min: 1, max: 4 }),
    linewidth: fc.integer({ min: 10, max: 150 }),
    sciMode: fc.constantFrom(null, true, false),
  },
  { requiredKeys: [] },
);

const randomCase: fc.Arbitrary<RandomCase> = fc
  .tuple(
    fc.constantFrom<DType>(...FLOATS, 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool'),
    sizes,
    fc.boolean(),
    options,
  )
  .chain(([dtype, s, grad, opts]) =>
    valuesFor(
      dtype,
      s.reduce((a, b) => a * b, 1),
    ).map((values) => ({ dtype, sizes: s, values, requiresGrad: grad && FLOATS.includes(dtype), options: opts })),
  );

const SCRIPT = `
import json, math, sys, torch
out = []
for c in json.load(sys.stdin):
    dtype = getattr(torch, c["dtype"])
    vals = [int(v) if c["dtype"] == "int64" else (float(v) if isinstance(v, str) else v) for v in c["values"]]
    t = torch.tensor(vals, dtype=dtype).reshape(c["sizes"])
    if c["requiresGrad"]:
        t.requires_grad_()
    o = {k: (math.inf if v == "inf" else v) for k, v in c["options"].items()}
    torch.set_printoptions(profile="default", **o)
    text = repr(t)
    torch.set_printoptions(profile="default")
    flat = t.detach().reshape(-1)
    if dtype in (torch.float16, torch.bfloat16):
        flat = flat.float()
    enc = []
    for v in flat.tolist():
        if isinstance(v, float) and (math.isnan(v) or math.isinf(v) or (v == 0 and math.copysign(1, v) < 0)):
            v = "nan" if math.isnan(v) else ("-0" if v == 0 else ("inf" if v > 0 else "-inf"))
        elif c["dtype"] == "int64":
            v = str(v)
        enc.append(v)
    out.append({"repr": text, "values": enc})
print(json.dumps(out))
`;

const OPTION_KEYS: Record<string, string> = {
  precision: 'precision',
  threshold: 'threshold',
  edgeitems: 'edgeitems',
  linewidth: 'linewidth',
  sciMode: 'sci_mode',
};

const hasTorch = pythonHas('torch');

// Skipped only where Debian's PyTorch is absent (a user's clone); .ci/run installs it, so CI runs it.
describe.skipIf(!hasTorch)(
  hasTorch
    ? 'formatTensor agrees with PyTorch on random tensors'
    : `formatTensor vs PyTorch (SKIPPED: no torch at ${PYTHON})`,
  () => {
    it('for random dtypes, shapes, values and print options', () => {
      const cases = fc.sample(randomCase, { numRuns: 400, seed: 7 });
      const input = cases.map((c) => ({
        dtype: c.dtype,
        sizes: c.sizes,
        values: c.values.map((v) => (typeof v === 'number' ? encodeFloat(v) : typeof v === 'bigint' ? String(v) : v)),
        requiresGrad: c.requiresGrad,
        options: Object.fromEntries(
          Object.entries(c.options).map(([k, v]) => [OPTION_KEYS[k], v === Number.POSITIVE_INFINITY ? 'inf' : v]),
        ),
      }));
      const results = runPythonJson<{ repr: string; values: (number | string | boolean)[] }[]>(SCRIPT, input);
      const mismatches = [];
      for (const [i, c] of cases.entries()) {
        // Format the values torch holds (float16/bfloat16 rounding included).
        const values = results[i].values.map((v) =>
          c.dtype === 'int64' ? BigInt(v) : typeof v === 'boolean' ? v : decodeFloat(v as number | string),
        );
        const ours = formatTensor({ ...c, values }, c.options);
        if (ours !== results[i].repr) mismatches.push({ case: input[i], ours, torch: results[i].repr });
      }
      expect(mismatches.slice(0, 3)).toEqual([]);
    });
  },
);
