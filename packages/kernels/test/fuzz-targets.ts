// Valid calls of every kernel entry point, for the malformed-call fuzzer: each target returns a
// fresh argument list from a seed; the fuzzer corrupts some arguments and calls `call(args)`.
import { copy, fill } from '../src/copy.js';
import type { DType } from '../src/dtype.js';
import type { Strided } from '../src/strided.js';
import { numel } from '../src/strided.js';
import { makeContiguous, makeStrided, randInt, randomShape, randomValue, rng } from '../src/test-utils.js';

export interface Target {
  name: string;
  valid(seed: number): unknown[];
  call(args: unknown[]): void;
}

const floatTypes: DType[] = ['float32', 'float64', 'float16', 'bfloat16'];

export function tensor(r: () => number, dtype: DType, sizes: number[]): Strided {
  const vals = Array.from({ length: numel(sizes) }, () => randomValue(dtype, r));
  const layouts = ['contiguous', 'transposed', 'stepped', 'offset'] as const;
  return makeStrided(dtype, sizes, vals, layouts[randInt(r, 0, 3)]);
}

export function shape(r: () => number): number[] {
  const s = randomShape(r, 3, 5);
  return s.length === 0 ? [randInt(r, 1, 4)] : s;
}

export const targets: Target[] = [
  {
    name: 'copy',
    valid(seed) {
      const r = rng(seed);
      const s = shape(r);
      return [makeContiguous('float32', s), tensor(r, floatTypes[randInt(r, 0, 3)], s)];
    },
    call: (a) => copy(a[0] as Strided, a[1] as Strided),
  },
  {
    name: 'fill',
    valid(seed) {
      const r = rng(seed);
      return [makeContiguous('int32', shape(r)), r() * 10];
    },
    call: (a) => fill(a[0] as Strided, a[1] as number),
  },
];
