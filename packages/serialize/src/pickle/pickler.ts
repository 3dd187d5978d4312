import { FloatScalar } from '@tsjit/ops';
import { PickleError } from '../errors/pickle-error.js';
import { getMemoHint } from './memo-hints.js';
import { Op } from './opcodes.js';
import { PickleOutput } from './pickle-output.js';
import { type ScalarTypeName, storageScalarTypes } from './storage-types.js';
import { getTypeTag } from './type-tags.js';
import {
  PickleComplex,
  PickleDevice,
  PickleEnum,
  PickleObject,
  PickleStorageRef,
  PickleTensorRef,
} from './value-model.js';

/** Where a value is written: PyTorch memoizes by C++ reference count, which depends on it. */
export type PickleContext = 'root' | 'attribute' | 'state' | 'element';

export interface PicklerOptions {
  /**
   * Turns a caller's tensor into PyTorch's literal-tensor description; return undefined for values
   * that are not tensors. PickleTensorRef values need no callback.
   */
  describeTensor?: (value: object) => PickleTensorRef | undefined;
  /**
   * Describes a caller's object (an archive class instance) as a PickleObject; return undefined for
   * values that are not objects.
   */
  describeObject?: (value: object) => PickleObject | PickleEnum | undefined;
  /**
   * Describes a caller's storage (what a PickleTensorRef's `storage` holds when it is not a
   * PickleStorageRef); storages are memoized by identity, as PyTorch memoizes by StorageImpl.
   */
  describeStorage?: (storage: object) => { scalarType: ScalarTypeName; numel: number; location: string } | undefined;
  /** The storage key written in the persistent id; PyTorch writes the storage's index ('0', '1', ...). */
  storageKey?: (index: number, storage: object) => string;
  /**
   * Whether to write BINPUT after a container, object or tensor that is written once and has no
   * memo hint (values reached twice or more are always memoized). PyTorch's rule is "the C++ value
   * is referenced elsewhere too", which a value graph cannot show; the default memoizes the root
   * object, objects and tensors held by attributes, `__getstate__` results, and tensors inside
   * containers, which reproduces every pickle of the conformance archives.
   */
  shouldMemoize?: (value: object, context: PickleContext, references: number) => boolean;
}

/** Specialized list globals of `torch.jit._pickle`, by element type tag. */
const specializedLists: ReadonlyMap<string, string> = new Map([
  ['List[int]', 'build_intlist'],
  ['List[float]', 'build_doublelist'],
  ['List[bool]', 'build_boollist'],
  ['List[Tensor]', 'build_tensorlist'],
]);

type Task =
  | { readonly kind: 'value'; readonly value: unknown; readonly context: PickleContext }
  | { readonly kind: 'op'; readonly op: number }
  | { readonly kind: 'int'; readonly value: number | bigint }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'global'; readonly module: string; readonly name: string }
  | { readonly kind: 'tensor'; readonly tensor: PickleTensorRef }
  | { readonly kind: 'done'; readonly value: object; readonly memoize: boolean };

const encoder = new TextEncoder();

function isTuple(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && Object.isFrozen(value);
}

function isIntNumber(value: number): boolean {
  return Number.isInteger(value) && !Object.is(value, -0);
}

/** A device as the interpreter holds it (the IR's DeviceValue shape, e.g. @tsjit/ops' PyDevice). */
function isDeviceValue(value: unknown): value is { kind: 'device'; device: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'device' &&
    typeof (value as { device?: unknown }).device === 'string'
  );
}

const int64Min = -(1n << 63n);
const int64Max = (1n << 63n) - 1n;

/**
 * Writes pickle protocol 2 exactly as PyTorch's C++ Pickler does for TorchScript archives
 * (data.pkl, constants.pkl): the same opcodes, the same memoization of strings, globals, devices,
 * storages and shared values, GLOBAL spelling and integer widths, so that an archive read and
 * written again is byte-identical and PyTorch loads what it writes. Iterative: deep values cannot
 * overflow the JS stack; cyclic values are rejected.
 *
 * The storages the tensors refer to are collected in `storages`, in key order, for the caller to
 * write as `data/<key>` records.
 */
