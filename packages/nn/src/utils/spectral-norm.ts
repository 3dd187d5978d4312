import { OpError } from '@tsjit/ops';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { ConvTranspose1d, ConvTranspose2d } from '../layers/conv.js';
import { type Module, Parameter, tensorData } from '../module/index.js';
import type { RemovableHandle } from '../module/removable-handle.js';
import { withoutGrad } from '../optim/grad-mode.js';

interface Registration {
  readonly dim: number;
  readonly nPowerIterations: number;
  readonly eps: number;
  readonly handle: RemovableHandle;
}

const registrations = new WeakMap<Module, Map<string, Registration>>();

type Slots = Record<string, unknown> & { deleteSlot(name: string): void };

// SpectralNorm.reshape_weight_to_matrix: the `dim` axis first, the rest flattened.
function toMatrix(weight: Tensor, dim: number): Tensor {
  let w = weight;
  if (dim !== 0) {
    const rest = Array.from({ length: w.dim() }, (_, d) => d).filter((d) => d !== dim);
    w = T.permute(w, [dim, ...rest]);
  }
  return T.reshape(w, [w.size(0) as number, -1]);
}

// F.normalize(x, dim=0, eps) written into `out` (PyTorch's out= form, run under no_grad).
function normalizeInto(x: Tensor, eps: number, out: Tensor | null): Tensor {
  const result = T.div(x, T.clampMin(T.norm(x, 2, [0], true), eps));
  if (out === null) return result;
  tensorData(out).copy_(result);
  return out;
}

function compute(module: Module, name: string, r: Omit<Registration, 'handle'>, powerIteration: boolean): Tensor {
  const m = module as unknown as Record<string, Tensor>;
  const weight = m[`${name}_orig`];
  let u = m[`${name}_u`];
  let v = m[`${name}_v`];
  const weightMat = toMatrix(weight, r.dim);
  if (powerIteration) {
    withoutGrad(() => {
      for (let i = 0; i < r.nPowerIterations; i++) {
        v = normalizeInto(T.mv(T.t(weightMat), u), r.eps, v);
        u = normalizeInto(T.mv(weightMat, v), r.eps, u);
      }
      // Copies: the buffers are updated in place by the next forward, the gradient needs these.
      u = T.clone(u);
      v = T.clone(v);
    });
  }
  const sigma = T.dot(u, T.mv(weightMat, v));
  return T.div(weight, sigma);
}

/**
 * torch.nn.utils.spectral_norm: the parameter `name` becomes `${name}_orig`, with buffers
 * `${name}_u` and `${name}_v` (drawn from the normal distribution and normalized, as PyTorch draws
 * them); before every forward the weight is `${name}_orig` divided by its largest singular value,
 * estimated by `nPowerIterations` steps of power iteration in training mode (none in eval mode).
 * `dim` defaults to 1 for ConvTranspose layers, else 0. PyTorch also records a version in the
 * state dict's metadata, which tsjit's state dicts do not carry.
 */
export function spectralNorm<M extends Module>(
  module: M,
  name = 'weight',
  nPowerIterations = 1,
  eps = 1e-12,
  dim: number | null = null,
): M {
  const byName = registrations.get(module) ?? new Map<string, Registration>();
  if (byName.has(name)) {
    throw new OpError(`Cannot register two spectral_norm hooks on the same parameter ${name}`);
  }
  const d = dim ?? (module instanceof ConvTranspose1d || module instanceof ConvTranspose2d ? 1 : 0);
  if (nPowerIterations <= 0) {
    throw new OpError(
      `Expected n_power_iterations to be positive, but got n_power_iterations=${nPowerIterations}`,
      'ValueError',
    );
  }
  const m = module as unknown as Slots;
  const weight = m[name];
  if (!(weight instanceof Parameter)) {
    throw new OpError(`\`SpectralNorm\` cannot be applied as parameter \`${name}\` is None`, 'ValueError');
  }
  const [u, v] = withoutGrad(() => {
    const [h, w] = toMatrix(weight, d).sizes;
    const draw = (n: number) => normalizeInto(T.normal_(T.empty([n], { dtype: weight.dtype }), 0, 1), eps, null);
    const first = draw(h);
    return [first, draw(w)];
  });
  m.deleteSlot(name);
  module.registerParameter(`${name}_orig`, weight);
  m[name] = tensorData(weight);
  module.registerBuffer(`${name}_u`, u);
  module.registerBuffer(`${name}_v`, v);
  const settings = { dim: d, nPowerIterations, eps };
  const handle = module.registerForwardPreHook((mod) => {
    (mod as unknown as Record<string, unknown>)[name] = compute(mod, name, settings, mod.training);
    return undefined;
  });
  byName.set(name, { ...settings, handle });
  registrations.set(module, byName);
  return module;
}

/** torch.nn.utils.remove_spectral_norm: the normalized weight back as one parameter. */
export function removeSpectralNorm<M extends Module>(module: M, name = 'weight'): M {
  const registration = registrations.get(module)?.get(name);
  if (registration === undefined) {
    throw new OpError(`spectral_norm of '${name}' not found in ${module.toString()}`, 'ValueError');
  }
  const weight = withoutGrad(() => compute(module, name, registration, false));
  const m = module as unknown as Slots;
  delete m[name];
  m.deleteSlot(`${name}_u`);
  m.deleteSlot(`${name}_v`);
  m.deleteSlot(`${name}_orig`);
  module.registerParameter(name, new Parameter(tensorData(weight)));
  registration.handle.remove();
  registrations.get(module)?.delete(name);
  return module;
}
