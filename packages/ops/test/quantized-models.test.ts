/**
 * Dynamic quantization end to end: models made by torch.quantization.quantize_dynamic (qint8, the
 * onednn engine), rebuilt from their pickled state the way the archive loader will (
 * rebuildQuantizedTensor for `_rebuild_qtensor`, linearPackedParamsFromState and
 * cellParamsFromState for the packed-parameter objects' `__setstate__`), run with the ops, and
 * compared with PyTorch at the conformance fixtures' tolerance (rtol 1e-3, atol 1e-3).
 * test/fixtures/quant-dynamic.json comes from tooling/fixtures/gen_quant_dynamic_goldens.py.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allOps,
  cellParamsFromState,
  chooseQuantizationParams,
  type DType,
  type LinearPackedParamsBase,
  linearPackedParamsFromState,
  OpRegistry,
  plainContext,
  quantizedStorageDtype,
  rebuildQuantizedTensor,
  type TensorLike,
  tensorFromValues,
  tensorValues,
} from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);
const golden = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'quant-dynamic.json'), 'utf8'));

function run(overload: string, args: unknown[], kwargs?: Record<string, unknown>): any {
  const o = registry.find(overload)!;
  return o.impl(o.bind(args, kwargs), ctx, o);
}

interface FloatRecord {
  values: number[];
  size: number[];
}
const floatTensor = (r: FloatRecord | null): TensorLike | null =>
  r === null ? null : tensorFromValues(ctx, r.values, r.size, 'float32');

/** Max |a - b| and whether every element is within atol + rtol * |b|. */
function compare(actual: TensorLike, expected: { values: number[]; size: number[] } | number[], sizes?: number[]) {
  const want = Array.isArray(expected) ? expected : expected.values;
  expect([...actual.sizes]).toEqual(sizes ?? (expected as FloatRecord).size);
  const got = tensorValues(ctx, actual);
  let maxError = 0;
  let close = true;
  got.forEach((g, i) => {
    const e = Math.abs(g - want[i]);
    maxError = Math.max(maxError, e);
    if (!(e <= 1e-3 + 1e-3 * Math.abs(want[i]))) close = false;
  });
  return { maxError, close };
}

const maxErrors: Record<string, number> = {};

describe('chooseQuantizationParams', () => {
  it("picks PyTorch's scale and zero point (torch._choose_qparams_per_tensor) on edge ranges", () => {
    expect(golden.choose_qparams.length).toBeGreaterThan(50);
    for (const c of golden.choose_qparams) {
      const got = chooseQuantizationParams(c.min, c.max, 0, 255, c.reduce_range);
      expect({ ...c, scale: got.scale, zero_point: got.zeroPoint }).toEqual(c);
    }
  });
});

// ---- the seeded models: weights inline ----

function inlineWeight(r: any): TensorLike {
  const dtype = quantizedStorageDtype(`${r.dtype === 'qint8' ? 'QInt8' : 'QUInt8'}Storage`) as DType;
  const storage = tensorFromValues(ctx, r.int_repr, [r.int_repr.length], dtype);
  const [scheme, scale, zeroPoint] = r.quantizer_params;
  return rebuildQuantizedTensor(ctx, storage, 0, r.size, r.stride, [`torch.${scheme}`, scale, zeroPoint], false, null);
}
const inlinePacked = (p: any) => linearPackedParamsFromState([inlineWeight(p.weight), floatTensor(p.bias)]);
const inlineCell = (c: any) =>
  cellParamsFromState([c.kind, c.tensors.map(floatTensor), c.doubles, c.longs, c.packed.map(inlinePacked)]);

function runStack(layers: { packed: LinearPackedParamsBase; reduceRange: boolean }[], x: TensorLike): TensorLike {
  let y = x;
  layers.forEach((l, i) => {
    y = run('quantized::linear_dynamic', [y, l.packed, l.reduceRange]);
    if (i < layers.length - 1) y = ctx.F.relu(y);
  });
  return y;
}

