import { type DType, itemSize } from '@tsjit/kernels';
import { floatToBfloat16, floatToHalf } from './half.js';

/**
 * Writes row-major values (numbers, booleans, bigints) into `bytes` from element `offset` on, as
 * `dtype`: int64 takes bigints exactly and truncates numbers toward zero; the other integer dtypes
 * wrap as C casts do; bool stores 0/1; float16/bfloat16 round to nearest even.
 */
export function writeElements(
  bytes: Uint8Array,
  dtype: DType,
  offset: number,
  values: ArrayLike<number | boolean | bigint>,
): void {
  const n = values.length;
  const buf = bytes.buffer;
  const at = bytes.byteOffset + offset * itemSize[dtype];
  const num = (v: number | boolean | bigint) =>
    typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
  let target: { [i: number]: number } | null = null;
  switch (dtype) {
    case 'float32':
      target = new Float32Array(buf, at, n);
      break;
    case 'float64':
      target = new Float64Array(buf, at, n);
      break;
    case 'int32':
      target = new Int32Array(buf, at, n);
      break;
    case 'int16':
      target = new Int16Array(buf, at, n);
      break;
    case 'int8':
      target = new Int8Array(buf, at, n);
      break;
    case 'uint8':
      target = new Uint8Array(buf, at, n);
      break;
    case 'bool': {
      const a = new Uint8Array(buf, at, n);
      for (let i = 0; i < n; i++) a[i] = num(values[i]) !== 0 ? 1 : 0;
      return;
    }
    case 'int64': {
      const a = new BigInt64Array(buf, at, n);
      for (let i = 0; i < n; i++) {
        const v = values[i];
        a[i] = typeof v === 'bigint' ? v : BigInt(Math.trunc(num(v)));
      }
      return;
    }
    case 'float16':
    case 'bfloat16': {
      const a = new Uint16Array(buf, at, n);
      const convert = dtype === 'float16' ? floatToHalf : floatToBfloat16;
      for (let i = 0; i < n; i++) a[i] = convert(num(values[i]));
      return;
    }
  }
  for (let i = 0; i < n; i++) target[i] = num(values[i]);
}
