/**
 * The sequence RNN ops (lstm.input, gru.input, rnn_tanh.input, rnn_relu.input) on fused kernels:
 * the forward runs one GEMM per layer for the input projection and, per step, one GEMM for the
 * hidden part and one fused cell kernel (K.rnnCell) that writes the new states and the gate
 * activations. When gradients will be needed (grad mode on and an argument requires grad) the
 * forward keeps what back-propagation through time needs (activations, cell states, layer inputs
 * and outputs, the between-layer dropout masks) in a side table keyed by the op's result list, so
 * the derivative rule runs BPTT on kernels without recomputing the forward: per step one fused
 * backward kernel and one GEMM, per layer one GEMM each for the input and weight gradients.
 *
 * The rule falls back to the op-based BPTT (rnnBackwardF) whenever that fast path cannot be
 * trusted: another F (symbolic differentiation), grad mode on (create_graph: the backward must
 * itself be recorded), no saved state (released after a backward, or an impl run without grad),
 * or a saved tensor changed in place since the forward (the fallback then reports it as PyTorch does).
 */

import * as K from '@tsjit/kernels';
import { defaultGenerator } from '../core/generator.js';
import { contiguousStrides, numel } from '../core/helpers.js';
import type { Functions, OpContext, TensorLike } from '../core/tensor-like.js';
import { tensorOfValues } from './factory.js';
import type { RnnArgs } from './rnn.js';
import { bernoulliScalarValues } from './random.js';

type T = TensorLike;
type Kind = 'lstm' | 'gru' | 'rnn_tanh' | 'rnn_relu';
const GATES: Record<Kind, number> = { lstm: 4, gru: 3, rnn_tanh: 1, rnn_relu: 1 };

/** Counts of the derivative rule's paths (tests check that the fast path is taken), and a switch. */
export const rnnFastPath = { enabled: true, forward: 0, saved: 0, backward: 0, fallback: 0 };

interface DirState {
  /** Gate activations per step [steps, B, G*H] (LSTM i,f,g,o; GRU r,z,n); null for tanh/relu (h is in `out`). */
  readonly acts: T | null;
  /** LSTM cell states per step [steps, B, H]. */
  readonly cells: T | null;
  /** GRU hidden projections h W_hh^T + b_hh per step [steps, B, 3H]. */
  readonly gh: T | null;
  /** Initial states [B, H] (contiguous copies). */
  readonly h0: T;
  readonly c0: T | null;
}

interface LayerState {
  /** The layer's input as [steps * B, in] (after the previous layer's dropout). */
  readonly input2d: T;
  /** The layer's output [steps, B, dirs * H] (before dropout). */
  readonly out: T;
  readonly dirs: DirState[];
  /** The dropout noise applied to `out` to give the next layer's input (already divided by 1 - p). */
  readonly mask: T | null;
}

interface RnnState {
  readonly ctx: OpContext;
  readonly kind: Kind;
  readonly layers: LayerState[];
  /** Tensors the fast rule reads and their storage versions at the end of the forward. */
  readonly versions: [T, number][];
}

/** Saved forward state by the op's result list (the object the tape hands back to the rule as `result`). */
const states = new WeakMap<object, RnnState>();

// The eager tensor's version counter (bumped by in-place ops); other TensorLikes have none.
const versionOf = (t: T): number => (t as any).storage?.version ?? 0;

/** The between-layer dropout masks of a result whose forward saved them, for the op-based rule. */
export function savedDropoutMasks(result: unknown): (T | null)[] | null {
  const s = typeof result === 'object' && result !== null ? states.get(result) : undefined;
  return s === undefined ? null : s.layers.map((l) => l.mask);
}

function view(ctx: OpContext, t: T, sizes: readonly number[], strides: readonly number[], offset: number): T {
  return ctx.view(t, sizes, strides, offset);
}

/** t[i] along dim 0. */
function at0(ctx: OpContext, t: T, i: number): T {
  return view(ctx, t, t.sizes.slice(1), t.strides.slice(1), t.offset + i * t.strides[0]);
}

