import { LinearPackedParamsBase, quantizedDtypeOf } from '@tsjit/ops';
import { describe, expect, it } from 'vitest';
import { callOp, dispatch, opRegistry, Tensor, tensor } from '../src/index.js';

/** A non-aten op (quantized::) by qualified name, through the dispatcher, as the interpreter calls it. */
function callQualified(name: string, args: unknown[]): any {
  const o = opRegistry().find(name)!;
  return dispatch(o, o.bind(args));
}

describe('quantized tensors in eager mode', () => {
  it('quantize_per_tensor makes an int8 Tensor carrying its quantizer; dequantize reads it back', () => {
    const x = tensor([0.25, -0.15, 1.0, 20], { dtype: 'float32' });
    const q = callOp('quantizePerTensor', [x, 0.1, 0, 'qint8']) as Tensor;
    expect(q).toBeInstanceOf(Tensor);
    expect(q.dtype).toBe('int8');
    expect(quantizedDtypeOf(q)).toBe('qint8');
    expect(q.quantizer).toEqual({ qscheme: 'per_tensor_affine', dtype: 'qint8', scale: 0.1, zeroPoint: 0 });
    // 2.5 rounds half to even; 200 clamps to 127.
    expect((callOp('intRepr', [q]) as Tensor).toArray()).toEqual([2, -2, 10, 127]);
    expect(callOp('qScale', [q])).toBe(0.1);
    expect(callOp('qZeroPoint', [q])).toBe(0);
    const d = callOp('dequantize', [q]) as Tensor;
    expect(d.quantizer).toBeNull();
    expect(d.toArray()).toEqual([2, -2, 10, 127].map((v) => Math.fround(v * Math.fround(0.1))));
  });

  it('linear_prepack / linear_dynamic take and return the packed-parameter object', () => {
    const w = callOp('quantizePerTensor', [
      tensor(
        [
          [0.5, -0.25],
          [0.125, 1],
        ],
        { dtype: 'float32' },
      ),
      0.125,
      0,
      'qint8',
    ]);
    const packed = callQualified('quantized::linear_prepack', [w, tensor([1, -1], { dtype: 'float32' })]);
    expect(packed).toBeInstanceOf(LinearPackedParamsBase);
    // Inputs 0..127 with reduce_range quantize exactly (scale 1, zero point 0): the result is exact.
    const x = tensor(
      [
        [1, 2],
        [127, 0],
      ],
      { dtype: 'float32' },
    );
    const y = callQualified('quantized::linear_dynamic', [x, packed, true]) as Tensor;
    expect(y.toArray()).toEqual([
      [1 * 0.5 + 2 * -0.25 + 1, 1 * 0.125 + 2 * 1 - 1],
      [127 * 0.5 + 1, 127 * 0.125 - 1],
    ]);
  });
});
