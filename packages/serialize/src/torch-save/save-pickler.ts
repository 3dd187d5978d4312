import { type DType, itemSize } from '@tsjit/kernels';
import { FloatScalar, type QuantizedDtype, type Quantizer } from '@tsjit/ops';
import { type Storage, Tensor } from '@tsjit/tensor';
import { PickleError } from '../errors/pickle-error.js';
import { getDictAttributes } from '../pickle/dict-attributes.js';
import { Op } from '../pickle/opcodes.js';
import { PickleOutput } from '../pickle/pickle-output.js';
import { type ScalarTypeName, scalarTypeOfDType } from '../pickle/storage-types.js';
import { PickleComplex, PickleDevice } from '../pickle/value-model.js';
import { getParameterFlag } from './parameter-flags.js';
import { isPlainDict } from './plain-dicts.js';

/** A storage the pickle refers to, to be written as `data/<key>`. */
export interface SavedStorage {
  readonly key: string;
  readonly storage: Storage;
  readonly dtype: DType;
  /** PyTorch's storage type: `Float` for torch.FloatStorage, `QInt8` for a qint8 tensor's. */
  readonly typeName: ScalarTypeName;
  /** Elements of `dtype` the storage holds (what the persistent id says). */
  readonly numel: number;
}

const quantizedStorageTypes: Readonly<Record<QuantizedDtype, ScalarTypeName>> = {
  qint8: 'QInt8',
  quint8: 'QUInt8',
  qint32: 'QInt32',
};

/** CPython's pickler writes list and dict items in batches of this many (pickle._BATCHSIZE). */
const BATCH = 1000;

type Task =
  | { readonly t: 'save'; readonly v: unknown; readonly asDict?: boolean }
  | { readonly t: 'op'; readonly op: number }
  | { readonly t: 'memo'; readonly key: unknown }
  | { readonly t: 'tupleEnd'; readonly tuple: readonly unknown[] }
  | { readonly t: 'str'; readonly s: string; readonly key: unknown }
  | { readonly t: 'global'; readonly module: string; readonly name: string }
  | { readonly t: 'int'; readonly v: number | bigint }
  | { readonly t: 'float'; readonly v: number }
  | { readonly t: 'tensorArgs'; readonly tensor: Tensor; readonly requiresGrad: boolean }
  | { readonly t: 'persistentId'; readonly tensor: Tensor };

const encoder = new TextEncoder();
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isTuple(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && Object.isFrozen(value);
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'symbol' || typeof value === 'function') return typeof value;
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'object';
  return typeof value;
}

/**
 * Writes the data.pkl of a `torch.save` file as PyTorch 1.13 does: CPython's C pickler at
 * protocol 2 with torch.save's `persistent_id`. Unlike PyTorch's C++ pickler (TorchScript archives),
 * every str, tuple, list, dict, global and reduced object is memoized (BINPUT) when first written,
 * and written again as BINGET; strings are BINUNICODE; lists and dicts are filled in batches of
 * 1000 with CPython's rules for exact lists and dicts versus OrderedDict's item iterator.
 *
 * JS values map to Python's: null → None, boolean → bool, integral number or bigint → int,
 * FloatScalar or other number → float, string → str, frozen array → tuple, array → list, plain
 * object → dict, Map → OrderedDict (a dict when marked with markPlainDict; its getDictAttributes
 * become the OrderedDict's `__dict__`, as a state dict's `_metadata`), Tensor → `_rebuild_tensor_v2`
 * (or `_rebuild_parameter` around it, see parameter-flags.ts; `_rebuild_qtensor` for a quantized
 * one), PickleDevice → torch.device,
 * PickleComplex → complex.
 *
 * Python memoizes by object identity, which JS strings lack: equal strings share one memo entry
 * (Python's interned literals behave so), except storage keys, which torch.save makes fresh.
 * Iterative, so deep values cannot overflow the JS stack.
 */
export class SavePickler extends PickleOutput {
  private readonly memo = new Map<unknown, number>();
  private readonly tuplesInProgress = new Set<object>();
  private readonly storageKeys = new Map<Storage, SavedStorage>();
  /** The storages the tensors use, in key order ('0', '1', ...). */
  readonly storages: SavedStorage[] = [];

  constructor() {
    super(1024);
  }

