/**
 * nn.init's in-place initializers. Each writes through tensorData (PyTorch's `with torch.no_grad()`)
 * and draws from the default generator in PyTorch's order, so that after the same manualSeed the
 * values equal PyTorch's bit for bit. They return the tensor, as PyTorch's do.
 */
import { type Tensor, torchOps } from '@tsjit/tensor';
import { tensorData } from '../module/tensor-data.js';
import { calculateCorrectFan, calculateFanInAndFanOut } from './calculate-fan-in-and-fan-out.js';
import { calculateGain, type Nonlinearity } from './calculate-gain.js';

export function uniform_(tensor: Tensor, a = 0.0, b = 1.0): Tensor {
  torchOps.uniform_(tensorData(tensor), a, b);
  return tensor;
}

export function normal_(tensor: Tensor, mean = 0.0, std = 1.0): Tensor {
  torchOps.normal_(tensorData(tensor), mean, std);
  return tensor;
}

/** trunc_normal_: PyTorch's inverse-CDF method (uniform draws mapped through erfinv), then clamped to [a, b]. */
export function truncNormal_(tensor: Tensor, mean = 0.0, std = 1.0, a = -2.0, b = 2.0): Tensor {
  const normCdf = (x: number) => (1.0 + erf(x / Math.sqrt(2.0))) / 2.0;
  const l = normCdf((a - mean) / std);
  const u = normCdf((b - mean) / std);
  const t = tensorData(tensor);
  torchOps.uniform_(t, 2 * l - 1, 2 * u - 1);
  torchOps.erfinv_(t);
  torchOps.mul_(t, std * Math.sqrt(2.0));
  torchOps.add_(t, mean);
  torchOps.clamp_(t, a, b);
  return tensor;
}

// Python's math.erf (W. J. Cody's rational approximations are what libm uses; this series/continued
// fraction pair is accurate to double precision, enough for the two bounds above).
function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    let sum = ax;
    let term = ax;
    const x2 = ax * ax;
    for (let n = 1; n < 100; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return Math.sign(x) * ((2 / Math.sqrt(Math.PI)) * sum);
  }
  // erfc by a continued fraction for large |x|.
  let f = 0;
  for (let n = 60; n >= 1; n--) f = n / 2 / (ax + f);
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
  return Math.sign(x) * (1 - erfc);
}

export function constant_(tensor: Tensor, val: number): Tensor {
  torchOps.fill_(tensorData(tensor), val);
  return tensor;
}

export function ones_(tensor: Tensor): Tensor {
  return constant_(tensor, 1);
}

export function zeros_(tensor: Tensor): Tensor {
  torchOps.zero_(tensorData(tensor));
  return tensor;
}

/** eye_: the identity matrix into a 2-d tensor. */
export function eye_(tensor: Tensor): Tensor {
  if (tensor.dim() !== 2) throw new Error('Only tensors with 2 dimensions are supported');
  torchOps.copy_(tensorData(tensor), torchOps.eye(tensor.size(0), tensor.size(1), { dtype: tensor.dtype }));
  return tensor;
}

/** dirac_: the Dirac delta for {3, 4, 5}-d convolution weights (identity on the first min(out, in) channels per group). */
export function dirac_(tensor: Tensor, groups = 1): Tensor {
  const dims = tensor.dim();
  if (dims < 3 || dims > 5) throw new Error('Only tensors with 3, 4, or 5 dimensions are supported');
  const sizes = tensor.sizes;
  if (sizes[0] % groups !== 0) throw new Error('dim 0 must be divisible by groups');
  const outChansPerGrp = sizes[0] / groups;
  const minDim = Math.min(outChansPerGrp, sizes[1]);
  const t = tensorData(tensor);
  torchOps.zero_(t);
  for (let g = 0; g < groups; g++) {
    for (let d = 0; d < minDim; d++) {
      let v = torchOps.select(torchOps.select(t, 0, g * outChansPerGrp + d), 0, d);
      for (let k = 2; k < dims; k++) v = torchOps.select(v, 0, Math.floor(sizes[k] / 2));
      torchOps.fill_(v, 1);
    }
  }
  return tensor;
}

export function xavierUniform_(tensor: Tensor, gain = 1.0): Tensor {
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  const a = Math.sqrt(3.0) * std;
  return uniform_(tensor, -a, a);
}