function runLstm(model: any, cells: unknown[], x: TensorLike): TensorLike[] {
  const directions = model.bidirectional ? 2 : 1;
  const batch = x.sizes[model.batch_first ? 0 : 1];
  const zeros = ctx.empty([model.num_layers * directions, batch, model.hidden_size], 'float32');
  return run(
    'aten::quantized_lstm.input',
    [x, [zeros, zeros], cells, true, model.num_layers, 0, false, model.bidirectional, model.batch_first],
    { dtype: 12, use_dynamic: true },
  );
}

describe('seeded quantize_dynamic models (tooling/fixtures/gen_quant_dynamic_goldens.py)', () => {
  for (const model of golden.models) {
    it(`${model.name} matches PyTorch`, () => {
      let worst = 0;
      if (model.name === 'linear_stack') {
        const layers = model.layers.map((l: any) => ({ packed: inlinePacked(l.packed), reduceRange: l.reduce_range }));
        for (const call of model.calls) {
          const { maxError, close } = compare(runStack(layers, floatTensor(call.input)!), call.output);
          worst = Math.max(worst, maxError);
          expect(close).toBe(true);
        }
      } else {
        const cells = model.cells.map(inlineCell);
        for (const call of model.calls) {
          const outputs = runLstm(model, cells, floatTensor(call.input)!);
          outputs.forEach((o, k) => {
            const { maxError, close } = compare(o, call.outputs[k]);
            worst = Math.max(worst, maxError);
            expect(close).toBe(true);
          });
        }
      }
      maxErrors[model.name] = worst;
      // Far below the tolerance: only float rounding separates the two (same quantization, exact integers).
      expect(worst).toBeLessThan(1e-5);
    });
  }

  it('fails without the per-call activation quantization (the check has teeth)', () => {
    const model = golden.models.find((m: any) => m.name === 'linear_stack');
    const layers = model.layers.map((l: any) => inlinePacked(l.packed));
    let worst = 0;
    for (const call of model.calls) {
      let y = floatTensor(call.input)!;
      layers.forEach((p: LinearPackedParamsBase, i: number) => {
        y = ctx.F.linear(y, p.dequantizedWeight(ctx), p.bias);
        if (i < layers.length - 1) y = ctx.F.relu(y);
      });
      worst = Math.max(worst, compare(y, call.output).maxError);
    }
    expect(worst).toBeGreaterThan(1e-3);
  });

  it('the rebuilt objects give back the state they were made from', () => {
    const model = golden.models.find((m: any) => m.name === 'lstm');
    const c = model.cells[0];
    const cell = inlineCell(c);
    const [kind, tensors, doubles, longs, packed] = cell.__getstate__();
    expect([kind, doubles, longs]).toEqual([c.kind, c.doubles, c.longs]);
    expect(tensors.map((t) => tensorValues(ctx, t as TensorLike))).toEqual(
      c.tensors.map((t: FloatRecord) => Array.from(new Float32Array(t.values))),
    );
    const [w, b] = (packed[0] as LinearPackedParamsBase).__getstate__();
    expect(tensorValues(ctx, run('aten::int_repr', [w]))).toEqual(c.packed[0].weight.int_repr);
    expect(run('aten::q_scale', [w])).toBe(c.packed[0].weight.quantizer_params[1]);
    expect(tensorValues(ctx, b!)).toEqual(Array.from(new Float32Array(c.packed[0].bias.values)));
  });
});

// ---- the conformance fixtures themselves ----

const FIXTURES = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'torchscript');

/** The entries of a stored (uncompressed) zip, as PyTorch writes archives: name → bytes. */
function readStoredZip(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = bytes.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const entries = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    entries.set(name, bytes.subarray(start, start + size));
    at += 46 + skip;
  }
  return entries;
}

/** A little-endian float32 .npy file. */
function readNpy(file: string): { values: number[]; size: number[] } {
  const bytes = readFileSync(file);
  const headerLength = bytes.readUInt16LE(8);
  const header = bytes.subarray(10, 10 + headerLength).toString('latin1');
  expect(header).toContain("'descr': '<f4'");
  const size = JSON.parse(`[${/'shape': \(([^)]*)\)/.exec(header)![1].replace(/,\s*$/, '')}]`);
  const data = bytes.subarray(10 + headerLength);
  const values = Array.from(new Float32Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length)));
  return { values, size };
}

