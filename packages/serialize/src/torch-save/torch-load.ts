import { readFileSync } from 'node:fs';
import { helpers, quantizedStorageDtype, rebuildQuantizedTensor } from '@tsjit/ops';
import { eagerContext, Storage, Tensor } from '@tsjit/tensor';
import { TorchScriptArchive } from '../archive/torchscript-archive.js';
import { ArchiveError } from '../errors/archive-error.js';
import { PickleError } from '../errors/pickle-error.js';
import { storageScalarTypes } from '../pickle/storage-types.js';
import { type UnpickleBudget, unpickle } from '../pickle/unpickler.js';
import type { ZipReaderOptions } from '../zip/zip-reader.js';
import { finishLoadedValue } from './loaded-value.js';
import { setParameterFlag } from './parameter-flags.js';

export interface TorchLoadOptions {
  /** Limits of the zip reader (records, sizes, name lengths). */
  zip?: ZipReaderOptions;
  /** Limits of the unpickler (items, memo, nesting depth, string sizes, dimensions). */
  budget?: Partial<UnpickleBudget>;
  /** Copy every storage out of the input instead of viewing it where aligned. Default false. */
  copy?: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

interface LoadedStorage {
  readonly storage: Storage;
  readonly dtype: Tensor['dtype'];
  readonly numel: number;
}

/**
 * `torch.load` of a file in PyTorch's zip format (what torch.save writes by default since 1.6, and
 * 2.x's files too): every tensor is a view of its storage record, and tensors that share a storage
 * key share one Storage (views stay views; sizes, strides and offsets are kept). Storages view the
 * input bytes where aligned (copies otherwise, or with `copy`); all tensors are on the CPU whatever
 * location the file names.
 *
 * Values: Python dicts and OrderedDicts as described by finishLoadedValue (an OrderedDict is a Map,
 * with a state dict's `_metadata` under getDictAttributes), tuples as frozen arrays, ints as numbers
 * (bigints beyond 2^53), integral floats as FloatScalar, Parameters as tensors flagged by
 * getParameterFlag. The input is untrusted: only torch.save's globals are allowed, every size is
 * checked before use, and failures are ZipError / ArchiveError / PickleError naming the record.
 * Quantized tensors (per-tensor and per-channel affine) carry their quantizer. The legacy (pre-zip)
 * format is refused.
 */
export function torchLoad(pathOrBytes: string | Uint8Array, options: TorchLoadOptions = {}): unknown {
  let bytes = pathOrBytes;
  if (typeof pathOrBytes === 'string') {
    const file = readFileSync(pathOrBytes);
    bytes = new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
  }
  if (!(bytes instanceof Uint8Array)) throw new ArchiveError('torchLoad needs a path or a Uint8Array');
  if (bytes[0] === 0x80) {
    throw new ArchiveError(
      "this is a legacy torch.save file (a bare pickle, written with _use_new_zipfile_serialization=False): only PyTorch's zip format is supported",
    );
  }
  const archive = TorchScriptArchive.open(bytes, options.zip);
  const bigEndian = readByteOrder(archive);
  const pickleName = archive.entryName('data.pkl');
  const storages = new Map<string, LoadedStorage>();

  const loadStorage = (key: string, scalarType: string, numel: number): LoadedStorage => {
    const name = `data/${key}`;
    const entry = archive.entryName(name);
    const known = storages.get(key);
    if (known !== undefined) return known;
    const info = storageScalarTypes.get(scalarType);
    // Quantized storages (QInt8, QUInt8, QInt32) hold their tensors' integers.
    const dtype = info?.dtype ?? (info === undefined ? null : quantizedStorageDtype(`${scalarType}Storage`));
    if (info === undefined || dtype === null) {
      throw new ArchiveError(`storages of type ${scalarType}Storage are not supported`, entry);
    }
    const record = archive.record(name);
    const needed = numel * info.itemSize;
    if (record.byteLength < needed) {
      throw new ArchiveError(
        `the storage holds ${record.byteLength} bytes but its persistent id claims ${numel} elements of ${info.itemSize} bytes`,
        entry,
      );
    }
    let view = record.subarray(0, needed);
    // Kernels read elements through typed arrays, which need aligned offsets.
    if (options.copy === true || bigEndian || view.byteOffset % Math.max(8, info.itemSize) !== 0) view = view.slice();
    if (bigEndian) swapBytes(view, info.itemSize);
    const loaded = { storage: new Storage(view), dtype, numel };
    storages.set(key, loaded);
    return loaded;
  };

  let value: unknown;
  try {
    value = unpickle(archive.record('data.pkl'), {
      budget: options.budget,
      // torch.save files hold no TorchScript classes; refuse them rather than build stand-ins.
      resolveClass: () => undefined,
      loadStorage: (key, scalarType, numel) => loadStorage(key, scalarType, numel),
      rebuildTensor: (storage, offset, sizes, strides, requiresGrad, quantization) => {
        if (!sizes.includes(0) && !Number.isSafeInteger(helpers.numel(sizes))) {
          throw new ArchiveError(`a tensor of sizes [${sizes.join(', ')}] has more elements than 2^53`, pickleName);
        }
        const s = storage as LoadedStorage;
        if (quantization !== undefined) {
          const whole = new Tensor(s.storage, s.dtype, [s.numel], [1], 0);
          const params =
            'scale' in quantization
              ? [quantization.qscheme, quantization.scale, quantization.zeroPoint]
              : [quantization.qscheme, quantization.scales, quantization.zeroPoints, quantization.axis];
          let q: Tensor;
          try {
            q = rebuildQuantizedTensor(eagerContext, whole, offset, sizes, strides, params) as Tensor;
          } catch (error) {
            throw new ArchiveError(`bad quantized tensor: ${(error as Error).message}`, pickleName, { cause: error });
          }
          // A fresh tensor rather than the view rebuildQuantizedTensor made of `whole`: loaded
          // tensors are not views of one another, as in PyTorch.
          const t = new Tensor(s.storage, s.dtype, q.sizes, q.strides, q.offset);
          t.quantizer = q.quantizer;
          t.requiresGrad = requiresGrad;
          return t;
        }
        const t = new Tensor(s.storage, s.dtype, sizes, strides, offset);
        t.requiresGrad = requiresGrad;
        setParameterFlag(t, false);
        return t;
      },
      rebuildParameter: (tensor, requiresGrad) => {
        if (!(tensor instanceof Tensor)) throw new ArchiveError('_rebuild_parameter needs a tensor', pickleName);
        tensor.requiresGrad = requiresGrad;
        setParameterFlag(tensor, true);
        return tensor;
      },
    });
  } catch (error) {
    if (PickleError.isInstance(error) && (error as PickleError).entry === undefined) {
      throw (error as PickleError).withEntry(pickleName);
    }
    throw error;
  }
  return finishLoadedValue(value);
}

/** 2.1+ writes `byteorder` ('little' or 'big'); older files are little-endian. */
function readByteOrder(archive: TorchScriptArchive): boolean {
  if (!archive.has('byteorder')) return false;
  const entry = archive.entryName('byteorder');
  let text: string;
  try {
    text = utf8.decode(archive.record('byteorder'));
  } catch {
    throw new ArchiveError('the byte order record is not text', entry);
  }
  if (text === 'little') return false;
  if (text === 'big') return true;
  throw new ArchiveError(`unknown byte order '${text.slice(0, 20)}'`, entry);
}

function swapBytes(bytes: Uint8Array, size: number): void {
  if (size === 1) return;
  for (let i = 0; i + size <= bytes.length; i += size) bytes.subarray(i, i + size).reverse();
}