export class Pickler extends PickleOutput {
  private memoId = 0;
  private readonly strings = new Map<string, number>();
  private readonly globals = new Map<string, number>();
  private readonly devices = new Map<string, number>();
  private readonly storageMemo = new Map<object, number>();
  private readonly valueMemo = new Map<object, number>();
  private readonly inProgress = new Set<object>();
  private references = new Map<object, number>();
  /** The storages written (as the tensors gave them), in the order of their keys. */
  readonly storages: object[] = [];

  constructor(private readonly options: PicklerOptions = {}) {
    super(256);
  }

  /** The pickle of `value` (PROTO 2 ... STOP). A Pickler writes one pickle. */
  dump(value: unknown): Uint8Array {
    if (this.length !== 0) throw new PickleError('a Pickler writes one pickle; make a new one', 0);
    this.references = this.countReferences(value);
    this.op(Op.PROTO);
    this.byte(2);
    this.run(value);
    this.op(Op.STOP);
    return this.written();
  }

  // ---- PyTorch's primitives ------------------------------------------------------------------

  private nextBinPut(): number {
    const id = this.memoId++;
    this.binPut(id);
    return id;
  }

  private op(code: number): void {
    this.byte(code);
  }

  private int(n: number | bigint): void {
    if (this.smallInt(n)) return;
    const big = BigInt(n);
    if (big < int64Min || big > int64Max) this.fail(`int ${big} does not fit in 64 bits`);
    this.op(Op.LONG1);
    this.byte(8);
    this.reserve(8);
    new DataView(this.out.buffer).setBigInt64(this.length, big, true);
    this.length += 8;
  }

  private string(s: string): void {
    const id = this.strings.get(s);
    if (id !== undefined) {
      this.binGet(id);
      return;
    }
    const data = encoder.encode(s);
    if (data.length > 0xffffffff) this.fail('string longer than 4 GiB');
    this.op(Op.BINUNICODE);
    this.u32(data.length);
    this.bytes(data);
    this.strings.set(s, this.nextBinPut());
  }

  private global(module: string, name: string): void {
    const key = `${module}\n${name}\n`;
    const id = this.globals.get(key);
    if (id !== undefined) {
      this.binGet(id);
      return;
    }
    this.op(Op.GLOBAL);
    this.bytes(encoder.encode(key));
    this.globals.set(key, this.nextBinPut());
  }

  // ---- the walk ------------------------------------------------------------------------------

  /** How often each container/object is reached, to memoize shared values (iterative). */
  private countReferences(root: unknown): Map<object, number> {
    const counts = new Map<object, number>();
    const todo: unknown[] = [root];
    while (todo.length > 0) {
      const value = todo.pop();
      if (typeof value !== 'object' || value === null || value instanceof FloatScalar) continue;
      const seen = counts.get(value);
      counts.set(value, (seen ?? 0) + 1);
      if (seen !== undefined) continue;
      for (const child of this.children(value)) todo.push(child);
    }
    return counts;
  }

  private children(value: object): unknown[] {
    if (Array.isArray(value)) return value;
    if (value instanceof Map) return [...value.keys(), ...value.values()];
    const object =
      value instanceof PickleObject || value instanceof PickleEnum ? value : this.options.describeObject?.(value);
    if (object instanceof PickleObject) return [object.state];
    if (object instanceof PickleEnum) return [object.value];
    const tensor = value instanceof PickleTensorRef ? value : this.options.describeTensor?.(value);
    if (tensor !== undefined) {
      const q = tensor.quantization;
      return q !== undefined && 'scales' in q ? [q.scales, q.zeroPoints] : [];
    }
    return [];
  }

  private shouldMemoize(value: object, context: PickleContext, isObject: boolean, isTensor: boolean): boolean {
    const references = this.references.get(value) ?? 1;
    if (references > 1) return true;
    const hint = getMemoHint(value);
    if (hint !== undefined) return hint;
    if (this.options.shouldMemoize !== undefined) return this.options.shouldMemoize(value, context, references);
    // What PyTorch's reference counts come to for archives saved from Python: modules and
    // parameters are also held by their Python wrappers, `__getstate__` results by the call,
    // while list elements and fresh containers are held only by their container.
    switch (context) {
      case 'root':
        return isObject;
      case 'attribute':
        return isObject || isTensor;
      case 'state':
        return true;
      case 'element':
        return isTensor;
    }
  }

