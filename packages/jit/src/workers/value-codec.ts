import type { DType } from '@tsjit/kernels';
import { FloatScalar, PyDevice } from '@tsjit/ops';
import { Storage, Tensor } from '@tsjit/tensor';
import { ValueCodecError } from './value-codec-error.js';

/**
 * TorchScript runtime values (see the brief of docs/architecture.md §3 "Running") as messages
 * between threads. `postMessage`'s structured clone would lose what makes these values what they
 * are (a FloatScalar becomes a plain object, a tuple is no longer frozen, a Tensor loses its
 * class), so values are first encoded as tagged plain records, and decoded on the other side.
 *
 * Identity is kept within one message: the encoder maps each source array, Map, tensor, storage
 * and object to one record, structured clone keeps one copy of a record reached twice, and the
 * decoder maps each record back to one value. So a list passed twice is one list on the other
 * side, and two views of one storage are views of one Storage there.
 *
 * Tensor bytes are not copied when their storage is on a SharedArrayBuffer (the weights, after
 * `shareModuleWeights`): the record carries the buffer, which both threads then see. Other
 * storages (a call's inputs and outputs) are copied once into a SharedArrayBuffer of their own.
 */
export type EncodedValue =
  | number
  | bigint
  | boolean
  | string
  | null
  | undefined
  | EncodedFloat
  | EncodedTensor
  | EncodedList
  | EncodedDict
  | EncodedDevice
  | EncodedRecord
  | EncodedObject;

export interface EncodedFloat {
  readonly t: 'float';
  readonly value: number;
}
export interface EncodedStorage {
  readonly t: 'storage';
  readonly buffer: SharedArrayBuffer;
  readonly byteOffset: number;
  readonly byteLength: number;
  readonly version: number;
}
export interface EncodedTensor {
  readonly t: 'tensor';
  readonly storage: EncodedStorage;
  readonly dtype: DType;
  readonly sizes: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
  readonly requiresGrad: boolean;
}
export interface EncodedList {
  readonly t: 'list' | 'tuple';
  readonly items: EncodedValue[];
}
export interface EncodedDict {
  readonly t: 'dict';
  readonly keys: EncodedValue[];
  readonly values: EncodedValue[];
}
export interface EncodedDevice {
  readonly t: 'device';
  readonly device: string;
}
/** A plain JS object (what a caller may pass for a dict argument). */
export interface EncodedRecord {
  readonly t: 'record';
  readonly entries: [string, EncodedValue][];
}
export interface EncodedObject {
  readonly t: 'object';
  /** The class's qualified name, found again in the receiving side's compilation unit. */
  readonly className: string;
  readonly attributes: [string, EncodedValue][];
}

/**
 * How objects of script classes and modules cross threads: by class name and attribute values.
 * The codec knows nothing of the interpreter's ScriptObject; the caller supplies this.
 */
export interface ObjectCodec<T extends object = object> {
  /** Whether `value` is a script object. */
  matches(value: unknown): value is T;
  qualifiedName(value: T): string;
  /** The attribute values in slot order. */
  attributes(value: T): [string, unknown][];
  /** An object of the named class with its attributes not yet set (cycles are set afterwards). */
  create(className: string): T;
  setAttribute(value: T, name: string, attribute: unknown): void;
}

export interface CodecOptions {
  readonly objects?: ObjectCodec;
}

/** Encodes `value` for postMessage (see the file comment). */
export function encodeValue(value: unknown, options: CodecOptions = {}): EncodedValue {
  return new Encoder(options).encode(value);
}

/** The value `encodeValue` encoded, rebuilt on this thread. */
export function decodeValue(encoded: EncodedValue, options: CodecOptions = {}): unknown {
  return new Decoder(options).decode(encoded);
}

/** Several values in one message, with identity kept across all of them (a call's arguments). */
export function encodeValues(values: readonly unknown[], options: CodecOptions = {}): EncodedValue[] {
  const encoder = new Encoder(options);
  return values.map((v) => encoder.encode(v));
}

export function decodeValues(encoded: readonly EncodedValue[], options: CodecOptions = {}): unknown[] {
  const decoder = new Decoder(options);
  return encoded.map((v) => decoder.decode(v));
}

class Encoder {
  readonly #options: CodecOptions;
  readonly #seen = new Map<object, EncodedValue>();
  readonly #storages = new Map<Storage, EncodedStorage>();

  constructor(options: CodecOptions) {
    this.#options = options;
  }

