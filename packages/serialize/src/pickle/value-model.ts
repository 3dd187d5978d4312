import type { FloatScalar } from '@tsjit/ops';
import type { ScalarTypeName } from './storage-types.js';

/**
 * The values pickles carry, as the unpickler returns them with its default handlers and as the
 * pickler takes them: None → null, bool → boolean, int → number (bigint beyond 2^53), float →
 * number (FloatScalar when integral, so that it stays a float), str → string, bytes → Uint8Array,
 * tuple → frozen array, list → array, dict → Map, set → Set, plus the classes below.
 */
export type PickleValue =
  | null
  | boolean
  | number
  | bigint
  | FloatScalar
  | string
  | Uint8Array
  | readonly PickleValue[]
  | PickleValue[]
  | Map<PickleValue, PickleValue>
  | Set<PickleValue>
  | PickleObject
  | PickleEnum
  | PickleTensorRef
  | PickleStorageRef
  | PickleDevice
  | PickleComplex
  | PickleQScheme
  | object;

/**
 * An instance of an archive class (`__torch__.X`): the qualified class name and the state BUILD
 * gave it. For modules and classes without `__getstate__` the state is an untagged Map of attribute
 * name → value (the pickler writes it back as PyTorch's attribute dict); otherwise it is whatever
 * `__getstate__` returned.
 */
export class PickleObject {
  constructor(
    readonly className: string,
    public state: unknown = undefined,
  ) {}
}

/** A TorchScript enum value (`GLOBAL cls; value; REDUCE`). */
export class PickleEnum {
  constructor(
    readonly className: string,
    readonly value: unknown,
  ) {}
}

/** A storage named by PyTorch's persistent id ('storage', torch.<T>Storage, key, location, numel). */
export class PickleStorageRef {
  constructor(
    readonly key: string,
    readonly scalarType: ScalarTypeName,
    readonly numel: number,
    readonly location: string,
  ) {}
}

/** Quantization parameters of `_rebuild_qtensor`. */
export type PickleQuantization =
  | {
      readonly qscheme: 'per_tensor_affine' | 'per_tensor_symmetric';
      readonly scale: number;
      readonly zeroPoint: number;
    }
  | {
      readonly qscheme: 'per_channel_affine' | 'per_channel_symmetric' | 'per_channel_affine_float_qparams';
      readonly scales: unknown;
      readonly zeroPoints: unknown;
      readonly axis: number;
    };

/**
 * A tensor as `_rebuild_tensor_v2` / `_rebuild_qtensor` describe it: a view of a storage. The
 * unpickler's default result; the pickler writes it as PyTorch's literal tensor.
 */
export class PickleTensorRef {
  constructor(
    readonly storage: unknown,
    readonly storageOffset: number,
    readonly sizes: readonly number[],
    readonly strides: readonly number[],
    readonly requiresGrad: boolean,
    readonly quantization: PickleQuantization | undefined = undefined,
    /** Built by `torch._utils._rebuild_parameter` (torch.save files): an nn.Parameter. */
    readonly parameter = false,
  ) {}
}

/** `torch.device('cpu')`. */
export class PickleDevice {
  constructor(readonly name: string) {}
}

/** `builtins.complex(real, imag)`. */
export class PickleComplex {
  constructor(
    readonly real: number,
    readonly imag: number,
  ) {}
}

/** A `torch.<qscheme>` global such as `torch.per_tensor_affine`. */
export class PickleQScheme {
  constructor(readonly name: string) {}
}

/**
 * A global that is a value rather than a function: the storage types (`torch.FloatStorage`) in
 * persistent ids. A custom `persistentLoad` receives them inside the pid tuple.
 */
export class PickleGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}

  get qualifiedName(): string {
    return `${this.module}.${this.name}`;
  }
}
