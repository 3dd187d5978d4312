import { FloatScalar } from '@tsjit/ops';
import { PickleError } from '../errors/pickle-error.js';
import { markOrderedDict, setDictAttributes } from './dict-attributes.js';
import { getMemoHint, setMemoHint } from './memo-hints.js';
import { Op, opName } from './opcodes.js';
import { qschemeNames, type ScalarTypeName, storageScalarTypes } from './storage-types.js';
import { setTypeTag } from './type-tags.js';
import {
  PickleComplex,
  PickleDevice,
  PickleEnum,
  PickleGlobal,
  PickleObject,
  PickleQScheme,
  type PickleQuantization,
  PickleStorageRef,
  PickleTensorRef,
} from './value-model.js';

/** Limits on what one pickle may make the unpickler allocate; exceeding one is a PickleError. */
export interface UnpickleBudget {
  /** Values pushed and container elements added, in total. */
  maxItems: number;
  /** Memo entries (BINPUT/MEMOIZE targets). */
  maxMemo: number;
  /** Open MARKs, and the nesting depth of containers as they are built. */
  maxDepth: number;
  /** Bytes of one string, bytes object or text line. */
  maxStringBytes: number;
  /** Bytes of one LONG1/LONG4 integer (decimal digits for the text forms). */
  maxIntBytes: number;
  /** Dimensions of one tensor. */
  maxDims: number;
}

export const defaultUnpickleBudget: Readonly<UnpickleBudget> = Object.freeze({
  maxItems: 50_000_000,
  maxMemo: 10_000_000,
  maxDepth: 1000,
  maxStringBytes: 1 << 30,
  maxIntBytes: 4300,
  maxDims: 64,
});

/** What an archive class resolves to: how to make an instance and give it its state. */
export interface ClassHandle {
  /** NEWOBJ: a fresh, stateless instance. */
  create(): unknown;
  /** BUILD: the state (an attribute dict, or what `__getstate__` returned). */
  setState(instance: unknown, state: unknown): void;
  /** REDUCE on the class itself: a TorchScript enum from its value. */
  fromValue?(value: unknown): unknown;
}

export interface UnpickleOptions {
  budget?: Partial<UnpickleBudget>;
  /** Resolves `__torch__.*` classes by qualified name; undefined means the class is not known. */
  resolveClass?: (qualifiedName: string) => ClassHandle | undefined;
  /** Replaces PyTorch's persistent-id handling entirely (receives the raw pid). */
  persistentLoad?: (pid: unknown) => unknown;
  /** Called once per storage key from a validated ('storage', type, key, location, numel) pid. */
  loadStorage?: (key: string, scalarType: ScalarTypeName, numel: number, location: string) => unknown;
  /** Builds a tensor; arguments are validated (and the view checked against the storage's numel). */
  rebuildTensor?: (
    storage: unknown,
    storageOffset: number,
    sizes: readonly number[],
    strides: readonly number[],
    requiresGrad: boolean,
    quantization: PickleQuantization | undefined,
  ) => unknown;
  /** `torch._utils._rebuild_parameter(tensor, requires_grad, hooks)` (torch.save files). */
  rebuildParameter?: (tensor: unknown, requiresGrad: boolean) => unknown;
}

type CallableKind =
  | 'rebuildTensor'
  | 'rebuildQTensor'
  | 'rebuildParameter'
  | 'orderedDict'
  | 'device'
  | 'complex'
  | 'intList'
  | 'doubleList'
  | 'boolList'
  | 'tensorList'
  | 'restoreTypeTag'
  | 'class';

/** A resolved global that REDUCE/NEWOBJ may call. Never leaves the unpickler. */
class Callable {
  constructor(
    readonly name: string,
    readonly kind: CallableKind,
    readonly handle: ClassHandle | undefined = undefined,
  ) {}
}

const listTags: Partial<Record<CallableKind, string>> = {
  intList: 'List[int]',
  doubleList: 'List[float]',
  boolList: 'List[bool]',
  tensorList: 'List[Tensor]',
};

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');
/** Carries an error thrown by a caller's callback out of the machine, unchanged. */
class CallbackFailure {
  constructor(readonly inner: unknown) {}
}

/** A class handle that keeps instances as plain PickleObjects. */
function defaultClassHandle(qualifiedName: string): ClassHandle {
  return {
    create: () => new PickleObject(qualifiedName),
    setState: (instance, state) => {
      (instance as PickleObject).state = state;
    },
    fromValue: (value) => new PickleEnum(qualifiedName, value),
  };
}

function isTuple(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && Object.isFrozen(value);
}

function isList(value: unknown): value is unknown[] {
  return Array.isArray(value) && !Object.isFrozen(value);
}

function isInt(value: unknown): value is number | bigint {
  return (typeof value === 'number' && Number.isInteger(value) && !Object.is(value, -0)) || typeof value === 'bigint';
}

function isFloat(value: unknown): boolean {
  return value instanceof FloatScalar || (typeof value === 'number' && !isInt(value));
}

function floatValue(value: unknown): number {
  return value instanceof FloatScalar ? value.value : (value as number);
}