function archiveTensor(entries: Map<string, Uint8Array>, prefix: string, r: any): TensorLike {
  const bytes = entries.get(`${prefix}/data/${r.storage.key}`)!;
  const quantized = quantizedStorageDtype(r.storage.storage_class);
  const dtype = quantized ?? (r.storage.storage_class === 'FloatStorage' ? 'float32' : null);
  expect(dtype).not.toBeNull();
  const storage = ctx.empty([r.storage.numel], dtype!);
  storage.data.set(bytes.subarray(0, storage.data.length));
  if (!quantized) return ctx.view(storage, r.size, r.stride, r.storage_offset);
  const [scheme, ...rest] = r.quantizer_params;
  return rebuildQuantizedTensor(ctx, storage, r.storage_offset, r.size, r.stride, [`torch.${scheme}`, ...rest]);
}

// The conformance fixtures live outside the repository (../shared/fixtures/torchscript): without
// them these cases cannot run, and the seeded models above still test the same code.
const haveFixtures = existsSync(FIXTURES) && golden.fixtures.quant_dynamic_linear_stack !== undefined;
// The quant_dynamic_* archives are conformance fixtures outside the repository: absent on a user's clone.
describe.skipIf(!haveFixtures)('conformance fixtures quant_dynamic_* (read from ../shared/fixtures)', () => {
  it('quant_dynamic_linear_stack: both calls within 1e-3/1e-3', () => {
    const dir = join(FIXTURES, 'quant_dynamic_linear_stack');
    const m = golden.fixtures.quant_dynamic_linear_stack;
    const entries = readStoredZip(readFileSync(join(dir, 'model.pt')));
    const layers = m.layers.map((l: any) => ({
      packed: linearPackedParamsFromState([
        archiveTensor(entries, m.prefix, l.weight),
        archiveTensor(entries, m.prefix, l.bias),
      ]),
      reduceRange: l.reduce_range,
    }));
    const calls = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')).calls;
    let worst = 0;
    for (const call of calls) {
      const x = readNpy(join(dir, call.inputs[0].tensor));
      const want = readNpy(join(dir, call.outputs.tensor));
      const { maxError, close } = compare(runStack(layers, floatTensor(x)!), want);
      worst = Math.max(worst, maxError);
      expect(close).toBe(true);
    }
    maxErrors.quant_dynamic_linear_stack = worst;
  });

  it('quant_dynamic_lstm: output, h and c within 1e-3/1e-3', () => {
    const dir = join(FIXTURES, 'quant_dynamic_lstm');
    const m = golden.fixtures.quant_dynamic_lstm;
    const entries = readStoredZip(readFileSync(join(dir, 'model.pt')));
    const cells = m.cells.map((c: any) =>
      cellParamsFromState([
        c.kind,
        c.tensors.map((t: any) => archiveTensor(entries, m.prefix, t)),
        c.doubles,
        c.longs,
        c.packed.map((p: any) =>
          linearPackedParamsFromState([
            archiveTensor(entries, m.prefix, p.weight),
            archiveTensor(entries, m.prefix, p.bias),
          ]),
        ),
      ]),
    );
    const call = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')).calls[0];
    const outputs = runLstm(m, cells, floatTensor(readNpy(join(dir, call.inputs[0].tensor)))!);
    let worst = 0;
    call.outputs.tuple.forEach((o: { tensor: string }, k: number) => {
      const { maxError, close } = compare(outputs[k], readNpy(join(dir, o.tensor)));
      worst = Math.max(worst, maxError);
      expect(close).toBe(true);
    });
    maxErrors.quant_dynamic_lstm = worst;
  });
});

describe('report', () => {
  it('max errors against PyTorch', () => {
    console.log(`quantized models, max |ours - PyTorch|: ${JSON.stringify(maxErrors)}`);
    expect(Object.keys(maxErrors).length).toBeGreaterThanOrEqual(golden.models.length);
  });
});
