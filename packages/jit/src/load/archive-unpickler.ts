import { execute, type RunOptions, RunState, ScriptEnumMember, ScriptObject } from '@tsjit/interpreter';
import type { ClassType, EnumType, JitType } from '@tsjit/ir';
import { dictKey, FloatScalar, PyDevice, quantizedStorageDtype, rebuildQuantizedTensor, typeName } from '@tsjit/ops';
import {
  ArchiveError,
  type ClassHandle,
  PickleDevice,
  PickleError,
  storageScalarTypes,
  type TorchScriptArchive,
  unpickle,
} from '@tsjit/serialize';
import { eagerContext, Storage, Tensor } from '@tsjit/tensor';
import type { ObjectHost } from '../script-module.js';
import { customClassHandle } from './custom-classes.js';
import { fitsDeclaredType } from './fits-declared-type.js';

/**
 * Unpickles an archive's pickles: classes resolve to the archive's own types (`classType`) and to
 * the supported custom classes; storages are the archive's `data/` (or `constants/`) records,
 * viewed without a copy where aligned; objects get their state through `__setstate__` when their
 * class defines one, else attribute by attribute.
 */
export class ArchiveUnpickler {
  readonly #archive: TorchScriptArchive;
  readonly #lookup: (qualifiedName: string) => ClassType | EnumType | undefined;
  readonly #host: ObjectHost | undefined;
  readonly #storages = new Map<string, { storage: Storage; dtype: string; numel: number }>();
  readonly #separate: ReadonlyMap<string, { readonly offset: number; readonly bytes: Uint8Array }> | undefined;

  readonly #runOptions: RunOptions;

  /** `separate`: storage records read into buffers of their own, by full entry name (see readArchiveFile). */
  constructor(
    archive: TorchScriptArchive,
    lookup: (qualifiedName: string) => ClassType | EnumType | undefined,
    host?: ObjectHost,
    runOptions: RunOptions = {},
    separate?: ReadonlyMap<string, { readonly offset: number; readonly bytes: Uint8Array }>,
  ) {
    this.#archive = archive;
    this.#lookup = lookup;
    this.#host = host;
    this.#runOptions = runOptions;
    this.#separate = separate;
  }