/** Python's int → JS: a number when exact, else a bigint. */
function normalizeInt(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** Python's float → JS: integral floats are boxed so that they stay floats. */
function boxFloat(value: number): number | FloatScalar {
  return Number.isInteger(value) ? new FloatScalar(value) : value;
}

function describe(value: unknown): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return 'bool';
  if (isInt(value)) return 'int';
  if (isFloat(value)) return 'float';
  if (typeof value === 'string') return 'str';
  if (value instanceof Uint8Array) return 'bytes';
  if (isTuple(value)) return 'tuple';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Map) return 'dict';
  if (value instanceof Set) return 'set';
  if (value instanceof Callable) return `global '${value.name}'`;
  if (value instanceof PickleObject) return `'${value.className}' object`;
  if (value instanceof PickleGlobal) return `global '${value.qualifiedName}'`;
  if (typeof value === 'object' && value.constructor !== undefined) return value.constructor.name;
  return typeof value;
}

/**
 * Reads a pickle (protocols 0 to 5, as PyTorch and CPython write them) without running anything:
 * globals resolve only to PyTorch's TorchScript allowlist and to `__torch__` classes through
 * `resolveClass`; every length is checked against the bytes left and the budget before use; the
 * machine is a loop over an explicit stack, so hostile nesting cannot overflow the JS stack.
 */
export function unpickle(bytes: Uint8Array, options: UnpickleOptions = {}): unknown {
  return new Unpickler(bytes, options).run();
}

class Unpickler {
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly budget: UnpickleBudget;
  private pos = 0;
  private opPos = 0;
  private items = 0;
  private readonly stack: unknown[] = [];
  private readonly marks: number[] = [];
  private readonly memo = new Map<number, unknown>();
  private readonly depthOf = new Map<object, number>();
  private readonly handles = new Map<unknown, ClassHandle>();
  private readonly classCache = new Map<string, ClassHandle>();
  private readonly storages = new Map<string, { storage: unknown; scalarType: string; numel: number }>();
  private readonly storageNumel = new Map<unknown, number>();
  private readonly orderedDicts = new WeakSet<object>();