  dump(value: unknown): Uint8Array {
    if (this.length !== 0) throw new PickleError('a SavePickler writes one pickle; make a new one', 0);
    this.byte(Op.PROTO);
    this.byte(2);
    const tasks: Task[] = [{ t: 'save', v: value }];
    for (let task = tasks.pop(); task !== undefined; task = tasks.pop()) this.step(task, tasks);
    this.byte(Op.STOP);
    return this.written();
  }

  private memoize(key: unknown): void {
    const id = this.memo.size;
    this.memo.set(key, id);
    this.binPut(id);
  }

  /** Writes a GET and returns true when `key` is memoized. */
  private get(key: unknown): boolean {
    const id = this.memo.get(key);
    if (id === undefined) return false;
    this.binGet(id);
    return true;
  }

  // ---- CPython's save_* ----------------------------------------------------------------------

  private int(n: number | bigint): void {
    if (this.smallInt(n)) return;
    const encoded = encodeLong(BigInt(n));
    if (encoded.length < 256) {
      this.byte(Op.LONG1);
      this.byte(encoded.length);
    } else {
      this.byte(Op.LONG4);
      this.u32(encoded.length);
    }
    this.bytes(encoded);
  }

  private str(s: string, key: unknown): void {
    if (this.get(key)) return;
    if (loneSurrogate.test(s)) this.fail('a string with a lone surrogate cannot be written as UTF-8');
    const data = encoder.encode(s);
    this.byte(Op.BINUNICODE);
    this.u32(data.length);
    this.bytes(data);
    this.memoize(key);
  }

  private global(module: string, name: string): void {
    const key = `global:${module}\n${name}`;
    if (this.get(key)) return;
    this.byte(Op.GLOBAL);
    this.bytes(encoder.encode(`${module}\n${name}\n`));
    this.memoize(key);
  }

  private step(task: Task, tasks: Task[]): void {
    switch (task.t) {
      case 'op':
        this.byte(task.op);
        return;
      case 'memo':
        this.memoize(task.key);
        return;
      case 'str':
        this.str(task.s, task.key);
        return;
      case 'global':
        this.global(task.module, task.name);
        return;
      case 'int':
        this.int(task.v);
        return;
      case 'float':
        this.float(task.v);
        return;
      case 'tupleEnd': {
        this.tuplesInProgress.delete(task.tuple);
        const n = task.tuple.length;
        this.byte(n === 1 ? Op.TUPLE1 : n === 2 ? Op.TUPLE2 : n === 3 ? Op.TUPLE3 : Op.TUPLE);
        this.memoize(task.tuple);
        return;
      }
      case 'tensorArgs':
        this.tensorArgs(task.tensor, task.requiresGrad, tasks);
        return;
      case 'persistentId':
        this.persistentId(task.tensor, tasks);
        return;
      case 'save':
        this.save(task.v, task.asDict === true, tasks);
        return;
    }
  }

  /** Pushes tasks to run in the order given (the task list is a stack). */
  private later(tasks: Task[], ...next: Task[]): void {
    for (let i = next.length - 1; i >= 0; i--) tasks.push(next[i] as Task);
  }

