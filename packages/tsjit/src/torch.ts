import {
  autograd as eagerAutograd,
  enableGrad,
  gradcheck,
  inferenceMode,
  isGradEnabled,
  isInferenceModeEnabled,
  noGrad,
  setGradEnabled,
} from '@tsjit/autodiff';
import type { DType } from '@tsjit/kernels';
import { defaultGenerator, Generator, initialSeed, manualSeed } from '@tsjit/ops';
import { type TorchLoadOptions, torchLoad, torchSave } from '@tsjit/serialize';
import {
  fromArray,
  fromNpy,
  getPrintOptions,
  type OpFunctions,
  setPrintOptions,
  Tensor,
  tensor,
  toNpy,
  torchOps,
} from '@tsjit/tensor';

/**
 * `torch.save(obj, f)`: PyTorch 1.13's zip format, readable by `torch.load`. Writes `path` and
 * returns the archive's bytes.
 */
function save(value: unknown, path: string): Uint8Array {
  return torchSave(value, { path });
}

/** `torch.load(f)`: a file (or its bytes) written by `torch.save`, here or in PyTorch. */
function load(pathOrBytes: string | Uint8Array, options: TorchLoadOptions = {}): unknown {
  return torchLoad(pathOrBytes, options);
}

/** PyTorch's dtype names and aliases (`torch.float32`, `torch.float`, `torch.long`...), as tsjit's dtype strings. */
const dtypes = {
  float32: 'float32',
  float: 'float32',
  float64: 'float64',
  double: 'float64',
  float16: 'float16',
  half: 'float16',
  bfloat16: 'bfloat16',
  int64: 'int64',
  long: 'int64',
  int32: 'int32',
  int: 'int32',
  int16: 'int16',
  short: 'int16',
  int8: 'int8',
  uint8: 'uint8',
  bool: 'bool',
} as const satisfies Record<string, DType>;

const extras = {
  ...dtypes,
  Tensor,
  tensor,
  fromArray,
  fromNpy,
  toNpy,
  manualSeed,
  initialSeed,
  defaultGenerator,
  Generator,
  noGrad,
  enableGrad,
  inferenceMode,
  isGradEnabled,
  setGradEnabled,
  isInferenceModeEnabled,
  autograd: { ...eagerAutograd, gradcheck },
  save,
  load,
  getPrintOptions,
  setPrintOptions,
} as const;

export type Torch = OpFunctions & typeof extras;

/**
 * The `torch` namespace: every op as a function by camelCase name (`torch.zeros([2, 3])`,
 * `torch.matmul(a, b)`, `torch.randn([4])`), through the dispatcher as `torchOps`, plus tensor
 * creation from JS data, the random seed, grad modes, `autograd`, `save`/`load` and the dtypes.
 * The ops are looked up when called, so ops registered after import are there too.
 */
export const torch: Torch = new Proxy(extras as Torch, {
  get(target, name, receiver) {
    if (typeof name === 'string' && Object.hasOwn(target, name)) return Reflect.get(target, name, receiver);
    return (torchOps as unknown as Record<string | symbol, unknown>)[name];
  },
  has(target, name) {
    return Object.hasOwn(target, name) || name in torchOps;
  },
  ownKeys(target) {
    return [...new Set([...Reflect.ownKeys(target), ...Reflect.ownKeys(torchOps)])];
  },
  getOwnPropertyDescriptor(target, name) {
    if (Object.hasOwn(target, name)) return Reflect.getOwnPropertyDescriptor(target, name);
    return Reflect.getOwnPropertyDescriptor(torchOps, name);
  },
});