  unpickle(record: string, storageDir: string): unknown {
    const entry = this.#archive.entryName(record);
    try {
      const value = unpickle(this.#archive.record(record), {
        resolveClass: (name) => this.#classHandle(name),
        loadStorage: (key, scalarType, numel) => this.#loadStorage(storageDir, key, scalarType, numel),
        rebuildTensor: (storage, offset, sizes, strides, requiresGrad, quantization) => {
          const { storage: s, dtype, numel } = storage as { storage: Storage; dtype: string; numel: number };
          if (quantization !== undefined) {
            // torch._utils._rebuild_qtensor: the integer storage with its quantizer.
            const whole = new Tensor(s, dtype as never, [numel], [1], 0);
            const params =
              'scale' in quantization
                ? [quantization.qscheme, quantization.scale, quantization.zeroPoint]
                : [quantization.qscheme, quantization.scales, quantization.zeroPoints, quantization.axis];
            try {
              return rebuildQuantizedTensor(eagerContext, whole, offset, sizes, strides, params, requiresGrad);
            } catch (error) {
              throw new ArchiveError(`bad quantized tensor: ${(error as Error).message}`, entry, { cause: error });
            }
          }
          const t = new Tensor(s, dtype as never, sizes, strides, offset);
          t.requiresGrad = requiresGrad;
          return t;
        },
      });
      return runtimeValue(value);
    } catch (error) {
      if (PickleError.isInstance(error) && (error as PickleError).entry === undefined) {
        throw (error as PickleError).withEntry(entry);
      }
      // The class handles below know the class, not the record: the record is named here.
      if (ArchiveError.isInstance(error) && (error as ArchiveError).entry === undefined) {
        throw new ArchiveError((error as ArchiveError).message, entry, { cause: error });
      }
      throw error;
    }
  }

  #loadStorage(
    dir: string,
    key: string,
    scalarType: string,
    numel: number,
  ): { storage: Storage; dtype: string; numel: number } {
    const name = `${dir}/${key}`;
    const cached = this.#storages.get(name);
    if (cached) return cached;
    const info = storageScalarTypes.get(scalarType);
    // Quantized storages hold the integers of their quantized tensors.
    const dtype = info?.dtype ?? (info ? (quantizedStorageDtype(`${scalarType}Storage`) ?? undefined) : undefined);
    if (info === undefined || dtype === undefined) {
      throw new ArchiveError(`storages of type ${scalarType} are not supported`, this.#archive.entryName(name));
    }
    // Storages are read without their CRC-32 check, as PyTorch 1.13 reads them (its reader checks
    // none: an archive with a flipped storage byte loads there). They are nearly all of an archive's
    // bytes (47 MB of resnet18's), and the checksum pass cost about a third of a load. Sizes and
    // offsets are still checked; pickles and code keep their check.
    const bytes =
      this.#separate?.get(this.#archive.entryName(name))?.bytes ?? this.#archive.record(name, { verifyCrc: false });
    const needed = numel * info.itemSize;
    if (bytes.byteLength < needed) {
      throw new ArchiveError(
        `the storage holds ${bytes.byteLength} bytes but its tensors need ${needed}`,
        this.#archive.entryName(name),
      );
    }
    // A view of the archive's bytes when aligned for the element type (PyTorch aligns records to
    // 64 bytes); a copy otherwise.
    const view = bytes.subarray(0, needed);
    const aligned = view.byteOffset % Math.max(8, info.itemSize) === 0;
    const result = { storage: new Storage(aligned ? view : view.slice()), dtype, numel };
    this.#storages.set(name, result);
    return result;
  }

  #classHandle(name: string): ClassHandle | undefined {
    const custom = customClassHandle(name);
    if (custom) return custom;
    const type = this.#lookup(name);
    if (type === undefined) return undefined;
    if (type.kind === 'EnumType') return enumHandle(type as EnumType);
    if ((type as JitType).kind !== 'ClassType') {
      // A NamedTuple or an interface of the code, named where data.pkl needs a class.
      throw new ArchiveError(
        `'${name}' is not a class in the archive's code (it is ${(type as JitType).annotationStr()})`,
      );
    }
    const classType = type as ClassType;
    const host = this.#host;
    const runOptions = this.#runOptions;
    return {
      create: () => new ScriptObject(classType),
      setState: (instance, state) => {
        const object = instance as ScriptObject;
        const setstate = host?.methodSchema(classType, '__setstate__');
        if (host && setstate) {
          const value = runtimeValue(state);
          const declared = setstate.arguments[1]?.type;
          if (declared !== undefined && !fitsDeclaredType(value, declared)) {
            throw new ArchiveError(
              `the state of a ${name} object is a ${typeName(value)} but its __setstate__ takes ${declared.annotationStr()}`,
            );
          }
          execute(host.runtime.methodCode(classType, '__setstate__'), [object, value], new RunState(runOptions));
        } else {
          if (!(state instanceof Map)) throw new ArchiveError(`the state of a ${name} object is not an attribute dict`);
          for (const [attribute, value] of state) {
            if (typeof attribute !== 'string' || !object.hasAttr(attribute)) {
              throw new ArchiveError(`${name} has no attribute '${String(attribute)}'`);
            }
            object.setAttr(attribute, runtimeValue(value));
          }
        }
        // PyTorch checks neither; an attribute left unset (None) or of another type than declared
        // would fail later, deep in a method, often as an internal assert.
        classType.attributes.forEach((attribute, slot) => {
          const value = object.slots[slot];
          if (fitsDeclaredType(value, attribute.type)) return;
          const what = value === null ? 'leaves it None' : `gives a ${typeName(value)}`;
          const how = host && setstate ? 'its __setstate__' : 'the archive';
          throw new ArchiveError(
            `${name}.${attribute.name} is declared ${attribute.type.annotationStr()} but ${how} ${what}`,
          );
        });
      },
    };
  }
}

function enumHandle(enumType: EnumType): ClassHandle {
  return {
    create: () => {
      throw new ArchiveError(`enum ${enumType.qualifiedName} cannot be made by NEWOBJ`);
    },
    setState: () => {},
    fromValue: (value) => {
      const v = value instanceof FloatScalar ? value.value : value;
      const member = enumType.members.find((m) => m.value === v);
      if (!member) throw new ArchiveError(`enum ${enumType.qualifiedName} has no member with value ${String(v)}`);
      return new ScriptEnumMember(enumType, member.name, value);
    },
  };
}

/**
 * An unpickled value as the interpreter holds it: dict keys normalised (`dictKey`), devices as
 * PyDevice. Containers fresh from the unpickler are converted in place, so shared ones stay shared.
 */
export function runtimeValue(value: unknown, seen = new Set<object>()): unknown {
  if (value instanceof PickleDevice) return new PyDevice(value.name);
  if (value === null || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    if (Object.isFrozen(value)) {
      const items = value.map((v) => runtimeValue(v, seen));
      return items.every((v, i) => v === value[i]) ? value : Object.freeze(items);
    }
    for (let i = 0; i < value.length; i++) value[i] = runtimeValue(value[i], seen);
    return value;
  }
  if (value instanceof Map) {
    const entries = [...value.entries()];
    value.clear();
    for (const [k, v] of entries) value.set(dictKey(runtimeValue(k, seen)), runtimeValue(v, seen));
    return value;
  }
  return value;
}