  private save(v: unknown, asDict: boolean, tasks: Task[]): void {
    if (v === null) {
      this.byte(Op.NONE);
      return;
    }
    switch (typeof v) {
      case 'boolean': {
        this.byte(v ? Op.NEWTRUE : Op.NEWFALSE);
        return;
      }
      case 'number':
        if (Number.isInteger(v) && !Object.is(v, -0)) {
          if (!Number.isSafeInteger(v)) this.fail(`int ${v} is beyond 2^53: pass it as a bigint`);
          this.int(v);
          return;
        }
        {
          this.float(v);
          return;
        }
      case 'bigint': {
        this.int(v);
        return;
      }
      case 'string': {
        this.str(v, `str:${v}`);
        return;
      }
      case 'object':
        break;
      default: {
        this.fail(`cannot save a value of type ${describe(v)}`);
        return;
      }
    }
    const value = v as object;
    if (value instanceof FloatScalar) {
      this.float(value.value);
      return;
    }
    if (this.get(value)) return;
    if (value instanceof Tensor) {
      this.tensor(value, tasks);
      return;
    }
    if (Array.isArray(value)) {
      if (isTuple(value)) {
        this.tuple(value, tasks);
        return;
      }
      this.byte(Op.EMPTY_LIST);
      this.memoize(value);
      this.exactList(value, tasks);
      return;
    }
    if (value instanceof Map) {
      if (asDict || isPlainDict(value)) {
        this.byte(Op.EMPTY_DICT);
        this.memoize(value);
        this.exactDict([...value], tasks);
        return;
      }
      this.orderedDict(value, tasks);
      return;
    }
    if (value instanceof PickleDevice) {
      // torch.device's __reduce__: (device, (type,)) or (device, (type, index)), the type a fresh str.
      const [type, index] = value.name.split(':');
      const args: Task[] = [{ t: 'str', s: type as string, key: {} }];
      if (index !== undefined) args.push({ t: 'int', v: Number(index) });
      this.later(
        tasks,
        { t: 'global', module: 'torch', name: 'device' },
        ...args,
        { t: 'op', op: args.length === 1 ? Op.TUPLE1 : Op.TUPLE2 },
        { t: 'memo', key: {} },
        { t: 'op', op: Op.REDUCE },
        { t: 'memo', key: value },
      );
      return;
    }
    if (value instanceof PickleComplex) {
      // Protocol 2 spells builtins as Python 2 did (pickle's fix_imports).
      this.later(
        tasks,
        { t: 'global', module: '__builtin__', name: 'complex' },
        { t: 'save', v: Object.freeze([new FloatScalar(value.real), new FloatScalar(value.imag)]) },
        { t: 'op', op: Op.REDUCE },
        { t: 'memo', key: value },
      );
      return;
    }
    if (value instanceof Uint8Array) this.fail('bytes cannot be saved (torch.load would need _codecs.encode)');
    if (isPlainObject(value)) {
      this.byte(Op.EMPTY_DICT);
      this.memoize(value);
      this.exactDict(
        Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]]),
        tasks,
      );
      return;
    }
    this.fail(`cannot save a ${describe(value)}`);
  }

  private tuple(value: readonly unknown[], tasks: Task[]): void {
    const n = value.length;
    if (n === 0) {
      this.byte(Op.EMPTY_TUPLE);
      return;
    }
    if (this.tuplesInProgress.has(value)) this.fail('a tuple that contains itself cannot be saved');
    this.tuplesInProgress.add(value);
    const items: Task[] = value.map((item) => ({ t: 'save', v: item }));
    if (n <= 3) this.later(tasks, ...items, { t: 'tupleEnd', tuple: value });
    else this.later(tasks, { t: 'op', op: Op.MARK }, ...items, { t: 'tupleEnd', tuple: value });
  }

  /** batch_list_exact: one item is APPENDed; more go in MARK ... APPENDS batches of at most 1000. */
  private exactList(items: readonly unknown[], tasks: Task[]): void {
    if (items.length === 0) return;
    if (items.length === 1) {
      this.later(tasks, { t: 'save', v: items[0] }, { t: 'op', op: Op.APPEND });
      return;
    }
    const out: Task[] = [];
    for (let start = 0; start < items.length; start += BATCH) {
      out.push({ t: 'op', op: Op.MARK });
      for (const item of items.slice(start, start + BATCH)) out.push({ t: 'save', v: item });
      out.push({ t: 'op', op: Op.APPENDS });
    }
    this.later(tasks, ...out);
  }

  /**
   * batch_dict_exact: one item is SETITEM; otherwise MARK ... SETITEMS batches of 1000, and a
   * batch that ends full is followed by another (empty when nothing is left), as CPython does.
   */
  private exactDict(entries: readonly (readonly [unknown, unknown])[], tasks: Task[]): void {
    if (entries.length === 0) return;
    if (entries.length === 1) {
      const [k, v] = entries[0] as readonly [unknown, unknown];
      this.later(tasks, { t: 'save', v: k }, { t: 'save', v: v }, { t: 'op', op: Op.SETITEM });
      return;
    }
    const out: Task[] = [];
    let start = 0;
    let batch: number;
    do {
      const slice = entries.slice(start, start + BATCH);
      batch = slice.length;
      start += batch;
      out.push({ t: 'op', op: Op.MARK });
      for (const [k, v] of slice) out.push({ t: 'save', v: k }, { t: 'save', v: v });
      out.push({ t: 'op', op: Op.SETITEMS });
    } while (batch === BATCH);
    this.later(tasks, ...out);
  }

  /**
   * `OrderedDict.__reduce__` through save_reduce: the class, (), REDUCE, memo, then the items from
   * an iterator (batch_dict: SETITEM for a lone item in a batch, MARK ... SETITEMS otherwise), then
   * the instance `__dict__` (a state dict's `_metadata`) and BUILD when it is not empty.
   */
  private orderedDict(map: Map<unknown, unknown>, tasks: Task[]): void {
    const out: Task[] = [
      { t: 'global', module: 'collections', name: 'OrderedDict' },
      { t: 'op', op: Op.EMPTY_TUPLE },
      { t: 'op', op: Op.REDUCE },
      { t: 'memo', key: map },
    ];
    const entries = [...map];
    for (let start = 0; ; start += BATCH) {
      const slice = entries.slice(start, start + BATCH);
      if (slice.length > 1) out.push({ t: 'op', op: Op.MARK });
      for (const [k, v] of slice) out.push({ t: 'save', v: k }, { t: 'save', v: v });
      if (slice.length > 1) out.push({ t: 'op', op: Op.SETITEMS });
      else if (slice.length === 1) out.push({ t: 'op', op: Op.SETITEM });
      if (slice.length < BATCH) break;
    }
    const attributes = getDictAttributes(map);
    if (attributes !== undefined && attributes.size > 0) {
      out.push({ t: 'save', v: attributes, asDict: true }, { t: 'op', op: Op.BUILD });
    }
    this.later(tasks, ...out);
  }

  // ---- tensors -------------------------------------------------------------------------------

  /**
   * `Tensor.__reduce_ex__`: `_rebuild_tensor_v2(storage, offset, size, stride, requires_grad,
   * OrderedDict())`; a Parameter is `_rebuild_parameter(data, requires_grad, OrderedDict())`
   * around a fresh `.data` tensor (which does not require grad).
   */
  private tensor(t: Tensor, tasks: Task[]): void {
    if (t.quantizer !== null) {
      this.later(
        tasks,
        { t: 'global', module: 'torch._utils', name: '_rebuild_qtensor' },
        { t: 'tensorArgs', tensor: t, requiresGrad: t.requiresGrad },
        { t: 'op', op: Op.REDUCE },
        { t: 'memo', key: t },
      );
      return;
    }
    const parameter = getParameterFlag(t) ?? t.requiresGrad;
    if (!parameter) {
      this.later(
        tasks,
        { t: 'global', module: 'torch._utils', name: '_rebuild_tensor_v2' },
        { t: 'tensorArgs', tensor: t, requiresGrad: t.requiresGrad },
        { t: 'op', op: Op.REDUCE },
        { t: 'memo', key: t },
      );
      return;
    }
    const args = {};
    const data = {};
    this.later(
      tasks,
      { t: 'global', module: 'torch._utils', name: '_rebuild_parameter' },
      { t: 'global', module: 'torch._utils', name: '_rebuild_tensor_v2' },
      { t: 'tensorArgs', tensor: t, requiresGrad: false },
      { t: 'op', op: Op.REDUCE },
      { t: 'memo', key: data },
      { t: 'op', op: t.requiresGrad ? Op.NEWTRUE : Op.NEWFALSE },
      ...this.emptyOrderedDict(),
      { t: 'op', op: Op.TUPLE3 },
      { t: 'memo', key: args },
      { t: 'op', op: Op.REDUCE },
      { t: 'memo', key: t },
    );
  }

  /**
   * A quantized tensor's quantizer_params as 1.13's `_reduce_ex_internal` builds them: (qscheme,
   * scale, zero_point), or (qscheme, scales, zero_points, axis) with fresh float64 / int64 tensors
   * (`q_per_channel_scales()` / `q_per_channel_zero_points()`), which get storages of their own.
   */
  private quantizerParams(q: Quantizer): Task[] {
    if (q.qscheme === 'per_tensor_affine') {
      return [
        { t: 'global', module: 'torch', name: 'per_tensor_affine' },
        { t: 'float', v: q.scale },
        { t: 'int', v: q.zeroPoint },
        { t: 'op', op: Op.TUPLE3 },
        { t: 'memo', key: {} },
      ];
    }
    const scales = Tensor.empty([q.scales.length], 'float64');
    new Float64Array(scales.storage.bytes.buffer, scales.storage.bytes.byteOffset, q.scales.length).set(q.scales);
    const zeroPoints = Tensor.empty([q.zeroPoints.length], 'int64');
    new BigInt64Array(zeroPoints.storage.bytes.buffer, zeroPoints.storage.bytes.byteOffset, q.zeroPoints.length).set(
      q.zeroPoints.map((z) => BigInt(z)),
    );
    return [
      { t: 'op', op: Op.MARK },
      { t: 'global', module: 'torch', name: 'per_channel_affine' },
      { t: 'save', v: scales },
      { t: 'save', v: zeroPoints },
      { t: 'int', v: q.axis },
      { t: 'op', op: Op.TUPLE },
      { t: 'memo', key: {} },
    ];
  }

  private emptyOrderedDict(): Task[] {
    return [
      { t: 'global', module: 'collections', name: 'OrderedDict' },
      { t: 'op', op: Op.EMPTY_TUPLE },
      { t: 'op', op: Op.REDUCE },
      { t: 'memo', key: {} },
    ];
  }

  private intTuple(values: readonly number[]): Task[] {
    if (values.length === 0) return [{ t: 'op', op: Op.EMPTY_TUPLE }];
    const ints: Task[] = values.map((v) => ({ t: 'int', v }));
    const n = values.length;
    if (n <= 3)
      return [...ints, { t: 'op', op: n === 1 ? Op.TUPLE1 : n === 2 ? Op.TUPLE2 : Op.TUPLE3 }, { t: 'memo', key: {} }];
    return [{ t: 'op', op: Op.MARK }, ...ints, { t: 'op', op: Op.TUPLE }, { t: 'memo', key: {} }];
  }

  private tensorArgs(t: Tensor, requiresGrad: boolean, tasks: Task[]): void {
    this.later(
      tasks,
      { t: 'op', op: Op.MARK },
      { t: 'persistentId', tensor: t },
      { t: 'int', v: t.offset },
      ...this.intTuple(t.sizes),
      ...this.intTuple(t.strides),
      ...(t.quantizer === null ? [] : this.quantizerParams(t.quantizer)),
      { t: 'op', op: requiresGrad ? Op.NEWTRUE : Op.NEWFALSE },
      ...this.emptyOrderedDict(),
      { t: 'op', op: Op.TUPLE },
      { t: 'memo', key: {} },
    );
  }

  /** torch.save's persistent_id: ('storage', torch.<T>Storage, key, 'cpu', numel), keys by first use. */
  private persistentId(t: Tensor, tasks: Task[]): void {
    const typeName = t.quantizer === null ? scalarTypeOfDType(t.dtype) : quantizedStorageTypes[t.quantizer.dtype];
    let saved = this.storageKeys.get(t.storage);
    if (saved === undefined) {
      const size = itemSize[t.dtype];
      saved = {
        key: String(this.storageKeys.size),
        storage: t.storage,
        dtype: t.dtype,
        typeName,
        numel: Math.floor(t.storage.bytes.byteLength / size),
      };
      this.storageKeys.set(t.storage, saved);
      this.storages.push(saved);
    } else if (saved.typeName !== typeName) {
      this.fail('Cannot save multiple tensors or storages that view the same data as different types');
    }
    this.later(
      tasks,
      { t: 'op', op: Op.MARK },
      { t: 'str', s: 'storage', key: 'str:storage' },
      { t: 'global', module: 'torch', name: `${typeName}Storage` },
      { t: 'str', s: saved.key, key: `storage-key:${saved.key}` },
      { t: 'str', s: 'cpu', key: 'str:cpu' },
      { t: 'int', v: saved.numel },
      { t: 'op', op: Op.TUPLE },
      { t: 'memo', key: {} },
      { t: 'op', op: Op.BINPERSID },
    );
  }
}

/** pickle.encode_long: the shortest little-endian two's complement bytes of `x` (x != 0). */
function encodeLong(x: bigint): Uint8Array {
  const magnitude = x < 0n ? -x : x;
  const bitLength = magnitude.toString(2).length;
  let n = (bitLength >> 3) + 1;
  const mod = 1n << BigInt(8 * n);
  const twos = x < 0n ? mod + x : x;
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Number((twos >> BigInt(8 * i)) & 0xffn));
  if (x < 0n && n > 1 && out[n - 1] === 0xff && ((out[n - 2] as number) & 0x80) !== 0) {
    out.pop();
    n--;
  }
  return Uint8Array.from(out);
}