  encode(value: unknown): EncodedValue {
    switch (typeof value) {
      case 'number':
      case 'bigint':
      case 'boolean':
      case 'string':
      case 'undefined':
        return value;
      case 'object':
        break;
      default:
        throw new ValueCodecError(`a ${typeof value} cannot be passed to or from a worker thread`);
    }
    if (value === null) return null;
    const seen = this.#seen.get(value);
    if (seen !== undefined) return seen;
    if (value instanceof FloatScalar) return { t: 'float', value: value.value };
    if (value instanceof PyDevice) return { t: 'device', device: value.device };
    if (value instanceof Tensor) {
      const record: EncodedTensor = {
        t: 'tensor',
        storage: this.#storage(value.storage),
        dtype: value.dtype,
        sizes: [...value.sizes],
        strides: [...value.strides],
        offset: value.offset,
        requiresGrad: value.requiresGrad,
      };
      this.#seen.set(value, record);
      return record;
    }
    if (Array.isArray(value)) {
      const record: EncodedList = { t: Object.isFrozen(value) ? 'tuple' : 'list', items: [] };
      this.#seen.set(value, record);
      for (const item of value) record.items.push(this.encode(item));
      return record;
    }
    if (value instanceof Map) {
      const record: EncodedDict = { t: 'dict', keys: [], values: [] };
      this.#seen.set(value, record);
      for (const [k, v] of value) {
        record.keys.push(this.encode(k));
        record.values.push(this.encode(v));
      }
      return record;
    }
    const objects = this.#options.objects;
    if (objects?.matches(value)) {
      const record: EncodedObject = { t: 'object', className: objects.qualifiedName(value), attributes: [] };
      this.#seen.set(value, record);
      for (const [name, attribute] of objects.attributes(value)) record.attributes.push([name, this.encode(attribute)]);
      return record;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) {
      const record: EncodedRecord = { t: 'record', entries: [] };
      this.#seen.set(value, record);
      for (const [k, v] of Object.entries(value)) record.entries.push([k, this.encode(v)]);
      return record;
    }
    const kind = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
    throw new ValueCodecError(`a ${kind} cannot be passed to or from a worker thread`);
  }

  #storage(storage: Storage): EncodedStorage {
    let record = this.#storages.get(storage);
    if (record !== undefined) return record;
    let bytes = storage.bytes;
    if (!(bytes.buffer instanceof SharedArrayBuffer)) {
      const copy = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
      copy.set(bytes);
      bytes = copy;
    }
    record = {
      t: 'storage',
      buffer: bytes.buffer as SharedArrayBuffer,
      byteOffset: bytes.byteOffset,
      byteLength: bytes.byteLength,
      version: storage.version,
    };
    this.#storages.set(storage, record);
    return record;
  }
}

class Decoder {
  readonly #options: CodecOptions;
  readonly #seen = new Map<object, unknown>();

  constructor(options: CodecOptions) {
    this.#options = options;
  }

  decode(encoded: EncodedValue): unknown {
    if (typeof encoded !== 'object' || encoded === null) return encoded;
    const seen = this.#seen.get(encoded);
    if (seen !== undefined) return seen;
    switch (encoded.t) {
      case 'float':
        return new FloatScalar(encoded.value);
      case 'device':
        return new PyDevice(encoded.device);
      case 'tensor': {
        const tensor = new Tensor(
          this.#storage(encoded.storage),
          encoded.dtype,
          encoded.sizes,
          encoded.strides,
          encoded.offset,
        );
        tensor.requiresGrad = encoded.requiresGrad;
        this.#seen.set(encoded, tensor);
        return tensor;
      }
      case 'list': {
        const list: unknown[] = [];
        this.#seen.set(encoded, list);
        for (const item of encoded.items) list.push(this.decode(item));
        return list;
      }
      case 'tuple': {
        // A tuple cannot contain itself, so it can be frozen once its items are decoded.
        const tuple = Object.freeze(encoded.items.map((item) => this.decode(item)));
        this.#seen.set(encoded, tuple);
        return tuple;
      }
      case 'dict': {
        const dict = new Map<unknown, unknown>();
        this.#seen.set(encoded, dict);
        for (let i = 0; i < encoded.keys.length; i++)
          dict.set(this.decode(encoded.keys[i]), this.decode(encoded.values[i]));
        return dict;
      }
      case 'record': {
        const record: Record<string, unknown> = {};
        this.#seen.set(encoded, record);
        for (const [k, v] of encoded.entries) record[k] = this.decode(v);
        return record;
      }
      case 'object': {
        const objects = this.#options.objects;
        if (objects === undefined) throw new ValueCodecError(`no way to rebuild an object of ${encoded.className}`);
        const object = objects.create(encoded.className);
        this.#seen.set(encoded, object);
        for (const [name, attribute] of encoded.attributes) objects.setAttribute(object, name, this.decode(attribute));
        return object;
      }
      default:
        throw new ValueCodecError(`unknown value record ${JSON.stringify((encoded as { t?: unknown }).t)}`);
    }
  }

  #storage(encoded: EncodedStorage): Storage {
    const seen = this.#seen.get(encoded);
    if (seen !== undefined) return seen as Storage;
    const storage = new Storage(new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength));
    storage.version = encoded.version;
    this.#seen.set(encoded, storage);
    return storage;
  }
}