  private run(root: unknown): void {
    const tasks: Task[] = [{ kind: 'value', value: root, context: 'root' }];
    // Tasks are pushed in reverse so that they run in writing order.
    const later = (...items: Task[]) => {
      for (let i = items.length - 1; i >= 0; i--) tasks.push(items[i] as Task);
    };
    while (tasks.length > 0) {
      const task = tasks.pop() as Task;
      switch (task.kind) {
        case 'op':
          this.op(task.op);
          break;
        case 'int':
          this.int(task.value);
          break;
        case 'float':
          this.float(task.value);
          break;
        case 'string':
          this.string(task.value);
          break;
        case 'global':
          this.global(task.module, task.name);
          break;
        case 'tensor':
          later(...this.tensorTasks(task.tensor));
          break;
        case 'done':
          this.inProgress.delete(task.value);
          if (task.memoize) this.valueMemo.set(task.value, this.nextBinPut());
          break;
        case 'value':
          this.value(task.value, task.context, later);
          break;
      }
    }
  }

  /** Scalars, strings and devices: written at once, memoized by value where PyTorch does. */
  private scalar(value: unknown): boolean {
    if (value === null || value === undefined) this.op(Op.NONE);
    else if (typeof value === 'boolean') this.op(value ? Op.NEWTRUE : Op.NEWFALSE);
    else if (typeof value === 'number') isIntNumber(value) ? this.int(value) : this.float(value);
    else if (typeof value === 'bigint') this.int(value);
    else if (typeof value === 'string') this.string(value);
    else if (value instanceof FloatScalar) this.float(value.value);
    else if (value instanceof PickleDevice) this.device(value.name);
    else if (isDeviceValue(value)) this.device(value.device);
    else if (typeof value !== 'object') this.fail(`cannot pickle a ${typeof value}`);
    else return false;
    return true;
  }

  private value(input: unknown, context: PickleContext, later: (...items: Task[]) => void): void {
    if (this.scalar(input)) return;
    const value = input as object;
    const memoId = this.valueMemo.get(value);
    if (memoId !== undefined) {
      this.binGet(memoId);
      return;
    }
    if (this.inProgress.has(value)) this.fail('cannot pickle a value that contains itself');

    const v = (x: unknown, c: PickleContext = 'element'): Task => ({ kind: 'value', value: x, context: c });
    const op = (code: number): Task => ({ kind: 'op', op: code });
    const global = (module: string, name: string): Task => ({ kind: 'global', module, name });
    let body: Task[];
    let isObject = false;
    let isTensor = false;

    if (value instanceof PickleComplex) {
      body = [
        global('builtins', 'complex'),
        { kind: 'float', value: value.real },
        { kind: 'float', value: value.imag },
        op(Op.TUPLE2),
        op(Op.REDUCE),
      ];
    } else if (isTuple(value)) {
      const items = value.map((x) => v(x));
      body =
        items.length === 0
          ? [op(Op.EMPTY_TUPLE)]
          : items.length <= 3
            ? [...items, op(Op.TUPLE1 + items.length - 1)]
            : [op(Op.MARK), ...items, op(Op.TUPLE)];
    } else if (Array.isArray(value)) {
      body = this.listTasks(value, v);
    } else if (value instanceof Map) {
      const tag = getTypeTag(value);
      if (tag === undefined) this.fail('a dict needs a TorchScript type tag (setTypeTag(dict, "Dict[str, int]"))');
      const items: Task[] = [];
      for (const [k, x] of value) items.push(v(k), v(x));
      body = [
        global('torch.jit._pickle', 'restore_type_tag'),
        op(Op.EMPTY_DICT),
        op(Op.MARK),
        ...items,
        op(Op.SETITEMS),
        { kind: 'string', value: tag },
        op(Op.TUPLE2),
        op(Op.REDUCE),
      ];
    } else {
      const tensor = value instanceof PickleTensorRef ? value : this.options.describeTensor?.(value);
      const object =
        tensor === undefined
          ? value instanceof PickleObject || value instanceof PickleEnum
            ? value
            : this.options.describeObject?.(value)
          : undefined;
      if (tensor !== undefined) {
        body = [{ kind: 'tensor', tensor }];
        isTensor = true;
      } else if (object instanceof PickleObject) {
        body = this.objectTasks(object, v);
        isObject = true;
      } else if (object instanceof PickleEnum) {
        body = [];
        this.globalOfTask(object.className, body);
        body.push(v(object.value), op(Op.REDUCE));
      } else if (value instanceof Uint8Array) {
        this.fail("bytes cannot be written: PyTorch's TorchScript pickler has no bytes type");
      } else if (value instanceof Set) {
        this.fail("a set cannot be written: PyTorch's TorchScript pickler has no set type");
      } else {
        this.fail(`cannot pickle a ${value.constructor?.name ?? 'object'}`);
      }
    }
    this.inProgress.add(value);
    const memoize = this.shouldMemoize(value, context, isObject, isTensor);
    later(...body, { kind: 'done', value, memoize });
  }

