import { execute, RunState, ScriptEnumMember, ScriptObject } from '@tsjit/interpreter';
import {
  type ClassType,
  codeTypeString,
  type DictType,
  type JitType,
  type ListType,
  type OptionalType,
  type TupleType,
} from '@tsjit/ir';
import { CellParamsBase, LinearPackedParamsBase } from '@tsjit/ops';
import {
  getTypeTag,
  PickleEnum,
  PickleObject,
  type PickleQuantization,
  Pickler,
  PickleTensorRef,
  type ScalarTypeName,
  scalarTypeOfDType,
  setTypeTag,
  storageScalarTypes,
} from '@tsjit/serialize';
import { type Storage, Tensor } from '@tsjit/tensor';
import type { ObjectHost } from '../script-module.js';
import { archiveTypeName, archiveTypePrinter } from './archive-code.js';

/** The custom classes whose objects are written through their `__getstate__`, by their TorchScript name. */
const CUSTOM_CLASS_NAMES: ReadonlyMap<object, string> = new Map<object, string>([
  [LinearPackedParamsBase.prototype, '__torch__.torch.classes.quantized.LinearPackedParamsBase'],
  [CellParamsBase.prototype, '__torch__.torch.classes.rnn.CellParamsBase'],
]);

const QUANTIZED_STORAGE: Readonly<Record<string, ScalarTypeName>> = {
  qint8: 'QInt8',
  quint8: 'QUInt8',
  qint32: 'QInt32',
};

/**
 * Pickles values of a module (its object tree for `data.pkl`, the constant table for
 * `constants.pkl`) as PyTorch's Pickler does: objects as GLOBAL + NEWOBJ + state + BUILD (the
 * attribute dict, or what `__getstate__` returns where the class defines it, and the custom
 * classes' `__getstate__`), tensors as persistent ids of their storages (one record per storage:
 * tensors that share a storage keep sharing it), quantized tensors through `_rebuild_qtensor`.
 * The memo hints the loader recorded are honoured by the Pickler, so a loaded module writes the
 * pickle it was read from.
 */
export class ModulePickler {
  readonly #host: ObjectHost | undefined;
  readonly #storageInfo = new Map<object, { scalarType: ScalarTypeName; numel: number }>();
  readonly #states = new Map<object, PickleObject | PickleEnum>();
  /** The class names the pickle wrote, first use first (PyTorch's `memoizedClassTypes`). */
  readonly classNames: string[] = [];
  readonly #classTypes = new Map<string, ClassType>();

  constructor(host: ObjectHost | undefined) {
    this.#host = host;
  }

  /** The class type written under `name` (undefined for the custom classes). */
  classType(name: string): ClassType | undefined {
    return this.#classTypes.get(name);
  }

  /** The pickle of `value`, and the storages it names, in key order. */
  dump(value: unknown): { pickle: Uint8Array; storages: Uint8Array[] } {
    const pickler = new Pickler({
      describeTensor: (v) => (v instanceof Tensor ? this.#tensor(v) : undefined),
      describeObject: (v) => this.#object(v),
      describeStorage: (s) => {
        const info = this.#storageInfo.get(s);
        return info === undefined ? undefined : { ...info, location: 'cpu' };
      },
    });
    const pickle = pickler.dump(value);
    this.#noteClasses(value);
    const storages = pickler.storages.map((s) => {
      const info = this.#storageInfo.get(s) as { scalarType: ScalarTypeName; numel: number };
      const size = info.numel * (storageScalarTypes.get(info.scalarType)?.itemSize ?? 1);
      return (s as Storage).bytes.subarray(0, size);
    });
    return { pickle, storages };
  }

  #tensor(t: Tensor): PickleTensorRef {
    const q = t.quantizer;
    const scalarType = q === null ? scalarTypeOfDType(t.dtype) : QUANTIZED_STORAGE[q.dtype];
    if (scalarType === undefined) throw new TypeError(`cannot save a tensor of dtype ${t.dtype}`);
    const itemSize = storageScalarTypes.get(scalarType)?.itemSize ?? 1;
    const known = this.#storageInfo.get(t.storage);
    if (known === undefined) {
      this.#storageInfo.set(t.storage, { scalarType, numel: Math.floor(t.storage.bytes.byteLength / itemSize) });
    }
    let quantization: PickleQuantization | undefined;
    if (q !== null) {
      quantization =
        q.qscheme === 'per_tensor_affine'
          ? { qscheme: q.qscheme, scale: q.scale, zeroPoint: q.zeroPoint }
          : {
              qscheme: q.qscheme,
              scales: vectorTensor(q.scales, 'float64'),
              zeroPoints: vectorTensor(q.zeroPoints, 'int64'),
              axis: q.axis,
            };
    }
    return new PickleTensorRef(t.storage, t.offset, t.sizes, t.strides, t.requiresGrad, quantization);
  }

