import { OpError } from '@tsjit/ops';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { type Module, Parameter, tensorData } from '../module/index.js';
import type { RemovableHandle } from '../module/removable-handle.js';

/**
 * torch.norm_except_dim: the `pow`-norm over every dimension but `dim`, shaped to broadcast
 * against `v` (size 1 elsewhere); dim -1 means over the whole tensor (a 0-d result).
 */
export function normExceptDim(v: Tensor, pow = 2, dim = 0): Tensor {
  const n = v.dim();
  if (dim === -1) return T.norm(v, pow);
  if (dim === 0) {
    const size0 = v.size(0) as number;
    const norms = T.norm(T.reshape(T.contiguous(v), [size0, -1]), pow, [1]);
    return T.reshape(norms, [size0, ...new Array(n - 1).fill(1)]);
  }
  if (dim === n - 1) {
    const last = v.size(n - 1) as number;
    const norms = T.norm(T.reshape(T.contiguous(v), [-1, last]), pow, [0]);
    return T.reshape(norms, [...new Array(n - 1).fill(1), last]);
  }
  return T.transpose(normExceptDim(T.transpose(v, 0, dim), pow, 0), 0, dim);
}

/** torch._weight_norm: v * (g / ‖v‖) with the norm over every dimension but `dim`. */
export function weightNormOf(v: Tensor, g: Tensor, dim = 0): Tensor {
  return T.mul(v, T.div(g, normExceptDim(v, 2, dim)));
}

interface Registration {
  readonly dim: number;
  readonly handle: RemovableHandle;
}

// The weight_norm hooks of each module by parameter name (PyTorch finds them among the forward
// pre-hooks by their class).
const registrations = new WeakMap<Module, Map<string, Registration>>();

type Slots = Record<string, unknown> & { deleteSlot(name: string): void };

function compute(module: Module, name: string, dim: number): Tensor {
  const m = module as unknown as Record<string, Tensor>;
  return weightNormOf(m[`${name}_v`], m[`${name}_g`], dim);
}

/**
 * torch.nn.utils.weight_norm: replaces the parameter `name` by its magnitude `${name}_g`
 * (norm_except_dim of the weight) and direction `${name}_v` (the weight), registered after the
 * module's other parameters as in PyTorch; the weight is recomputed from them before every
 * forward. `dim` null normalizes over the whole tensor.
 */
export function weightNorm<M extends Module>(module: M, name = 'weight', dim: number | null = 0): M {
  const byName = registrations.get(module) ?? new Map<string, Registration>();
  if (byName.has(name)) {
    throw new OpError(`Cannot register two weight_norm hooks on the same parameter ${name}`);
  }
  const d = dim ?? -1;
  const m = module as unknown as Slots;
  const weight = m[name];
  if (!(weight instanceof Parameter)) throw new OpError(`module has no parameter '${name}'`, 'ValueError');
  m.deleteSlot(name);
  module.registerParameter(`${name}_g`, new Parameter(tensorData(normExceptDim(tensorData(weight), 2, d))));
  module.registerParameter(`${name}_v`, new Parameter(tensorData(weight)));
  m[name] = compute(module, name, d);
  const handle = module.registerForwardPreHook((mod) => {
    (mod as unknown as Record<string, unknown>)[name] = compute(mod, name, d);
    return undefined;
  });
  byName.set(name, { dim: d, handle });
  registrations.set(module, byName);
  return module;
}

/** torch.nn.utils.remove_weight_norm: the weight back as one parameter, with its current value. */
export function removeWeightNorm<M extends Module>(module: M, name = 'weight'): M {
  const registration = registrations.get(module)?.get(name);
  if (registration === undefined) {
    throw new OpError(`weight_norm of '${name}' not found in ${module.toString()}`, 'ValueError');
  }
  const weight = tensorData(compute(module, name, registration.dim));
  const m = module as unknown as Slots;
  delete m[name];
  m.deleteSlot(`${name}_g`);
  m.deleteSlot(`${name}_v`);
  module.registerParameter(name, new Parameter(weight));
  registration.handle.remove();
  registrations.get(module)?.delete(name);
  return module;
}
