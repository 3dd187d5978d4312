import * as K from '@tsjit/kernels';
import { describe, expect, it } from 'vitest';
import { allOps, OpRegistry, PlainTensor, plainContext, tensorFromValues, tensorValues } from '../index.js';
import { TINY_NUMEL, tinyBinary } from './tiny-binary.js';

const ctx = plainContext(new OpRegistry(allOps));
const specials = [0, -0, 1, -1, 0.1, 3.4e38, -3.4e38, 1e-45, Number.NaN, Infinity, -Infinity, 123.456, 7e-39];

describe('tiny binary path', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const kernel of ['add', 'sub', 'mul', 'div'] as const) {
      it(`${kernel} ${dtype} is bit-identical to the kernel`, () => {
        for (let trial = 0; trial < 50; trial++) {
          const n = 1 + (trial % TINY_NUMEL);
          const pick = (i: number) =>
            (trial + i) % 3 === 0
              ? specials[(trial * 7 + i) % specials.length]
              : (Math.sin(trial * 31 + i) * 1e3) / (i + 1);
          const a = tensorFromValues(
            ctx,
            Array.from({ length: n }, (_, i) => pick(i)),
            [n],
            dtype,
          );
          const b = tensorFromValues(
            ctx,
            Array.from({ length: n }, (_, i) => pick(i + 5)),
            [n],
            dtype,
          );
          const tiny = tinyBinary(ctx, kernel, a, b, dtype);
          expect(tiny).not.toBeNull();
          const ref = PlainTensor.zeros([n], dtype);
          K.binary(kernel, ref, a, b);
          const got = tensorValues(ctx, tiny!);
          const want = tensorValues(ctx, ref);
          for (let i = 0; i < n; i++)
            expect(Object.is(got[i], want[i]) || (Number.isNaN(got[i]) && Number.isNaN(want[i]))).toBe(true);
        }
      });
    }
  }
  it('declines what it does not handle', () => {
    const a = tensorFromValues(ctx, [1, 2], [2], 'float32');
    expect(tinyBinary(ctx, 'add', a, tensorFromValues(ctx, [1, 2], [2], 'float64'), 'float32')).toBeNull();
    expect(tinyBinary(ctx, 'add', a, tensorFromValues(ctx, [1], [1], 'float32'), 'float32')).toBeNull();
    expect(tinyBinary(ctx, 'pow', a, a, 'float32')).toBeNull();
    const big = tensorFromValues(ctx, new Array(TINY_NUMEL + 1).fill(1), [TINY_NUMEL + 1], 'float32');
    expect(tinyBinary(ctx, 'add', big, big, 'float32')).toBeNull();
    const strided = ctx.view(tensorFromValues(ctx, [1, 2, 3, 4], [4], 'float32'), [2], [2], 0);
    expect(tinyBinary(ctx, 'add', strided, a, 'float32')).toBeNull();
  });
});