  private globalOfTask(qualifiedName: string, body: Task[]): void {
    const dot = qualifiedName.lastIndexOf('.');
    if (dot <= 0 || dot === qualifiedName.length - 1) this.fail(`class name '${qualifiedName}' has no module`);
    body.push({ kind: 'global', module: qualifiedName.slice(0, dot), name: qualifiedName.slice(dot + 1) });
  }

  private listTasks(list: readonly unknown[], v: (x: unknown, c?: PickleContext) => Task): Task[] {
    const tag = getTypeTag(list) ?? this.inferListTag(list);
    const special = specializedLists.get(tag);
    const op = (code: number): Task => ({ kind: 'op', op: code });
    if (special === undefined) {
      return [
        { kind: 'global', module: 'torch.jit._pickle', name: 'restore_type_tag' },
        op(Op.EMPTY_LIST),
        op(Op.MARK),
        ...list.map((x) => v(x)),
        op(Op.APPENDS),
        { kind: 'string', value: tag },
        op(Op.TUPLE2),
        op(Op.REDUCE),
      ];
    }
    let items: Task[];
    if (tag === 'List[int]') {
      items = list.map((x) => {
        if (!((typeof x === 'number' && isIntNumber(x)) || typeof x === 'bigint'))
          this.fail(`List[int] holds a non-int element`);
        return { kind: 'int', value: x } as Task;
      });
    } else if (tag === 'List[float]') {
      items = list.map((x) => {
        if (!(typeof x === 'number' || x instanceof FloatScalar)) this.fail('List[float] holds a non-float element');
        return { kind: 'float', value: x instanceof FloatScalar ? x.value : x } as Task;
      });
    } else if (tag === 'List[bool]') {
      items = list.map((x) => {
        if (typeof x !== 'boolean') this.fail('List[bool] holds a non-bool element');
        return op(x ? Op.NEWTRUE : Op.NEWFALSE);
      });
    } else {
      items = list.map((x) => v(x));
    }
    return [
      { kind: 'global', module: 'torch.jit._pickle', name: special },
      op(Op.MARK),
      op(Op.EMPTY_LIST),
      op(Op.MARK),
      ...items,
      op(Op.APPENDS),
      op(Op.TUPLE),
      op(Op.REDUCE),
    ];
  }

  /** A list without a recorded type: the element type when it is plain to see. */
  private inferListTag(list: readonly unknown[]): string {
    const isTensor = (x: unknown) =>
      x instanceof PickleTensorRef ||
      (typeof x === 'object' && x !== null && this.options.describeTensor?.(x) !== undefined);
    const all = (test: (x: unknown) => boolean) => list.length > 0 && list.every(test);
    if (all((x) => (typeof x === 'number' && isIntNumber(x)) || typeof x === 'bigint')) return 'List[int]';
    if (all((x) => typeof x === 'boolean')) return 'List[bool]';
    if (all((x) => x instanceof FloatScalar || (typeof x === 'number' && !isIntNumber(x)))) return 'List[float]';
    if (all((x) => typeof x === 'string')) return 'List[str]';
    if (all(isTensor)) return 'List[Tensor]';
    return this.fail(
      'a list needs a TorchScript type tag (setTypeTag(list, "List[...]")) when its element type is not plain',
    );
  }