  #object(value: object): PickleObject | PickleEnum | undefined {
    const cached = this.#states.get(value);
    if (cached !== undefined) return cached;
    let described: PickleObject | PickleEnum | undefined;
    if (value instanceof ScriptObject) {
      const name = archiveTypeName(value.type.qualifiedName);
      described = new PickleObject(name, this.#state(value));
      this.#classTypes.set(name, value.type);
    } else if (value instanceof ScriptEnumMember) {
      described = new PickleEnum(archiveTypeName(value.type.qualifiedName), value.value);
    } else {
      const custom = CUSTOM_CLASS_NAMES.get(Object.getPrototypeOf(value));
      if (custom !== undefined) {
        const state = (value as { __getstate__(): unknown }).__getstate__();
        if (value instanceof CellParamsBase) tagCellParamsState(state as readonly unknown[]);
        described = new PickleObject(custom, state);
      }
    }
    if (described !== undefined) this.#states.set(value, described);
    return described;
  }

  /** Lists the classes of the objects written, in the order the pickle first writes them. */
  #noteClasses(root: unknown): void {
    const seen = new Set<object>();
    const names = new Set(this.classNames);
    const stack: unknown[] = [root];
    while (stack.length > 0) {
      const v = stack.pop();
      if (v === null || typeof v !== 'object' || seen.has(v)) continue;
      seen.add(v);
      let children: unknown[] = [];
      const described = this.#states.get(v) ?? (v instanceof PickleObject ? v : undefined);
      if (described instanceof PickleObject) {
        if (!names.has(described.className)) {
          names.add(described.className);
          this.classNames.push(described.className);
        }
        const state = described.state;
        children = state instanceof Map && getTypeTag(state) === undefined ? [...state.values()] : [state];
      } else if (Array.isArray(v)) {
        children = v;
      } else if (v instanceof Map) {
        for (const [k, x] of v) children.push(k, x);
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }

  #state(object: ScriptObject): unknown {
    const type = object.type;
    const host = this.#host;
    if (host?.methodSchema(type, '__getstate__')) {
      return execute(host.runtime.methodCode(type, '__getstate__'), [object], new RunState());
    }
    const state = new Map<string, unknown>();
    type.attributes.forEach((attribute, i) => {
      const slot = object.slots[i];
      tagContainers(slot, attribute.type);
      state.set(attribute.name, slot);
    });
    return state;
  }
}

/** CellParamsBase's state is a C++ tuple of typed vectors: (str, Tensor[], float[], int[], LinearPackedParamsBase[]). */
function tagCellParamsState(state: readonly unknown[]): void {
  const tags = [
    '',
    'List[Tensor]',
    'List[float]',
    'List[int]',
    `List[${CUSTOM_CLASS_NAMES.get(LinearPackedParamsBase.prototype)}]`,
  ];
  state.forEach((item, i) => {
    if (Array.isArray(item) && tags[i]) setTypeTag(item, tags[i] as string);
  });
}

/** A 1-d tensor of numbers (per-channel scales and zero points). */
function vectorTensor(values: readonly number[], dtype: 'float64' | 'int64'): Tensor {
  const t = Tensor.empty([values.length], dtype);
  const view = new DataView(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  values.forEach((v, i) => {
    if (dtype === 'float64') view.setFloat64(8 * i, v, true);
    else view.setBigInt64(8 * i, BigInt(v), true);
  });
  return t;
}

/**
 * Gives lists and dicts that carry no TorchScript type (made by running code rather than by the
 * unpickler) the type of the attribute holding them, which is what PyTorch's pickler writes in
 * `restore_type_tag` (its containers know their element types).
 */
export function tagContainers(value: unknown, type: JitType): void {
  const todo: [unknown, JitType][] = [[value, type]];
  while (todo.length > 0) {
    const [v, t0] = todo.pop() as [unknown, JitType];
    if (v === null || typeof v !== 'object') continue;
    const t = t0.kind === 'OptionalType' ? (t0 as OptionalType).elementType : t0;
    if (Array.isArray(v) && Object.isFrozen(v)) {
      if (t.kind !== 'TupleType') continue;
      const elements = (t as TupleType).elements;
      v.forEach((x, i) => {
        const e = elements[i];
        if (e !== undefined) todo.push([x, e]);
      });
    } else if (Array.isArray(v)) {
      if (t.kind !== 'ListType') continue;
      if (getTypeTag(v) === undefined) setTypeTag(v, codeTypeString(t, archiveTypePrinter));
      const element = (t as ListType).elementType;
      for (const x of v) todo.push([x, element]);
    } else if (v instanceof Map) {
      if (t.kind !== 'DictType') continue;
      if (getTypeTag(v) === undefined) setTypeTag(v, codeTypeString(t, archiveTypePrinter));
      for (const [k, x] of v) {
        todo.push([k, (t as DictType).keyType], [x, (t as DictType).valueType]);
      }
    }
  }
}