/** Columns [start, start + n) of a 2-d view. */
function cols(ctx: OpContext, t: T, start: number, n: number): T {
  return view(ctx, t, [t.sizes[0], n], t.strides, t.offset + start * t.strides[1]);
}

function transposed(ctx: OpContext, t: T): T {
  return view(ctx, t, [t.sizes[1], t.sizes[0]], [t.strides[1], t.strides[0]], t.offset);
}

/** A row-major copy of a matrix's transpose. */
function transposedCopy(ctx: OpContext, t: T): T {
  const out = ctx.uninitialized([t.sizes[1], t.sizes[0]], t.dtype);
  K.copy(out, transposed(ctx, t));
  return out;
}

function contiguous(ctx: OpContext, t: T): T {
  const want = contiguousStrides(t.sizes);
  if (t.sizes.every((n, i) => n <= 1 || t.strides[i] === want[i])) {
    return view(ctx, t, t.sizes, want, t.offset);
  }
  const out = ctx.uninitialized(t.sizes, t.dtype);
  K.copy(out, t);
  return out;
}

/** Rows [r0, r0 + n) of the [steps * B, w] matrix that a [steps, B, W] tensor's column block [c0, c0 + w) forms. */
function rowsOf(ctx: OpContext, t3: T, r0: number, n: number, c0: number, w: number): T {
  // A [steps, B, W] contiguous tensor flattens to rows of stride W.
  const W = t3.sizes[2];
  return view(ctx, t3, [n, w], [W, 1], t3.offset + r0 * W + c0);
}

/** The sequence op's arguments, as `rnnForward` takes them. */
export type FastArgs = RnnArgs;

function weightsOf(params: readonly T[], hasBiases: boolean, dirs: number, l: number, d: number): (T | null)[] {
  const per = hasBiases ? 4 : 2;
  const at = (l * dirs + d) * per;
  return hasBiases ? params.slice(at, at + 4) : [params[at], params[at + 1], null, null];
}

/** The dtypes the fused cell kernels compute. */
export function fastRnnDtype(dtype: string): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

/**
 * The forward (arguments already checked by rnnForward). Returns [output, h_n] or [output, h_n, c_n].
 */
