import { FloatScalar, quantizedDtypeOf } from '@tsjit/ops';
import { type Storage, Tensor } from '@tsjit/tensor';
import { getDictAttributes } from '../../src/pickle/dict-attributes.js';
import { PickleComplex, PickleDevice } from '../../src/pickle/value-model.js';
import { getParameterFlag } from '../../src/torch-save/parameter-flags.js';
import { isPlainDict } from '../../src/torch-save/plain-dicts.js';

/**
 * Describes a torchLoad value in the JSON format of describe.py (the Python side): storages by
 * first-encounter index in a depth-first walk in dict order, ints as decimal strings, non-finite
 * floats as 'nan' / 'inf' / '-inf'. Recursive on purpose: test values are small.
 */
export type Description = { value: unknown; storages: { dtype: string; values: unknown[] }[] };

function pyFloat(x: number): number | string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return x;
}

function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction === 0 ? sign * Infinity : Number.NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

export function storageValues(storage: Storage, dtype: string): unknown[] {
  const b = storage.bytes;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out: unknown[] = [];
  const size = {
    float32: 4,
    float64: 8,
    float16: 2,
    bfloat16: 2,
    int64: 8,
    int32: 4,
    int16: 2,
    int8: 1,
    uint8: 1,
    bool: 1,
  }[dtype] as number;
  for (let i = 0; i + size <= b.byteLength; i += size) {
    switch (dtype) {
      case 'float32':
        out.push(pyFloat(view.getFloat32(i, true)));
        break;
      case 'float64':
        out.push(pyFloat(view.getFloat64(i, true)));
        break;
      case 'float16':
        out.push(pyFloat(halfToFloat(view.getUint16(i, true))));
        break;
      case 'bfloat16': {
        const f = new DataView(new ArrayBuffer(4));
        f.setUint32(0, view.getUint16(i, true) << 16, false);
        out.push(pyFloat(f.getFloat32(0, false)));
        break;
      }
      case 'int64':
        out.push(view.getBigInt64(i, true).toString());
        break;
      case 'int32':
        out.push(String(view.getInt32(i, true)));
        break;
      case 'int16':
        out.push(String(view.getInt16(i, true)));
        break;
      case 'int8':
        out.push(String(view.getInt8(i)));
        break;
      case 'uint8':
        out.push(String(view.getUint8(i)));
        break;
      case 'bool':
        out.push(view.getUint8(i) !== 0);
        break;
    }
  }
  return out;
}

export function describeValue(root: unknown): Description {
  const storages: Description['storages'] = [];
  const ids = new Map<Storage, number>();
  const walk = (v: unknown): unknown => {
    if (v instanceof Tensor) {
      const dtype = quantizedDtypeOf(v);
      let id = ids.get(v.storage);
      if (id === undefined) {
        id = storages.length;
        ids.set(v.storage, id);
        // Quantized storages are described by their integers.
        storages.push({ dtype, values: storageValues(v.storage, v.dtype) });
      }
      const q = v.quantizer;
      const quantizer =
        q === null
          ? {}
          : {
              quantizer:
                q.qscheme === 'per_tensor_affine'
                  ? { qscheme: q.qscheme, scale: q.scale, zeroPoint: q.zeroPoint }
                  : { qscheme: q.qscheme, scales: [...q.scales], zeroPoints: [...q.zeroPoints], axis: q.axis },
            };
      return {
        ...quantizer,
        t: 'tensor',
        dtype,
        sizes: [...v.sizes],
        strides: [...v.strides],
        offset: v.offset,
        storage: id,
        requiresGrad: v.requiresGrad,
        parameter: getParameterFlag(v) ?? v.requiresGrad,
      };
    }
    if (v === null) return { t: 'none' };
    if (typeof v === 'boolean') return { t: 'bool', v };
    if (typeof v === 'bigint') return { t: 'int', v: v.toString() };
    if (typeof v === 'number') {
      return Number.isInteger(v) && !Object.is(v, -0) ? { t: 'int', v: String(v) } : { t: 'float', v: pyFloat(v) };
    }
    if (v instanceof FloatScalar) return { t: 'float', v: pyFloat(v.value) };
    if (typeof v === 'string') return { t: 'str', v };
    if (v instanceof PickleComplex) return { t: 'complex', re: pyFloat(v.real), im: pyFloat(v.imag) };
    if (v instanceof PickleDevice) return { t: 'device', v: v.name };
    if (Array.isArray(v)) return { t: Object.isFrozen(v) ? 'tuple' : 'list', items: v.map(walk) };
    if (v instanceof Map) {
      const items = [...v].map(([k, x]) => [walk(k), walk(x)]);
      if (isPlainDict(v)) return { t: 'dict', items };
      const attributes = getDictAttributes(v);
      return {
        t: 'odict',
        items,
        attrs: attributes === undefined ? [] : [...attributes].map(([k, x]) => [walk(k), walk(x)]),
      };
    }
    if (typeof v === 'object') return { t: 'dict', items: Object.entries(v).map(([k, x]) => [walk(k), walk(x)]) };
    throw new Error(`cannot describe ${typeof v}`);
  };
  const value = walk(root);
  return { value, storages };
}