  private objectTasks(object: PickleObject, v: (x: unknown, c?: PickleContext) => Task): Task[] {
    const body: Task[] = [];
    this.globalOfTask(object.className, body);
    body.push({ kind: 'op', op: Op.EMPTY_TUPLE }, { kind: 'op', op: Op.NEWOBJ });
    const state = object.state;
    if (state instanceof Map && getTypeTag(state) === undefined) {
      // Classes without __getstate__: the attribute dict, written inline and never memoized.
      body.push({ kind: 'op', op: Op.EMPTY_DICT }, { kind: 'op', op: Op.MARK });
      for (const [name, slot] of state) {
        if (typeof name !== 'string') this.fail(`attribute names of '${object.className}' must be str`);
        body.push({ kind: 'string', value: name }, v(slot, 'attribute'));
      }
      body.push({ kind: 'op', op: Op.SETITEMS });
    } else {
      body.push(v(state, 'state'));
    }
    body.push({ kind: 'op', op: Op.BUILD });
    return body;
  }

  private device(name: string): void {
    const id = this.devices.get(name);
    if (id !== undefined) {
      this.binGet(id);
      return;
    }
    this.global('torch', 'device');
    this.string(name);
    this.op(Op.TUPLE1);
    this.op(Op.REDUCE);
    this.devices.set(name, this.nextBinPut());
  }

  /** PyTorch's literal tensor: `_rebuild_tensor_v2(storage, offset, sizes, strides, requires_grad, OrderedDict())`. */
  private tensorTasks(tensor: PickleTensorRef): Task[] {
    const q = tensor.quantization;
    const op = (code: number): Task => ({ kind: 'op', op: code });
    const ints = (xs: readonly number[]): Task[] => [
      op(Op.MARK),
      ...xs.map((x) => ({ kind: 'int', value: x }) as Task),
      op(Op.TUPLE),
    ];
    // The global, MARK and storage hold no nested values: write them now, queue the rest.
    this.global('torch._utils', q === undefined ? '_rebuild_tensor_v2' : '_rebuild_qtensor');
    this.op(Op.MARK);
    this.storage(tensor.storage);
    const tasks: Task[] = [];
    tasks.push({ kind: 'int', value: tensor.storageOffset }, ...ints(tensor.sizes), ...ints(tensor.strides));
    if (q !== undefined) {
      tasks.push(op(Op.MARK), { kind: 'global', module: 'torch', name: q.qscheme });
      if ('scale' in q) tasks.push({ kind: 'float', value: q.scale }, { kind: 'int', value: q.zeroPoint });
      else tasks.push(...this.rawTensor(q.scales), ...this.rawTensor(q.zeroPoints), { kind: 'int', value: q.axis });
      tasks.push(op(Op.TUPLE));
    }
    tasks.push(
      op(tensor.requiresGrad ? Op.NEWTRUE : Op.NEWFALSE),
      { kind: 'global', module: 'collections', name: 'OrderedDict' },
      op(Op.EMPTY_TUPLE),
      op(Op.REDUCE),
      op(Op.TUPLE),
      op(Op.REDUCE),
    );
    return tasks;
  }

  /** Per-channel quantizer tensors: written without memoization (PyTorch's pushTensor). */
  private rawTensor(value: unknown): Task[] {
    const tensor =
      value instanceof PickleTensorRef
        ? value
        : typeof value === 'object' && value !== null
          ? this.options.describeTensor?.(value)
          : undefined;
    if (tensor === undefined) this.fail('quantizer scales and zero points must be tensors');
    return [{ kind: 'tensor', tensor }];
  }

  private storage(storage: unknown): void {
    if (typeof storage !== 'object' || storage === null) this.fail('a tensor needs a storage object');
    const info = storage instanceof PickleStorageRef ? storage : this.options.describeStorage?.(storage);
    if (info === undefined) this.fail('a tensor needs a PickleStorageRef storage (or describeStorage)');
    const id = this.storageMemo.get(storage);
    if (id !== undefined) {
      this.binGet(id);
      return;
    }
    const index = this.storages.length;
    const key = this.options.storageKey?.(index, storage) ?? String(index);
    if (!storageScalarTypes.has(info.scalarType)) this.fail(`unknown storage scalar type '${info.scalarType}'`);
    if (!Number.isSafeInteger(info.numel) || info.numel < 0)
      this.fail(`storage element count ${info.numel} is not a count`);
    this.op(Op.MARK);
    this.string('storage');
    this.global('torch', `${info.scalarType}Storage`);
    this.string(key);
    this.string(info.location);
    this.int(info.numel);
    this.op(Op.TUPLE);
    this.op(Op.BINPERSID);
    this.storageMemo.set(storage, this.nextBinPut());
    this.storages.push(storage);
  }
}
