import { FloatScalar } from '@tsjit/ops';
import {
  getDictAttributes,
  getTypeTag,
  PickleComplex,
  PickleDevice,
  PickleObject,
  PickleQScheme,
  PickleStorageRef,
  PickleTensorRef,
} from '../../src/index.js';

/** JSON produced by tooling/fixtures/gen_pickle_goldens.py's dump() for the same pickle. */
export type Dump = null | boolean | number | string | Dump[] | { [key: string]: Dump };

function floatHex(x: number): string {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x, false);
  return Buffer.from(view.buffer).toString('hex');
}

const stableKey = (d: Dump): string => JSON.stringify(sortKeys(d));

function sortKeys(d: Dump): Dump {
  if (Array.isArray(d)) return d.map(sortKeys);
  if (d !== null && typeof d === 'object') {
    return Object.fromEntries(
      Object.keys(d)
        .sort()
        .map((k) => [k, sortKeys((d as Record<string, Dump>)[k] as Dump)]),
    );
  }
  return d;
}

/**
 * The structural dump of an unpickled value (tests only; recursive, fine for test inputs). Shared
 * values are expanded, as Python's dump does.
 */
export function dumpPickleValue(value: unknown): Dump {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number')
    return Number.isInteger(value) && !Object.is(value, -0) ? { int: String(value) } : { float: floatHex(value) };
  if (typeof value === 'bigint') return { int: String(value) };
  if (value instanceof FloatScalar) return { float: floatHex(value.value) };
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return { bytes: Buffer.from(value).toString('hex') };
  if (Array.isArray(value)) {
    if (Object.isFrozen(value)) return { tuple: value.map(dumpPickleValue) };
    const out: Record<string, Dump> = { list: value.map(dumpPickleValue) };
    const tag = getTypeTag(value);
    if (tag !== undefined) out.tag = tag;
    return out;
  }
  if (value instanceof Map) {
    const out: Record<string, Dump> = { dict: [...value].map(([k, v]) => [dumpPickleValue(k), dumpPickleValue(v)]) };
    const tag = getTypeTag(value);
    if (tag !== undefined) out.tag = tag;
    const attrs = getDictAttributes(value);
    if (attrs !== undefined && attrs.size > 0) out.attrs = dumpPickleValue(attrs);
    return out;
  }
  if (value instanceof Set)
    return { set: [...value].map(dumpPickleValue).sort((a, b) => (stableKey(a) < stableKey(b) ? -1 : 1)) };
  if (value instanceof PickleObject) return { object: value.className, state: dumpPickleValue(value.state ?? null) };
  if (value instanceof PickleStorageRef) {
    return { storage: { key: value.key, type: value.scalarType, numel: value.numel, location: value.location } };
  }
  if (value instanceof PickleTensorRef) {
    const out: Record<string, Dump> = {
      storage: dumpPickleValue(value.storage),
      offset: value.storageOffset,
      sizes: [...value.sizes],
      strides: [...value.strides],
      requires_grad: value.requiresGrad,
    };
    const q = value.quantization;
    if (q !== undefined) {
      out.quant =
        'scale' in q
          ? { qscheme: q.qscheme, scale: floatHex(q.scale), zero_point: q.zeroPoint }
          : {
              qscheme: q.qscheme,
              scales: dumpPickleValue(q.scales),
              zero_points: dumpPickleValue(q.zeroPoints),
              axis: q.axis,
            };
    }
    if (value.parameter) out.parameter = true;
    return { tensor: out };
  }
  if (value instanceof PickleDevice) return { device: value.name };
  if (value instanceof PickleComplex) return { complex: [floatHex(value.real), floatHex(value.imag)] };
  if (value instanceof PickleQScheme) return { qscheme: value.name };
  throw new Error(`cannot dump ${String(value)}`);
}

/** Key order does not matter in the comparison (Python sorts keys when writing JSON). */
export function normalizeDump(d: Dump): Dump {
  return sortKeys(d);
}