export function rnnForwardFast(ctx: OpContext, kind: Kind, a: FastArgs): T[] {
  const { input, hx, params, hasBiases, numLayers, bidirectional, batchFirst } = a;
  const dtype = input.dtype as K.DType;
  const dirs = bidirectional ? 2 : 1;
  const G = GATES[kind];
  const x0 = batchFirst
    ? view(
        ctx,
        input,
        [input.sizes[1], input.sizes[0], input.sizes[2]],
        [input.strides[1], input.strides[0], input.strides[2]],
        input.offset,
      )
    : input;
  const [steps, batch] = x0.sizes;
  const H = params[1].sizes[1];
  const save =
    ctx.isGradEnabled?.() === true &&
    ctx.requiresGrad !== undefined &&
    [input, ...hx, ...params].some((t) => ctx.requiresGrad!(t));
  rnnFastPath.forward++;
  const hN = ctx.empty([numLayers * dirs, batch, H], dtype);
  const cN = kind === 'lstm' ? ctx.empty([numLayers * dirs, batch, H], dtype) : null;
  const layers: LayerState[] = [];
  let layerInput: T = x0;
  for (let l = 0; l < numLayers; l++) {
    const inSize = layerInput.sizes[2];
    const input2d = contiguous(ctx, layerInput);
    const flat = view(ctx, input2d, [steps * batch, inSize], [inSize, 1], input2d.offset);
    const out = ctx.uninitialized([steps, batch, dirs * H], dtype);
    const dirStates: DirState[] = [];
    for (let d = 0; d < dirs; d++) {
      const [wIh, wHh, bIh, bHh] = weightsOf(params, hasBiases, dirs, l, d) as [T, T, T | null, T | null];
      const k = l * dirs + d;
      // The input projection of every step in one GEMM; the LSTM's and Elman cells' hidden bias joins it.
      const proj = ctx.uninitialized([steps, batch, G * H], dtype);
      const proj2d = view(ctx, proj, [steps * batch, G * H], [G * H, 1], proj.offset);
      if (bIh !== null) {
        K.copy(proj2d, view(ctx, bIh, proj2d.sizes, [0, bIh.strides[0]], bIh.offset));
        if (kind !== 'gru' && bHh !== null) {
          K.binary('add', proj2d, proj2d, view(ctx, bHh, proj2d.sizes, [0, bHh.strides[0]], bHh.offset));
        }
        K.gemm(proj2d, flat, transposedCopy(ctx, wIh), { beta: 1 });
      } else {
        K.gemm(proj2d, flat, transposedCopy(ctx, wIh));
      }
      // The GEMM runs about twice as fast with a row-major right operand than with a transposed
      // view; one copy of W_hh^T serves every step.
      const wHhT = transposedCopy(ctx, wHh);
      const h0 = contiguous(ctx, at0(ctx, hx[0], k));
      const c0 = kind === 'lstm' ? contiguous(ctx, at0(ctx, hx[1], k)) : null;
      const cells = kind === 'lstm' ? ctx.uninitialized([steps, batch, H], dtype) : null;
      const gh = kind === 'gru' ? ctx.uninitialized([steps, batch, G * H], dtype) : null;
      let h: T = h0;
      let c: T | null = c0;
      for (let s = 0; s < steps; s++) {
        const t = d === 0 ? s : steps - 1 - s;
        const gates = at0(ctx, proj, t);
        const hOut = cols(ctx, at0(ctx, out, t), d * H, H);
        if (kind === 'gru') {
          const ghT = at0(ctx, gh!, t);
          if (bHh !== null) {
            K.copy(ghT, view(ctx, bHh, ghT.sizes, [0, bHh.strides[0]], bHh.offset));
            K.gemm(ghT, h, wHhT, { beta: 1 });
          } else {
            K.gemm(ghT, h, wHhT);
          }
          K.rnnCell('gru', false, batch, H, [gates, ghT, h, hOut, null, null, null, null]);
        } else {
          K.gemm(gates, h, wHhT, { beta: 1 });
          if (kind === 'lstm') {
            const cOut = at0(ctx, cells!, t);
            K.rnnCell('lstm', false, batch, H, [gates, c, cOut, hOut, null, null, null, null]);
            c = cOut;
          } else {
            K.rnnCell(kind, false, batch, H, [gates, null, null, hOut, null, null, null, null]);
          }
        }
        h = hOut;
      }
      K.copy(at0(ctx, hN, k), h);
      if (cN !== null) K.copy(at0(ctx, cN, k), c!);
      dirStates.push({ acts: kind === 'lstm' || kind === 'gru' ? proj : null, cells, gh, h0, c0 });
    }
    let mask: T | null = null;
    layerInput = out;
    if (a.train && a.dropout > 0 && l < numLayers - 1 && numel(out.sizes) > 0) {
      // Inverted dropout between layers drawn as aten::dropout draws it (one Bernoulli per element
      // from the default generator), keeping the scaled noise as the mask of the backward.
      const p = a.dropout;
      const noise =
        p === 1
          ? ctx.empty(out.sizes, dtype)
          : tensorOfValues(ctx, out.sizes, dtype, bernoulliScalarValues(defaultGenerator, numel(out.sizes), 1 - p));
      if (p !== 1) {
        const scale = ctx.empty([], dtype);
        K.fill(scale, 1 - p);
        K.binary('div', noise, noise, scale);
      }
      const dropped = ctx.uninitialized(out.sizes, dtype);
      K.binary('mul', dropped, out, noise);
      layerInput = dropped;
      mask = noise;
    }
    layers.push({ input2d: flat, out, dirs: dirStates, mask });
  }
  const output = batchFirst
    ? contiguous(
        ctx,
        view(
          ctx,
          layerInput,
          [batch, steps, layerInput.sizes[2]],
          [layerInput.strides[1], layerInput.strides[0], layerInput.strides[2]],
          layerInput.offset,
        ),
      )
    : layerInput;
  const result = cN !== null ? [output, hN, cN] : [output, hN];
  if (save) {
    rnnFastPath.saved++;
    const watched: T[] = [input, ...hx, ...params, ...result];
    states.set(result, { ctx, kind, layers, versions: watched.map((t) => [t, versionOf(t)]) });
  }
  return result;
}

