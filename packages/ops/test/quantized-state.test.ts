/**
 * What the archive loader calls for quantized models: rebuildQuantizedTensor (torch._utils.
 * _rebuild_qtensor), linearPackedParamsFromState and cellParamsFromState (the packed-parameter
 * objects' __setstate__). Their input comes from untrusted archives: bad input is an OpError that
 * says what is wrong, never another exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allOps,
  CellParamsBase,
  cellParamsFromState,
  LinearPackedParamsBase,
  linearPackedParamsFromState,
  OpError,
  OpRegistry,
  plainContext,
  quantizedDtypeOf,
  quantizedStorageDtype,
  rebuildQuantizedTensor,
  type TensorLike,
  tensorFromValues,
  tensorValues,
} from '../src/index.js';

const registry = new OpRegistry(allOps);
const ctx = plainContext(registry);
const run = (overload: string, args: unknown[]): any => {
  const o = registry.find(overload)!;
  return o.impl(o.bind(args), ctx, o);
};
const int8 = (values: number[]) => tensorFromValues(ctx, values, [values.length], 'int8');
const f32 = Math.fround;

function weight(rows: number, cols: number, scale = 0.01, zeroPoint = 0): TensorLike {
  const values = Array.from({ length: rows * cols }, (_, i) => ((i * 37) % 255) - 127);
  return rebuildQuantizedTensor(
    ctx,
    int8(values),
    0,
    [rows, cols],
    [cols, 1],
    ['torch.per_tensor_affine', scale, zeroPoint],
  );
}

describe('rebuildQuantizedTensor', () => {
  it('views the storage with the given geometry (transposed, offset) and quantizer', () => {
    const storage = int8([9, 1, 2, 3, 4, 5, 6]);
    const t = rebuildQuantizedTensor(ctx, storage, 1, [2, 3], [1, 2], ['torch.per_tensor_affine', 0.5, -2]);
    expect(quantizedDtypeOf(t)).toBe('qint8');
    expect(t.data).toBe(storage.data);
    expect(tensorValues(ctx, run('aten::int_repr', [t]))).toEqual([1, 3, 5, 2, 4, 6]);
    expect(tensorValues(ctx, run('aten::dequantize.self', [t]))).toEqual([1, 3, 5, 2, 4, 6].map((v) => (v + 2) * 0.5));
    expect(run('aten::q_zero_point', [t])).toBe(-2);
    expect(run('aten::qscheme', [t])).toBe(0);
  });

  it('takes per-channel parameters as tensors, and the qscheme by code', () => {
    const scales = tensorFromValues(ctx, [0.5, 0.25, 2], [3], 'float64');
    const zeros = tensorFromValues(ctx, [0, 1, 255], [3], 'int64');
    const storage = tensorFromValues(ctx, [10, 20, 30, 40, 50, 60], [6], 'uint8');
    const t = rebuildQuantizedTensor(ctx, storage, 0, [2, 3], [3, 1], [1, scales, zeros, 1]);
    expect(quantizedDtypeOf(t)).toBe('quint8');
    expect(tensorValues(ctx, run('aten::q_per_channel_scales', [t]))).toEqual([0.5, 0.25, 2]);
    expect(run('aten::q_per_channel_axis', [t])).toBe(1);
    expect(tensorValues(ctx, run('aten::dequantize.self', [t]))).toEqual([
      10 * 0.5,
      (20 - 1) * 0.25,
      f32((30 - 255) * 2),
      40 * 0.5,
      (50 - 1) * 0.25,
      (60 - 255) * 2,
    ]);
  });

  it('maps the pickled storage classes', () => {
    expect(quantizedStorageDtype('QInt8Storage')).toBe('int8');
    expect(quantizedStorageDtype('torch.QUInt8Storage')).toBe('uint8');
    expect(quantizedStorageDtype('QInt32Storage')).toBe('int32');
    expect(quantizedStorageDtype('FloatStorage')).toBeNull();
  });

  const bad: [string, () => unknown, string][] = [
    [
      'geometry past the storage',
      () => rebuildQuantizedTensor(ctx, int8([1, 2, 3]), 1, [3], [1], ['per_tensor_affine', 0.1, 0]),
      'reach element 3 of a storage of 3',
    ],
    [
      'a zero point outside the dtype',
      () => rebuildQuantizedTensor(ctx, int8([1]), 0, [1], [1], ['per_tensor_affine', 0.1, 128]),
      'zero_point 128 is outside the range of qint8',
    ],
    [
      'an unsupported scheme',
      () => rebuildQuantizedTensor(ctx, int8([1]), 0, [1], [1], ['torch.per_tensor_symmetric', 0.1, 0]),
      'per_tensor_symmetric is not supported',
    ],
    [
      'a float storage',
      () =>
        rebuildQuantizedTensor(
          ctx,
          tensorFromValues(ctx, [1], [1], 'float32'),
          0,
          [1],
          [1],
          ['per_tensor_affine', 1, 0],
        ),
      'needs int8, uint8 or int32 storage, got float32',
    ],
    [
      'negative strides',
      () => rebuildQuantizedTensor(ctx, int8([1, 2]), 1, [2], [-1], ['per_tensor_affine', 1, 0]),
      'must not be negative',
    ],
    [
      'a scale that is not a number',
      () => rebuildQuantizedTensor(ctx, int8([1]), 0, [1], [1], ['per_tensor_affine', 'x', 0]),
      'scale must be a finite number',
    ],
    [
      'per-channel lengths that do not match',
      () =>
        rebuildQuantizedTensor(
          ctx,
          int8([1, 2]),
          0,
          [2],
          [1],
          [
            'per_channel_affine',
            tensorFromValues(ctx, [1], [1], 'float64'),
            tensorFromValues(ctx, [0], [1], 'int64'),
            0,
          ],
        ),
      'need 2 elements',
    ],
  ];
  for (const [what, call, message] of bad) {
    it(`refuses ${what}`, () => {
      let error: unknown;
      try {
        call();
      } catch (e) {
        error = e;
      }
      expect(OpError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain(message);
    });
  }
});

describe('LinearPackedParamsBase state', () => {
  it('round-trips (weight, bias) and checks it like linear_prepack', () => {
    const w = weight(3, 2);
    const b = tensorFromValues(ctx, [1, 2, 3], [3], 'float32');
    const p = linearPackedParamsFromState([w, b]);
    expect(p).toBeInstanceOf(LinearPackedParamsBase);
    expect(p.__getstate__()).toEqual([w, b]);
    expect(linearPackedParamsFromState([w, null]).bias).toBeNull();
    expect(() => linearPackedParamsFromState([weight(3, 2, 0.1, 3), null])).toThrow(/zero point must be 0, but got 3/);
    expect(() => linearPackedParamsFromState([b, null])).toThrow(/the weight must be quantized/);
    expect(() => linearPackedParamsFromState([w])).toThrow(/expects a tuple \(weight, bias\)/);
    expect(() => linearPackedParamsFromState([w, 3])).toThrow(
      /expects \(Tensor, Optional\[Tensor\]\), got \(Tensor, number\)/,
    );
  });
});

describe('CellParamsBase state', () => {
  const packed = () =>
    linearPackedParamsFromState([weight(8, 3), tensorFromValues(ctx, new Array(8).fill(0.5), [8], 'float32')]);
  const bias = () => tensorFromValues(ctx, new Array(8).fill(0.5), [8], 'float32');
  const state = () => ['quantized_dynamic', [bias(), bias()], [], [1], [packed(), packed()]];

  it("reads PyTorch's ('quantized_dynamic', tensors, doubles, longs, packed) tuple", () => {
    const cell = cellParamsFromState(state());
    expect(cell).toBeInstanceOf(CellParamsBase);
    expect(cell.reduceRange).toBe(true);
    const [kind, , doubles, longs] = cell.__getstate__();
    expect([kind, doubles, longs]).toEqual(['quantized_dynamic', [], [1]]);
    const noLongs = state();
    noLongs[3] = [];
    expect(cellParamsFromState(noLongs).reduceRange).toBe(false);
  });

  it('refuses other cell kinds and malformed tuples by name', () => {
    const other = state();
    other[0] = 'quantized_fp16';
    expect(() => cellParamsFromState(other)).toThrow(/type 'quantized_fp16' are not supported/);
    const short = state();
    short[4] = [packed()];
    expect(() => cellParamsFromState(short)).toThrow(/expects 2 tensors, 0 doubles, at most 1 long and 2 packed/);
    expect(() => cellParamsFromState('quantized_dynamic')).toThrow(/expected a tuple/);
  });

  it('mutated states: an OpError or a cell, nothing else', () => {
    const pool: unknown[] = [
      null,
      0,
      1,
      -1,
      'quantized_dynamic',
      'x',
      [],
      [1, 2],
      1.5,
      {},
      bias(),
      packed(),
      weight(2, 2),
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(4), fc.nat(3), fc.nat(pool.length - 1)), { minLength: 1, maxLength: 3 }),
        (edits) => {
          const s: any[] = state();
          for (const [i, j, k] of edits) {
            if (Array.isArray(s[i]) && j < s[i].length)
              s[i] = s[i].map((e: unknown, n: number) => (n === j ? pool[k] : e));
            else s[i] = pool[k];
          }
          try {
            expect(cellParamsFromState(s)).toBeInstanceOf(CellParamsBase);
          } catch (e) {
            if (!OpError.isInstance(e)) throw e;
          }
          try {
            linearPackedParamsFromState(s.slice(0, 2));
          } catch (e) {
            if (!OpError.isInstance(e)) throw e;
          }
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
