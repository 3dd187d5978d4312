/**
 * torch.autograd.gradcheck: the Jacobian from the tape (one backward per output element) against
 * central finite differences, element by element, |analytical - numerical| <= atol + rtol *
 * |numerical|. Inputs should be float64 (float32 differences are too noisy for eps = 1e-6).
 */
import { eagerContext, readValues, type Tensor } from '@tsjit/tensor';
import { grad } from './autograd.js';
import { isFloating } from './node.js';

export interface GradcheckOptions {
  readonly eps?: number;
  readonly atol?: number;
  readonly rtol?: number;
  /** Throw on a mismatch (default) rather than return false. */
  readonly raiseException?: boolean;
}

export class GradcheckError extends Error {
  override name = 'GradcheckError';
}

/** Reads / writes element i (row-major) of a float tensor in place, whatever its strides. */
function elementAccess(t: Tensor): { get(i: number): number; set(i: number, v: number): void } {
  const view = new DataView(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  const size = t.dtype === 'float64' ? 8 : 4;
  if (t.dtype !== 'float64' && t.dtype !== 'float32')
    throw new GradcheckError(`gradcheck: unsupported dtype ${t.dtype}`);
  const at = (i: number) => {
    let pos = t.offset;
    for (let d = t.sizes.length - 1; d >= 0; d--) {
      pos += (i % t.sizes[d]) * t.strides[d];
      i = Math.floor(i / t.sizes[d]);
    }
    return pos * size;
  };
  return size === 8
    ? { get: (i) => view.getFloat64(at(i), true), set: (i, v) => view.setFloat64(at(i), v, true) }
    : { get: (i) => view.getFloat32(at(i), true), set: (i, v) => view.setFloat32(at(i), v, true) };
}

function flatValues(t: Tensor): number[] {
  return readValues(t).map(Number);
}

export function gradcheck(
  fn: (...inputs: Tensor[]) => Tensor | readonly Tensor[],
  inputs: Tensor | readonly Tensor[],
  options: GradcheckOptions = {},
): boolean {
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-3;
  const raise = options.raiseException ?? true;
  const list = (Array.isArray(inputs) ? inputs : [inputs]) as Tensor[];
  const diff = list.map((t, i) => ({ t, i })).filter(({ t }) => t.requiresGrad && isFloating(t.dtype));
  if (diff.length === 0) throw new GradcheckError('gradcheck expects at least one input tensor to require gradient');
  const run = () => {
    const r = fn(...list);
    return (Array.isArray(r) ? r : [r]) as Tensor[];
  };
  const outputs = run();
  const F = eagerContext.F;
  for (let o = 0; o < outputs.length; o++) {
    const out = outputs[o];
    if (!isFloating(out.dtype)) continue;
    const n = out.numel();
    // analytical[k][e][j]: d out[j] / d input_k[e].
    const analytical = diff.map(({ t }) => Array.from({ length: t.numel() }, () => new Array<number>(n).fill(0)));
    if (out.requiresGrad) {
      for (let j = 0; j < n; j++) {
        const onehot = F.zerosLike(out, { memory_format: 'contiguous_format' }) as Tensor;
        elementAccess(onehot).set(j, 1);
        const gs = grad(
          [out],
          diff.map(({ t }) => t),
          [onehot],
          { retainGraph: true, allowUnused: true },
        );
        gs.forEach((g, k) => {
          if (g === null) return;
          flatValues(g).forEach((v, e) => {
            analytical[k][e][j] = v;
          });
        });
      }
    }
    for (let k = 0; k < diff.length; k++) {
      const { t, i } = diff[k];
      const acc = elementAccess(t);
      for (let e = 0; e < t.numel(); e++) {
        const x0 = acc.get(e);
        let plus: number[];
        let minus: number[];
        try {
          acc.set(e, x0 + eps);
          plus = flatValues(run()[o]);
          acc.set(e, x0 - eps);
          minus = flatValues(run()[o]);
        } finally {
          acc.set(e, x0);
        }
        for (let j = 0; j < n; j++) {
          const numerical = (plus[j] - minus[j]) / (2 * eps);
          const a = analytical[k][e][j];
          if (!(Math.abs(a - numerical) <= atol + rtol * Math.abs(numerical))) {
            if (!raise) return false;
            throw new GradcheckError(
              `Jacobian mismatch for output ${o} with respect to input ${i},\n` +
                `numerical: d out[${j}] / d in[${e}] = ${numerical}\nanalytical: ${a}\n`,
            );
          }
        }
      }
    }
  }
  return true;
}