/**
 * The derivative rule's fast path: null when it does not apply (the caller then runs rnnBackwardF).
 * grads = [dOutput, dH_n, (dC_n)].
 */
export function rnnBackwardFast(
  F: Functions,
  kind: Kind,
  a: any,
  grads: readonly any[],
): { input: T | null; hx: T[]; params: (T | null)[] } | null {
  const s = typeof a.result === 'object' && a.result !== null ? states.get(a.result) : undefined;
  if (
    s === undefined ||
    !rnnFastPath.enabled ||
    s.kind !== kind ||
    F !== s.ctx.F ||
    s.ctx.isGradEnabled?.() !== false ||
    s.versions.some(([t, v]) => versionOf(t) !== v)
  ) {
    rnnFastPath.fallback++;
    return null;
  }
  rnnFastPath.backward++;
  const ctx = s.ctx;
  const { params, has_biases: hasBiases, num_layers: numLayers, bidirectional, batch_first: batchFirst } = a;
  const dirs = bidirectional ? 2 : 1;
  const G = GATES[kind];
  const out0 = s.layers[0].out;
  const [steps, batch] = out0.sizes;
  const H = params[1].sizes[1];
  const dtype = out0.dtype as K.DType;
  const dParams: (T | null)[] = params.map(() => null);
  const dH = ctx.empty([numLayers * dirs, batch, H], dtype);
  const dC = kind === 'lstm' ? ctx.empty([numLayers * dirs, batch, H], dtype) : null;
  const ones = ctx.uninitialized([1, steps * batch], dtype);
  K.fill(ones, 1);
  // The gradient of the last layer's output as a contiguous [steps, B, dirs * H].
  let dOut: T | null = null;
  if (grads[0] != null) {
    const g = grads[0] as T;
    dOut = contiguous(
      ctx,
      batchFirst
        ? view(ctx, g, [g.sizes[1], g.sizes[0], g.sizes[2]], [g.strides[1], g.strides[0], g.strides[2]], g.offset)
        : g,
    );
  }
  let dInput: T | null = null;
  // The first layer's input gradient is one of the largest GEMMs: skipped when the input needs none
  // (the usual training batch), as PyTorch's output_mask does.
  const inputNeedsGrad = ctx.requiresGrad?.(a.input) ?? true;
  for (let l = numLayers - 1; l >= 0; l--) {
    const layer = s.layers[l];
    const inSize = layer.input2d.sizes[1];
    const needIn = l > 0 || inputNeedsGrad;
    const dIn = ctx.uninitialized([steps, batch, needIn ? inSize : 0], dtype);
    const dIn2d = view(ctx, dIn, [steps * batch, needIn ? inSize : 0], [needIn ? inSize : 1, 1], dIn.offset);
    for (let d = 0; d < dirs; d++) {
      const k = l * dirs + d;
      const st = layer.dirs[d];
      const [wIh, wHh] = weightsOf(params, hasBiases, dirs, l, d) as [T, T];
      const dG = ctx.uninitialized([steps, batch, G * H], dtype);
      const dGh = kind === 'gru' ? ctx.uninitialized([steps, batch, G * H], dtype) : dG;
      const dhBuf = at0(ctx, dH, k);
      const dcBuf = dC === null ? null : at0(ctx, dC, k);
      let rec: T | null = grads[1] == null ? null : contiguous(ctx, at0(ctx, grads[1], k));
      let dc: T | null = kind === 'lstm' && grads[2] != null ? contiguous(ctx, at0(ctx, grads[2], k)) : null;
      const hPrevOf = (t: number): T => {
        const p = d === 0 ? t - 1 : t + 1;
        return p < 0 || p >= steps ? st.h0 : cols(ctx, at0(ctx, layer.out, p), d * H, H);
      };
      for (let i = steps - 1; i >= 0; i--) {
        const t = d === 0 ? i : steps - 1 - i;
        const dOutT = dOut === null ? null : cols(ctx, at0(ctx, dOut, t), d * H, H);
        const dGt = at0(ctx, dG, t);
        if (kind === 'lstm') {
          const p = d === 0 ? t - 1 : t + 1;
          const cPrev = p < 0 || p >= steps ? st.c0 : at0(ctx, st.cells!, p);
          K.rnnCell('lstm', true, batch, H, [
            at0(ctx, st.acts!, t),
            cPrev,
            at0(ctx, st.cells!, t),
            dOutT,
            rec,
            dc,
            dGt,
            dcBuf,
          ]);
          dc = dcBuf;
          K.gemm(dhBuf, dGt, wHh);
        } else if (kind === 'gru') {
          const dGht = at0(ctx, dGh, t);
          K.rnnCell('gru', true, batch, H, [
            at0(ctx, st.acts!, t),
            at0(ctx, st.gh!, t),
            hPrevOf(t),
            dOutT,
            rec,
            dGt,
            dGht,
            dhBuf,
          ]);
          K.gemm(dhBuf, dGht, wHh, { beta: 1 });
        } else {
          const hT = cols(ctx, at0(ctx, layer.out, t), d * H, H);
          K.rnnCell(kind, true, batch, H, [hT, null, null, dOutT, rec, null, dGt, null]);
          K.gemm(dhBuf, dGt, wHh);
        }
        rec = dhBuf;
      }
      if (dcBuf !== null && dc !== dcBuf) K.copy(dcBuf, dc ?? dcBuf);
      // Weight and input gradients over all steps at once.
      const per = hasBiases ? 4 : 2;
      const at = k * per;
      const dG2 = view(ctx, dG, [steps * batch, G * H], [G * H, 1], dG.offset);
      const dGh2 = view(ctx, dGh, [steps * batch, G * H], [G * H, 1], dGh.offset);
      const dWih = ctx.uninitialized([G * H, inSize], dtype);
      K.gemm(dWih, transposed(ctx, dG2), layer.input2d);
      const dWhh = ctx.uninitialized([G * H, H], dtype);
      // h_prev of the steps that follow another step are columns of the layer output; the first
      // step of the direction reads h0.
      const first = d === 0 ? 0 : steps - 1;
      const firstRows = view(ctx, dGh2, [batch, G * H], dGh2.strides, dGh2.offset + first * batch * G * H);
      K.gemm(dWhh, transposed(ctx, firstRows), st.h0);
      if (steps > 1) {
        const n = (steps - 1) * batch;
        const gRows = view(ctx, dGh2, [n, G * H], dGh2.strides, dGh2.offset + (d === 0 ? batch * G * H : 0));
        const hRows = rowsOf(ctx, layer.out, d === 0 ? 0 : batch, n, d * H, H);
        K.gemm(dWhh, transposed(ctx, gRows), hRows, { beta: 1 });
      }
      dParams[at] = dWih;
      dParams[at + 1] = dWhh;
      if (hasBiases) {
        const bIh = ctx.uninitialized([1, G * H], dtype);
        K.gemm(bIh, ones, dG2);
        const bHh = ctx.uninitialized([1, G * H], dtype);
        if (dGh === dG) K.copy(bHh, bIh);
        else K.gemm(bHh, ones, dGh2);
        dParams[at + 2] = view(ctx, bIh, [G * H], [1], bIh.offset);
        dParams[at + 3] = view(ctx, bHh, [G * H], [1], bHh.offset);
      }
      if (needIn) K.gemm(dIn2d, dG2, wIh, d === 0 ? {} : { beta: 1 });
    }
    if (l > 0) {
      const mask = s.layers[l - 1].mask;
      if (mask !== null) K.binary('mul', dIn, dIn, mask);
      dOut = dIn;
    } else {
      dInput = dIn;
    }
  }
  let dX: T | null = inputNeedsGrad ? (dInput as T) : null;
  if (dX !== null && batchFirst) {
    dX = view(ctx, dX, [batch, steps, dX.sizes[2]], [dX.strides[1], dX.strides[0], dX.strides[2]], dX.offset);
  }
  return { input: dX, hx: dC === null ? [dH] : [dH, dC], params: dParams };
}