  constructor(
    bytes: Uint8Array,
    private readonly options: UnpickleOptions,
  ) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.budget = { ...defaultUnpickleBudget, ...options.budget };
  }

  run(): unknown {
    try {
      return this.loop();
    } catch (error) {
      if (PickleError.isInstance(error)) throw error;
      // Errors from the caller's callbacks carry their own meaning; anything else from this
      // machine is a bug that must still surface as a typed error, never as a raw RangeError.
      if (error instanceof CallbackFailure) throw error.inner;
      throw new PickleError(`internal error while unpickling: ${String(error)}`, this.opPos);
    }
  }

  private fail(message: string): never {
    throw new PickleError(message, this.opPos);
  }

  private callback<T>(call: () => T): T {
    try {
      return call();
    } catch (inner) {
      if (PickleError.isInstance(inner)) throw inner;
      throw new CallbackFailure(inner);
    }
  }

  // ---- reading -------------------------------------------------------------------------------

  private need(n: number, what: string): void {
    if (n > this.bytes.length - this.pos) {
      this.fail(`${what} needs ${n} bytes but only ${this.bytes.length - this.pos} remain`);
    }
  }

  private u8(): number {
    this.need(1, opName.get(this.bytes[this.opPos] ?? 0) ?? 'opcode');
    return this.bytes[this.pos++] as number;
  }

  private u16(): number {
    this.need(2, 'BININT2');
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }

  private i32(what: string): number {
    this.need(4, what);
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }

  private u32(what: string): number {
    this.need(4, what);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  private u64(what: string): number {
    this.need(8, what);
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    // Any length beyond the bytes present fails below; clamp so the comparison stays exact.
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
  }

  private take(n: number, what: string): Uint8Array {
    if (n < 0) this.fail(`${what} has a negative length ${n}`);
    this.need(n, what);
    if (n > this.budget.maxStringBytes)
      this.fail(`${what} of ${n} bytes exceeds the budget of ${this.budget.maxStringBytes}`);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  private line(what: string): string {
    const limit = Math.min(this.bytes.length, this.pos + this.budget.maxStringBytes + 1);
    let end = this.pos;
    while (end < limit && this.bytes[end] !== 0x0a) end++;
    if (end >= limit) this.fail(`${what} line has no end`);
    const text = latin1.decode(this.bytes.subarray(this.pos, end));
    this.pos = end + 1;
    return text;
  }

  private decodeUtf8(data: Uint8Array, what: string): string {
    try {
      return utf8.decode(data);
    } catch {
      return this.fail(`${what} is not valid UTF-8`);
    }
  }

  private decodeAscii(data: Uint8Array, what: string): string {
    for (const b of data) if (b > 0x7f) this.fail(`${what} is not ASCII (Python 2 str)`);
    return latin1.decode(data);
  }

  // ---- the machine ---------------------------------------------------------------------------

  private floor(): number {
    return this.marks.length === 0 ? 0 : (this.marks[this.marks.length - 1] as number);
  }

  private push(value: unknown): void {
    if (++this.items > this.budget.maxItems) this.fail(`more than ${this.budget.maxItems} items (budget)`);
    this.stack.push(value);
  }

  private pop(what: string): unknown {
    if (this.stack.length <= this.floor()) this.fail(`${what} needs a value but the stack is empty`);
    return this.stack.pop();
  }

  private top(what: string): unknown {
    if (this.stack.length <= this.floor()) this.fail(`${what} needs a value but the stack is empty`);
    return this.stack[this.stack.length - 1];
  }

  private popMark(what: string): unknown[] {
    const mark = this.marks.pop();
    if (mark === undefined) this.fail(`${what} without a MARK`);
    return this.stack.splice(mark);
  }

  private depth(value: unknown): number {
    return typeof value === 'object' && value !== null ? (this.depthOf.get(value) ?? 0) : 0;
  }

  /** Records that `container` holds `children`, keeping its depth within the budget. */
  private nest(container: object, children: readonly unknown[]): void {
    let d = this.depthOf.get(container) ?? 1;
    for (const child of children) d = Math.max(d, this.depth(child) + 1);
    if (d > this.budget.maxDepth) this.fail(`containers nested deeper than ${this.budget.maxDepth} (budget)`);
    this.depthOf.set(container, d);
    this.items += children.length;
    if (this.items > this.budget.maxItems) this.fail(`more than ${this.budget.maxItems} items (budget)`);
  }

  private fresh<T extends object>(value: T, children: readonly unknown[]): T {
    this.nest(value, children);
    setMemoHint(value, false);
    return value;
  }

  private tuple(items: unknown[]): readonly unknown[] {
    return this.fresh(Object.freeze(items), items);
  }

  private memoPut(index: number): void {
    const value = this.top('memo PUT');
    if (!this.memo.has(index) && this.memo.size >= this.budget.maxMemo) {
      this.fail(`more than ${this.budget.maxMemo} memo entries (budget)`);
    }
    this.memo.set(index, value);
    if (typeof value === 'object' && value !== null) setMemoHint(value, true);
  }

  private memoGet(index: number): void {
    if (!this.memo.has(index)) this.fail(`memo entry ${index} was never stored`);
    this.push(this.memo.get(index));
  }

  private hashable(key: unknown): void {
    if (isList(key) || key instanceof Map || key instanceof Set) this.fail(`unhashable ${describe(key)} as a dict key`);
  }

  private setItems(dict: unknown, items: unknown[], what: string): void {
    if (!(dict instanceof Map)) this.fail(`${what} needs a dict, found ${describe(dict)}`);
    if (items.length % 2 !== 0) this.fail(`${what} has an odd number of items (${items.length})`);
    for (let i = 0; i < items.length; i += 2) this.hashable(items[i]);
    this.nest(dict, items);
    for (let i = 0; i < items.length; i += 2) dict.set(items[i], items[i + 1]);
  }

  private appendItems(list: unknown, items: unknown[], what: string): void {
    if (!isList(list)) this.fail(`${what} needs a list, found ${describe(list)}`);
    this.nest(list, items);
    for (const item of items) list.push(item);
  }

  private addItems(set: unknown, items: unknown[]): void {
    if (!(set instanceof Set)) this.fail(`ADDITEMS needs a set, found ${describe(set)}`);
    for (const item of items) this.hashable(item);
    this.nest(set, items);
    for (const item of items) set.add(item);
  }

  private loop(): unknown {
    const n = this.bytes.length;
    while (this.pos < n) {
      this.opPos = this.pos;
      const op = this.bytes[this.pos++] as number;
      switch (op) {
        case Op.PROTO: {
          const protocol = this.u8();
          if (protocol > 5) this.fail(`unsupported pickle protocol ${protocol}`);
          break;
        }
        case Op.FRAME: {
          const length = this.u64('FRAME');
          if (length > n - this.pos) this.fail(`FRAME of ${length} bytes but only ${n - this.pos} remain`);
          break;
        }
        case Op.STOP: {
          if (this.marks.length !== 0) this.fail('STOP with an open MARK');
          if (this.stack.length !== 1) this.fail(`STOP expects one value on the stack, found ${this.stack.length}`);
          return this.stack[0];
        }

        // -- constants and numbers
        case Op.NONE:
          this.push(null);
          break;
        case Op.NEWTRUE:
          this.push(true);
          break;
        case Op.NEWFALSE:
          this.push(false);
          break;
        case Op.BININT1:
          this.push(this.u8());
          break;
        case Op.BININT2:
          this.push(this.u16());
          break;
        case Op.BININT:
          this.push(this.i32('BININT'));
          break;
        case Op.LONG1:
          this.push(this.readLong(this.u8()));
          break;
        case Op.LONG4:
          this.push(this.readLong(this.i32('LONG4')));
          break;
        case Op.INT: {
          const text = this.line('INT');
          if (text === '01') this.push(true);
          else if (text === '00') this.push(false);
          else this.push(this.parseDecimal(text, 'INT'));
          break;
        }
        case Op.LONG: {
          const text = this.line('LONG');
          this.push(this.parseDecimal(text.endsWith('L') ? text.slice(0, -1) : text, 'LONG'));
          break;
        }
        case Op.BINFLOAT: {
          this.need(8, 'BINFLOAT');
          const v = this.view.getFloat64(this.pos, false);
          this.pos += 8;
          this.push(boxFloat(v));
          break;
        }
        case Op.FLOAT: {
          const text = this.line('FLOAT').trim();
          if (!/^[+-]?((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|inf(inity)?|nan)$/i.test(text)) {
            this.fail(`FLOAT has a malformed value '${text.slice(0, 40)}'`);
          }
          const lower = text.toLowerCase().replace(/^\+/, '');
          const v = lower.endsWith('nan')
            ? Number.NaN
            : lower.includes('inf')
              ? lower.startsWith('-')
                ? -Infinity
                : Infinity
              : Number(lower);
          this.push(boxFloat(v));
          break;
        }

        // -- strings and bytes
        case Op.SHORT_BINUNICODE:
          this.push(this.decodeUtf8(this.take(this.u8(), 'SHORT_BINUNICODE'), 'SHORT_BINUNICODE'));
          break;
        case Op.BINUNICODE:
          this.push(this.decodeUtf8(this.take(this.u32('BINUNICODE'), 'BINUNICODE'), 'BINUNICODE'));
          break;
        case Op.BINUNICODE8:
          this.push(this.decodeUtf8(this.take(this.u64('BINUNICODE8'), 'BINUNICODE8'), 'BINUNICODE8'));
          break;
        case Op.UNICODE:
          this.push(this.rawUnicodeEscape(this.line('UNICODE')));
          break;
        case Op.SHORT_BINSTRING:
          this.push(this.decodeAscii(this.take(this.u8(), 'SHORT_BINSTRING'), 'SHORT_BINSTRING'));
          break;
        case Op.BINSTRING:
          this.push(this.decodeAscii(this.take(this.i32('BINSTRING'), 'BINSTRING'), 'BINSTRING'));
          break;
        case Op.STRING:
          this.push(this.pythonStringLiteral(this.line('STRING')));
          break;
        case Op.SHORT_BINBYTES:
          this.push(this.fresh(this.take(this.u8(), 'SHORT_BINBYTES').slice(), []));
          break;
        case Op.BINBYTES:
          this.push(this.fresh(this.take(this.u32('BINBYTES'), 'BINBYTES').slice(), []));
          break;
        case Op.BINBYTES8:
          this.push(this.fresh(this.take(this.u64('BINBYTES8'), 'BINBYTES8').slice(), []));
          break;
        case Op.BYTEARRAY8:
          // No mutable bytearray in JS: a bytearray reads as bytes.
          this.push(this.fresh(this.take(this.u64('BYTEARRAY8'), 'BYTEARRAY8').slice(), []));
          break;

        // -- containers
        case Op.MARK:
          if (this.marks.length >= this.budget.maxDepth)
            this.fail(`more than ${this.budget.maxDepth} open MARKs (budget)`);
          this.marks.push(this.stack.length);
          break;
        case Op.POP:
          if (this.stack.length > this.floor()) this.stack.pop();
          else if (this.marks.length > 0) this.marks.pop();
          else this.fail('POP on an empty stack');
          break;
        case Op.POP_MARK:
          this.popMark('POP_MARK');
          break;
        case Op.DUP:
          this.push(this.top('DUP'));
          break;
        case Op.EMPTY_TUPLE:
          this.push(this.tuple([]));
          break;
        case Op.TUPLE1:
        case Op.TUPLE2:
        case Op.TUPLE3: {
          const k = op - Op.TUPLE1 + 1;
          if (this.stack.length - this.floor() < k) this.fail(`${opName.get(op)} needs ${k} values on the stack`);
          this.push(this.tuple(this.stack.splice(this.stack.length - k)));
          break;
        }
        case Op.TUPLE:
          this.push(this.tuple(this.popMark('TUPLE')));
          break;
        case Op.EMPTY_LIST:
          this.push(this.fresh([], []));
          break;
        case Op.LIST: {
          const items = this.popMark('LIST');
          this.push(this.fresh(items, items));
          break;
        }
        case Op.APPEND: {
          const item = this.pop('APPEND');
          this.appendItems(this.top('APPEND'), [item], 'APPEND');
          break;
        }
        case Op.APPENDS: {
          const items = this.popMark('APPENDS');
          this.appendItems(this.top('APPENDS'), items, 'APPENDS');
          break;
        }
        case Op.EMPTY_DICT:
          this.push(this.fresh(new Map(), []));
          break;
        case Op.DICT: {
          const items = this.popMark('DICT');
          const dict = this.fresh(new Map(), []);
          this.setItems(dict, items, 'DICT');
          this.push(dict);
          break;
        }
        case Op.SETITEM: {
          const value = this.pop('SETITEM');
          const key = this.pop('SETITEM');
          this.setItems(this.top('SETITEM'), [key, value], 'SETITEM');
          break;
        }
        case Op.SETITEMS: {
          const items = this.popMark('SETITEMS');
          this.setItems(this.top('SETITEMS'), items, 'SETITEMS');
          break;
        }
        case Op.EMPTY_SET:
          this.push(this.fresh(new Set(), []));
          break;
        case Op.ADDITEMS: {
          const items = this.popMark('ADDITEMS');
          this.addItems(this.top('ADDITEMS'), items);
          break;
        }
        case Op.FROZENSET: {
          const items = this.popMark('FROZENSET');
          const set = this.fresh(new Set(), []);
          this.addItems(set, items);
          this.push(set);
          break;
        }

        // -- memo
        case Op.BINPUT:
          this.memoPut(this.u8());
          break;
        case Op.LONG_BINPUT:
          this.memoPut(this.u32('LONG_BINPUT'));
          break;
        case Op.PUT:
          this.memoPut(this.parseIndex(this.line('PUT'), 'PUT'));
          break;
        case Op.MEMOIZE:
          this.memoPut(this.memo.size);
          break;
        case Op.BINGET:
          this.memoGet(this.u8());
          break;
        case Op.LONG_BINGET:
          this.memoGet(this.u32('LONG_BINGET'));
          break;
        case Op.GET:
          this.memoGet(this.parseIndex(this.line('GET'), 'GET'));
          break;

        // -- globals, calls, objects
        case Op.GLOBAL: {
          const module = this.decodeUtf8(latin1Bytes(this.line('GLOBAL')), 'GLOBAL module');
          const name = this.decodeUtf8(latin1Bytes(this.line('GLOBAL')), 'GLOBAL name');
          this.push(this.resolveGlobal(module, name));
          break;
        }
        case Op.STACK_GLOBAL: {
          const name = this.pop('STACK_GLOBAL');
          const module = this.pop('STACK_GLOBAL');
          if (typeof module !== 'string' || typeof name !== 'string') {
            this.fail(`STACK_GLOBAL needs two str, found ${describe(module)} and ${describe(name)}`);
          }
          this.push(this.resolveGlobal(module, name));
          break;
        }
        case Op.REDUCE: {
          const args = this.pop('REDUCE');
          const callable = this.pop('REDUCE');
          this.push(this.reduce(callable, args));
          break;
        }
        case Op.NEWOBJ: {
          const args = this.pop('NEWOBJ');
          const cls = this.pop('NEWOBJ');
          this.push(this.newObject(cls, args, undefined));
          break;
        }
        case Op.NEWOBJ_EX: {
          const kwargs = this.pop('NEWOBJ_EX');
          const args = this.pop('NEWOBJ_EX');
          const cls = this.pop('NEWOBJ_EX');
          this.push(this.newObject(cls, args, kwargs));
          break;
        }
        case Op.BUILD: {
          const state = this.pop('BUILD');
          this.build(this.top('BUILD'), state);
          break;
        }
        case Op.BINPERSID:
          this.push(this.persistentLoad(this.pop('BINPERSID')));
          break;
        case Op.PERSID:
          this.push(this.persistentLoad(this.decodeAscii(latin1Bytes(this.line('PERSID')), 'PERSID')));
          break;

        // -- rejected on purpose
        case Op.INST:
        case Op.OBJ:
          this.fail(`${opName.get(op)} (protocol 0/1 instance creation) is not supported`);
          break;
        case Op.EXT1:
        case Op.EXT2:
        case Op.EXT4:
          this.fail(`${opName.get(op)} (copyreg extension registry) is not supported`);
          break;
        case Op.NEXT_BUFFER:
        case Op.READONLY_BUFFER:
          this.fail(`${opName.get(op)} (out-of-band buffers) is not supported`);
          break;
        default:
          this.fail(`unknown opcode 0x${op.toString(16).padStart(2, '0')}`);
      }
    }
    this.opPos = this.pos;
    return this.fail('pickle ended without STOP');
  }

  // ---- numbers and text ----------------------------------------------------------------------

  private readLong(length: number): number | bigint {
    if (length < 0) this.fail(`LONG4 has a negative length ${length}`);
    if (length > this.budget.maxIntBytes)
      this.fail(`integer of ${length} bytes exceeds the budget of ${this.budget.maxIntBytes}`);
    this.need(length, 'LONG');
    if (length === 0) return 0;
    let hex = '';
    for (let i = length - 1; i >= 0; i--) hex += (this.bytes[this.pos + i] as number).toString(16).padStart(2, '0');
    let value = BigInt(`0x${hex}`);
    if (((this.bytes[this.pos + length - 1] as number) & 0x80) !== 0) value -= 1n << BigInt(8 * length);
    this.pos += length;
    return normalizeInt(value);
  }

  private parseDecimal(text: string, what: string): number | bigint {
    const t = text.trim();
    if (!/^[+-]?\d+$/.test(t)) this.fail(`${what} has a malformed value '${t.slice(0, 40)}'`);
    if (t.length > this.budget.maxIntBytes)
      this.fail(`${what} of ${t.length} digits exceeds the budget of ${this.budget.maxIntBytes}`);
    return normalizeInt(BigInt(t));
  }

  private parseIndex(text: string, what: string): number {
    if (!/^\d{1,10}$/.test(text)) this.fail(`${what} has a malformed memo index '${text.slice(0, 40)}'`);
    return Number(text);
  }

  /** Python's raw-unicode-escape: latin-1 text where only \uXXXX and \UXXXXXXXX are escapes. */
  private rawUnicodeEscape(text: string): string {
    return text.replace(/\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/g, (_, code: string) => {
      const cp = Number.parseInt(code.slice(1), 16);
      if (cp > 0x10ffff) this.fail('UNICODE has an escape beyond U+10FFFF');
      return String.fromCodePoint(cp);
    });
  }

  /** Protocol 0's STRING: a quoted Python 2 str literal with backslash escapes, ASCII only. */
  private pythonStringLiteral(raw: string): string {
    const text = raw.trimEnd();
    const q = text[0];
    if (text.length < 2 || (q !== "'" && q !== '"') || text[text.length - 1] !== q) {
      this.fail('STRING is not a quoted literal');
    }
    const body = text.slice(1, -1);
    const simple: Record<string, string> = {
      n: '\n',
      r: '\r',
      t: '\t',
      '\\': '\\',
      "'": "'",
      '"': '"',
      a: '\x07',
      b: '\b',
      f: '\f',
      v: '\v',
      '\n': '',
    };
    let out = '';
    for (let i = 0; i < body.length; i++) {
      const c = body[i] as string;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = body[++i];
      if (e === undefined) this.fail('STRING ends in a backslash');
      if (e in simple) out += simple[e];
      else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 1, i + 3))) {
        out += String.fromCharCode(Number.parseInt(body.slice(i + 1, i + 3), 16));
        i += 2;
      } else if (/[0-7]/.test(e)) {
        const m = /^[0-7]{1,3}/.exec(body.slice(i)) as RegExpExecArray;
        out += String.fromCharCode(Number.parseInt(m[0], 8) & 0xff);
        i += m[0].length - 1;
      } else out += `\\${e}`;
    }
    for (let i = 0; i < out.length; i++) if (out.charCodeAt(i) > 0x7f) this.fail('STRING is not ASCII (Python 2 str)');
    return out;
  }

  // ---- globals and calls ---------------------------------------------------------------------

  private resolveGlobal(spelledModule: string, name: string): unknown {
    // Protocols 0-2 spell builtins as Python 2 did (`__builtin__.complex`); CPython maps it back.
    const module = spelledModule === '__builtin__' ? 'builtins' : spelledModule;
    const qualified = `${module}.${name}`;
    if (module === '__torch__' || module.startsWith('__torch__.')) {
      let handle = this.classCache.get(qualified);
      if (handle === undefined) {
        const resolve = this.options.resolveClass;
        handle = resolve === undefined ? defaultClassHandle(qualified) : this.callback(() => resolve(qualified));
        if (handle === undefined) this.fail(`class '${qualified}' is not known`);
        this.classCache.set(qualified, handle);
      }
      return new Callable(qualified, 'class', handle);
    }
    const kind = allowedCallables.get(qualified);
    if (kind !== undefined) return new Callable(qualified, kind);
    if (module === 'torch') {
      if (name.endsWith('Storage') && (storageScalarTypes.has(name.slice(0, -7)) || name === 'UntypedStorage')) {
        return new PickleGlobal(module, name);
      }
      if (qschemeNames.has(name)) return new PickleQScheme(name);
    }
    return this.fail(`global '${qualified.slice(0, 200)}' is not allowed`);
  }

  private reduce(callable: unknown, args: unknown): unknown {
    if (!(callable instanceof Callable)) this.fail(`REDUCE needs a callable global, found ${describe(callable)}`);
    if (callable.kind === 'class') {
      const { handle } = callable;
      const fromValue = handle?.fromValue;
      if (fromValue === undefined) this.fail(`class '${callable.name}' cannot be called (REDUCE)`);
      return this.hinted(this.callback(() => fromValue.call(handle, args)));
    }
    if (!isTuple(args)) this.fail(`REDUCE of '${callable.name}' needs a tuple of arguments, found ${describe(args)}`);
    return this.hinted(this.call(callable, args));
  }

  /** Values a handler made are recorded as not memoized unless a BINPUT follows. */
  private hinted<T>(value: T): T {
    if (typeof value === 'object' && value !== null && getMemoHint(value) === undefined) setMemoHint(value, false);
    return value;
  }

  private arity(callable: Callable, args: readonly unknown[], counts: readonly number[]): void {
    if (!counts.includes(args.length)) {
      this.fail(`'${callable.name}' takes ${counts.join(' or ')} arguments, got ${args.length}`);
    }
  }

  private call(callable: Callable, args: readonly unknown[]): unknown {
    switch (callable.kind) {
      case 'rebuildTensor': {
        this.arity(callable, args, [6, 7]);
        return this.rebuildTensor(args[0], args[1], args[2], args[3], args[4], undefined);
      }
      case 'rebuildQTensor': {
        this.arity(callable, args, [7]);
        return this.rebuildTensor(args[0], args[1], args[2], args[3], args[5], this.quantization(args[4]));
      }
      case 'rebuildParameter': {
        this.arity(callable, args, [3]);
        const [tensor, requiresGrad] = args;
        if (typeof requiresGrad !== 'boolean') this.fail(`'${callable.name}' needs a bool requires_grad`);
        const custom = this.options.rebuildParameter;
        if (custom !== undefined) return this.callback(() => custom(tensor, requiresGrad));
        if (!(tensor instanceof PickleTensorRef))
          this.fail(`'${callable.name}' needs a tensor, found ${describe(tensor)}`);
        const t = tensor;
        return new PickleTensorRef(t.storage, t.storageOffset, t.sizes, t.strides, requiresGrad, t.quantization, true);
      }
      case 'orderedDict': {
        // Only the empty form is written (backward hooks, torch.save's state dicts); items follow.
        this.arity(callable, args, [0]);
        const dict = this.fresh(new Map(), []);
        this.orderedDicts.add(dict);
        markOrderedDict(dict);
        return dict;
      }
      case 'device': {
        this.arity(callable, args, [1, 2]);
        const [name, index] = args;
        if (typeof name !== 'string' || !/^[a-z_]+(:\d{1,9})?$/.test(name)) {
          this.fail(`torch.device needs a device string such as 'cpu', found ${describe(name)}`);
        }
        if (args.length === 1) return new PickleDevice(name);
        // Python's torch.device pickles as (type, index) when it has an index: device('cuda', 1).
        if (name.includes(':') || typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > 1e9) {
          this.fail(
            `torch.device(type, index) needs a device type and an index, found ${describe(name)} and ${describe(index)}`,
          );
        }
        return new PickleDevice(`${name}:${index}`);
      }
      case 'complex': {
        this.arity(callable, args, [2]);
        const [re, im] = args;
        const ok = (v: unknown) => isFloat(v) || (typeof v === 'number' && Number.isInteger(v));
        if (!ok(re) || !ok(im))
          this.fail(`builtins.complex needs two numbers, found ${describe(re)} and ${describe(im)}`);
        return new PickleComplex(floatValue(re), floatValue(im));
      }
      case 'restoreTypeTag': {
        this.arity(callable, args, [2]);
        const [container, tag] = args;
        if (!(isList(container) || container instanceof Map)) {
          this.fail(`restore_type_tag needs a list or dict, found ${describe(container)}`);
        }
        if (typeof tag !== 'string') this.fail(`restore_type_tag needs a type string, found ${describe(tag)}`);
        return setTypeTag(container, tag);
      }
      case 'intList':
      case 'doubleList':
      case 'boolList':
      case 'tensorList': {
        this.arity(callable, args, [1]);
        const [list] = args;
        if (!isList(list)) this.fail(`'${callable.name}' needs a list, found ${describe(list)}`);
        const check =
          callable.kind === 'intList'
            ? isInt
            : callable.kind === 'doubleList'
              ? isFloat
              : callable.kind === 'boolList'
                ? (v: unknown) => typeof v === 'boolean'
                : undefined;
        if (check !== undefined) {
          for (const item of list) if (!check(item)) this.fail(`'${callable.name}' got a ${describe(item)} element`);
        }
        return setTypeTag(list, listTags[callable.kind] as string);
      }
      default:
        return this.fail(`'${callable.name}' cannot be called`);
    }
  }

  private newObject(cls: unknown, args: unknown, kwargs: unknown): unknown {
    if (!(cls instanceof Callable) || cls.kind !== 'class' || cls.handle === undefined) {
      this.fail(`NEWOBJ needs an archive class, found ${describe(cls)}`);
    }
    if (!isTuple(args) || args.length !== 0)
      this.fail(`NEWOBJ of '${cls.name}' needs an empty argument tuple, found ${describe(args)}`);
    if (kwargs !== undefined && !(kwargs instanceof Map && kwargs.size === 0)) {
      this.fail(`NEWOBJ_EX of '${cls.name}' needs empty keyword arguments`);
    }
    const handle = cls.handle;
    const instance = this.callback(() => handle.create());
    if (typeof instance !== 'object' || instance === null)
      this.fail(`class '${cls.name}' created a ${describe(instance)}`);
    this.handles.set(instance, handle);
    return this.fresh(instance, []);
  }

  private build(target: unknown, state: unknown): void {
    const handle = this.handles.get(target);
    if (handle !== undefined) {
      this.nest(target as object, [state]);
      this.callback(() => handle.setState(target, state));
      return;
    }
    if (target instanceof Map && this.orderedDicts.has(target) && state instanceof Map) {
      this.nest(target, [state]);
      setDictAttributes(target, state);
      return;
    }
    this.fail(`BUILD on ${describe(target)} is not supported`);
  }

  // ---- tensors and storages ------------------------------------------------------------------

  private persistentLoad(pid: unknown): unknown {
    const custom = this.options.persistentLoad;
    if (custom !== undefined) return this.hinted(this.callback(() => custom(pid)));
    if (!isTuple(pid) || pid.length !== 5)
      this.fail(`persistent id must be a 5-tuple ('storage', type, key, location, numel), found ${describe(pid)}`);
    const [tag, type, key, location, numel] = pid;
    if (tag !== 'storage')
      this.fail(
        `persistent id kind must be 'storage', found ${typeof tag === 'string' ? `'${tag.slice(0, 40)}'` : describe(tag)}`,
      );
    if (!(type instanceof PickleGlobal)) this.fail(`persistent id needs a storage type, found ${describe(type)}`);
    if (typeof key !== 'string' || !/^[\w./-]{1,256}$/.test(key) || key.split('/').includes('..')) {
      this.fail(
        `persistent id has a bad storage key ${typeof key === 'string' ? `'${key.slice(0, 40)}'` : describe(key)}`,
      );
    }
    if (typeof location !== 'string' || !/^[a-z_]+(:\d{1,9})?$/.test(location)) {
      this.fail(
        `persistent id has a bad location ${typeof location === 'string' ? `'${location.slice(0, 40)}'` : describe(location)}`,
      );
    }
    if (typeof numel !== 'number' || !Number.isInteger(numel) || numel < 0) {
      this.fail(`persistent id has a bad element count ${describe(numel)}`);
    }
    const scalarType = (type.name === 'UntypedStorage' ? 'Byte' : type.name.slice(0, -7)) as ScalarTypeName;
    const known = this.storages.get(key);
    if (known !== undefined) {
      if (known.scalarType !== scalarType || known.numel !== numel)
        this.fail(`storage '${key}' is described twice, differently`);
      return known.storage;
    }
    const load = this.options.loadStorage;
    const storage =
      load === undefined
        ? new PickleStorageRef(key, scalarType, numel, location)
        : this.callback(() => load(key, scalarType, numel, location));
    this.storages.set(key, { storage, scalarType, numel });
    this.storageNumel.set(storage, numel);
    return this.hinted(storage);
  }

  private intTuple(value: unknown, what: string): number[] {
    if (!isTuple(value)) this.fail(`${what} must be a tuple of ints, found ${describe(value)}`);
    if (value.length > this.budget.maxDims)
      this.fail(`${what} has ${value.length} dimensions, more than ${this.budget.maxDims} (budget)`);
    for (const v of value) {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
        this.fail(`${what} must hold non-negative ints, found ${describe(v)} ${String(v)}`);
    }
    return value as number[];
  }

  private quantization(qparams: unknown): PickleQuantization {
    if (!isTuple(qparams) || qparams.length < 1)
      this.fail(`quantizer parameters must be a tuple, found ${describe(qparams)}`);
    const [scheme, ...rest] = qparams;
    if (!(scheme instanceof PickleQScheme)) this.fail(`quantizer parameters need a qscheme, found ${describe(scheme)}`);
    switch (scheme.name) {
      case 'per_tensor_affine':
      case 'per_tensor_symmetric': {
        const [scale, zeroPoint] = rest;
        if (rest.length !== 2 || !isFloat(scale) || typeof zeroPoint !== 'number' || !Number.isInteger(zeroPoint)) {
          this.fail(`${scheme.name} needs (scale: float, zero_point: int)`);
        }
        return { qscheme: scheme.name, scale: floatValue(scale), zeroPoint };
      }
      case 'per_channel_affine':
      case 'per_channel_symmetric':
      case 'per_channel_affine_float_qparams': {
        const [scales, zeroPoints, axis] = rest;
        if (rest.length !== 3 || typeof axis !== 'number' || !Number.isInteger(axis) || axis < 0) {
          this.fail(`${scheme.name} needs (scales: Tensor, zero_points: Tensor, axis: int)`);
        }
        return { qscheme: scheme.name, scales, zeroPoints, axis };
      }
      default:
        return this.fail(`unsupported qscheme ${scheme.name}`);
    }
  }

  private rebuildTensor(
    storage: unknown,
    offset: unknown,
    sizesValue: unknown,
    stridesValue: unknown,
    requiresGrad: unknown,
    quantization: PickleQuantization | undefined,
  ): unknown {
    if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0)
      this.fail(`storage offset must be a non-negative int, found ${describe(offset)}`);
    const sizes = this.intTuple(sizesValue, 'tensor sizes');
    const strides = this.intTuple(stridesValue, 'tensor strides');
    if (sizes.length !== strides.length) this.fail(`tensor has ${sizes.length} sizes but ${strides.length} strides`);
    if (typeof requiresGrad !== 'boolean') this.fail(`requires_grad must be a bool, found ${describe(requiresGrad)}`);
    const numel = this.storageNumel.get(storage);
    if (numel === undefined && this.options.persistentLoad === undefined) {
      this.fail(`tensor storage must come from a persistent id, found ${describe(storage)}`);
    }
    if (numel !== undefined && !sizes.includes(0)) {
      // The last element the view reaches must lie inside the storage (exact, in bigint).
      let last = BigInt(offset);
      for (let i = 0; i < sizes.length; i++) last += BigInt((sizes[i] as number) - 1) * BigInt(strides[i] as number);
      if (last >= BigInt(numel)) {
        this.fail(
          `tensor of sizes [${sizes.join(', ')}] and strides [${strides.join(', ')}] at offset ${offset} reaches past its storage of ${numel} elements`,
        );
      }
    }
    const custom = this.options.rebuildTensor;
    if (custom !== undefined)
      return this.callback(() => custom(storage, offset, sizes, strides, requiresGrad, quantization));
    return new PickleTensorRef(
      storage,
      offset,
      Object.freeze(sizes.slice()),
      Object.freeze(strides.slice()),
      requiresGrad,
      quantization,
    );
  }
}

function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

const allowedCallables: ReadonlyMap<string, CallableKind> = new Map([
  ['torch._utils._rebuild_tensor_v2', 'rebuildTensor'],
  ['torch._utils._rebuild_qtensor', 'rebuildQTensor'],
  ['torch._utils._rebuild_parameter', 'rebuildParameter'],
  ['torch.jit._pickle.build_intlist', 'intList'],
  ['torch.jit._pickle.build_doublelist', 'doubleList'],
  ['torch.jit._pickle.build_boollist', 'boolList'],
  ['torch.jit._pickle.build_tensorlist', 'tensorList'],
  ['torch.jit._pickle.restore_type_tag', 'restoreTypeTag'],
  ['collections.OrderedDict', 'orderedDict'],
  ['torch.device', 'device'],
  ['builtins.complex', 'complex'],
]);