export function xavierNormal_(tensor: Tensor, gain = 1.0): Tensor {
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  const std = gain * Math.sqrt(2.0 / (fanIn + fanOut));
  return normal_(tensor, 0, std);
}

export interface KaimingOptions {
  /** The negative slope of the rectifier after this layer (leaky_relu only). Default 0. */
  a?: number;
  mode?: 'fan_in' | 'fan_out';
  nonlinearity?: Nonlinearity;
}

/** kaiming_uniform_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu'). */
export function kaimingUniform_(tensor: Tensor, options: KaimingOptions = {}): Tensor {
  if (tensor.sizes.includes(0)) {
    console.warn('Initializing zero-element tensors is a no-op');
    return tensor;
  }
  const fan = calculateCorrectFan(tensor, options.mode ?? 'fan_in');
  const gain = calculateGain(options.nonlinearity ?? 'leaky_relu', options.a ?? 0);
  const std = gain / Math.sqrt(fan);
  const bound = Math.sqrt(3.0) * std;
  return uniform_(tensor, -bound, bound);
}

/** kaiming_normal_(tensor, a=0, mode='fan_in', nonlinearity='leaky_relu'). */
export function kaimingNormal_(tensor: Tensor, options: KaimingOptions = {}): Tensor {
  if (tensor.sizes.includes(0)) {
    console.warn('Initializing zero-element tensors is a no-op');
    return tensor;
  }
  const fan = calculateCorrectFan(tensor, options.mode ?? 'fan_in');
  const gain = calculateGain(options.nonlinearity ?? 'leaky_relu', options.a ?? 0);
  const std = gain / Math.sqrt(fan);
  return normal_(tensor, 0, std);
}

/**
 * orthogonal_: PyTorch draws a normal matrix (rows × cols, transposed when rows < cols), takes its
 * QR decomposition, fixes the signs by diag(R), and scales by gain. The draws are PyTorch's; the QR
 * here is Householder in float64, which matches LAPACK's up to rounding.
 */
export function orthogonal_(tensor: Tensor, gain = 1): Tensor {
  if (tensor.dim() < 2) throw new Error('Only tensors with 2 or more dimensions are supported');
  if (tensor.numel() === 0) return tensor;
  const rows = tensor.size(0);
  const cols = tensor.numel() / rows;
  const flat = torchOps.normal_(torchOps.empty([rows, cols], { dtype: tensor.dtype }), 0, 1);
  let m = rows;
  let n = cols;
  let values = (rows < cols ? torchOps.t(flat) : flat).toFlatArray() as number[];
  if (rows < cols) [m, n] = [cols, rows];
  // Householder QR of the m × n matrix (m >= n): Q is m × n with R's diagonal positive.
  const a = Float64Array.from(values);
  const vs: Float64Array[] = [];
  const rdiag = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let norm = 0;
    for (let i = k; i < m; i++) norm += a[i * n + k] ** 2;
    norm = Math.sqrt(norm);
    const alpha = a[k * n + k] > 0 ? -norm : norm;
    const v = new Float64Array(m);
    for (let i = k; i < m; i++) v[i] = a[i * n + k];
    v[k] -= alpha;
    let vnorm = 0;
    for (let i = k; i < m; i++) vnorm += v[i] ** 2;
    if (vnorm > 0) {
      for (let j = k; j < n; j++) {
        let dot = 0;
        for (let i = k; i < m; i++) dot += v[i] * a[i * n + j];
        const f = (2 * dot) / vnorm;
        for (let i = k; i < m; i++) a[i * n + j] -= f * v[i];
      }
    }
    vs.push(vnorm > 0 ? v.map((x) => x / Math.sqrt(vnorm)) : v);
    rdiag[k] = a[k * n + k];
  }
  // Q = H0 H1 ... H(n-1) applied to the first n columns of the identity.
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) q[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    const v = vs[k];
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i] * q[i * n + j];
      for (let i = k; i < m; i++) q[i * n + j] -= 2 * dot * v[i];
    }
  }
  for (let j = 0; j < n; j++) {
    const s = Math.sign(rdiag[j]) || 1;
    for (let i = 0; i < m; i++) q[i * n + j] *= s * gain;
  }
  values = Array.from(q);
  let result = torchOps.reshape(torchOps.tensor(values, { dtype: tensor.dtype }), [m, n]);
  if (rows < cols) result = torchOps.t(result);
  torchOps.copy_(tensorData(tensor), torchOps.reshape(result, tensor.sizes as number[]));
  return tensor;
}
