/**
 * Recurrent cells and layers (LSTM, GRU, Elman tanh/relu) as decompositions: the forward runs on
 * kernels (gemm, unary, binary) step by step; the derivative rules recompute the forward with ops
 * and run back-propagation through time with the cell gradients below.
 */

import * as K from '@tsjit/kernels';
import { numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { Functions, OpContext, TensorLike } from '../core/tensor-like.js';
import { requireFloating } from './activation.js';
import { Calc } from './nn-math.js';
import { fastRnnDtype, rnnBackwardFast, rnnForwardFast, savedDropoutMasks } from './rnn-fast.js';

type T = TensorLike;
export type CellKind = 'lstm' | 'gru' | 'rnn_tanh' | 'rnn_relu';

export const GATES: Record<CellKind, number> = { lstm: 4, gru: 3, rnn_tanh: 1, rnn_relu: 1 };

/** A view of t[index] along dim 0 (shares storage, unlike a reshape of a non-contiguous narrow). */
function select0(ctx: OpContext, t: T, index: number): T {
  return ctx.view(t, t.sizes.slice(1), t.strides.slice(1), t.offset + index * t.strides[0]);
}

/** x [B, I] @ w^T [I, G] + b */
function linear(c: Calc, x: T, w: T, b: T | null): T {
  const y = c.matmul(x, c.transpose(w, 0, 1));
  return b == null ? y : c.add(y, b);
}

/** PyTorch's cell argument checks (check_rnn_cell_forward_input / _hidden). */
export function checkCell(input: T, hx: T, wIh: T, hiddenIndex: number): void {
  const inputSize = wIh.sizes[1];
  if (input.sizes[1] !== inputSize) {
    throw new OpError(`input has inconsistent input_size: got ${input.sizes[1]} expected ${inputSize}`);
  }
  if (input.sizes[0] !== hx.sizes[0]) {
    throw new OpError(
      `Input batch size ${input.sizes[0]} doesn't match hidden${hiddenIndex} batch size ${hx.sizes[0]}`,
    );
  }
}

export function checkHidden(hx: T, hiddenSize: number, hiddenIndex: number): void {
  if (hx.sizes[1] !== hiddenSize) {
    throw new OpError(`hidden${hiddenIndex} has inconsistent hidden_size: got ${hx.sizes[1]}, expected ${hiddenSize}`);
  }
}

/** One step: returns [h'] or [h', c'] for the LSTM. */
export function cellStep(
  c: Calc,
  kind: CellKind,
  x: T | null,
  h: T,
  cell: T | null,
  wIh: T,
  wHh: T,
  bIh: T | null,
  bHh: T | null,
  xProj: T | null = null,
): T[] {
  const hidden = wHh.sizes[1];
  // xProj: x @ w_ih^T + b_ih when the caller computed it for the whole sequence at once.
  const inputPart = () => xProj ?? linear(c, x as T, wIh, bIh);
  if (kind === 'gru') {
    const gi = inputPart();
    const gh = linear(c, h, wHh, bHh);
    const part = (t: T, k: number) => c.narrow(t, 1, k * hidden, hidden);
    const r = c.un('sigmoid', c.add(part(gi, 0), part(gh, 0)));
    const z = c.un('sigmoid', c.add(part(gi, 1), part(gh, 1)));
    const n = c.un('tanh', c.add(part(gi, 2), c.mul(r, part(gh, 2))));
    return [c.add(c.mul(c.sub(1, z), n), c.mul(z, h))];
  }
  const gates = c.add(inputPart(), linear(c, h, wHh, bHh));
  if (kind === 'rnn_tanh') return [c.un('tanh', gates)];
  if (kind === 'rnn_relu') return [c.un('relu', gates)];
  const part = (k: number) => c.narrow(gates, 1, k * hidden, hidden);
  const i = c.un('sigmoid', part(0));
  const f = c.un('sigmoid', part(1));
  const g = c.un('tanh', part(2));
  const o = c.un('sigmoid', part(3));
  const next = c.add(c.mul(f, cell!), c.mul(i, g));
  return [c.mul(o, c.un('tanh', next)), next];
}

export function cellDtype(input: T, others: readonly (T | null)[]): string {
  const dtype = requireFloating(input.dtype, 'addmm_impl_cpu_');
  for (const t of others) {
    if (t != null && t.dtype !== dtype) {
      throw new OpError('mat1 and mat2 must have the same dtype');
    }
  }
  return dtype;
}

export interface RnnArgs {
  readonly input: T;
  readonly hx: readonly T[];
  readonly params: readonly T[];
  readonly hasBiases: boolean;
  readonly numLayers: number;
  readonly dropout: number;
  readonly train: boolean;
  readonly bidirectional: boolean;
  readonly batchFirst: boolean;
}

/** Parameters of layer l, direction d: [w_ih, w_hh, b_ih | null, b_hh | null]. */
export function layerParams(params: readonly any[], hasBiases: boolean, dirs: number, l: number, d: number): any[] {
  const per = hasBiases ? 4 : 2;
  const at = (l * dirs + d) * per;
  return hasBiases ? params.slice(at, at + 4) : [params[at], params[at + 1], null, null];
}

/**
 * The checks PyTorch makes before running a recurrent op: the parameter count for the layers and
 * directions, 2-d weights, and the hidden states' shapes (num_layers * directions, batch, hidden).
 */
function checkRnn(
  kind: CellKind,
  input: T,
  hx: readonly T[],
  params: readonly any[],
  numLayers: number,
  dirs: number,
  hasBiases: boolean,
  batch: number,
): void {
  if (!Number.isInteger(numLayers) || numLayers < 1 || params.length !== numLayers * dirs * (hasBiases ? 4 : 2)) {
    throw new OpError('got an incorrect number of RNN parameters');
  }
  for (let i = 0; i < params.length; i++) {
    const want = hasBiases && i % 4 >= 2 ? 1 : 2;
    if (params[i].sizes.length !== want)
      throw new OpError(`RNN parameter ${i} must have ${want} dimensions, got ${params[i].sizes.length}`);
  }
  const states = kind === 'lstm' ? 2 : 1;
  if (hx.length !== states)
    throw new OpError(kind === 'lstm' ? 'lstm expects two hidden states' : `${kind} expects one hidden state`);
  const hidden = params[1].sizes[1];
  const expected = [numLayers * dirs, batch, hidden];
  for (let i = 0; i < hx.length; i++) {
    const h = hx[i];
    const ok = h.sizes.length === 3 && h.sizes.every((n: number, k: number) => n === expected[k]);
    if (!ok) {
      throw new OpError(`Expected hidden size (${expected.join(', ')}), got [${h.sizes.join(', ')}]`);
    }
  }
  void input;
}

/**
 * The full-sequence op (lstm.input, gru.input, rnn_tanh.input, rnn_relu.input) on kernels: returns
 * [output, h_n] (and c_n for the LSTM).
 */
export function rnnForward(ctx: OpContext, kind: CellKind, a: RnnArgs): T[] {
  const { input, hx, params, hasBiases, numLayers, bidirectional, batchFirst } = a;
  if (input.sizes.length !== 3) {
    throw new OpError(
      `Dimension out of range (expected to be in range of [-${Math.max(input.sizes.length, 1)}, ${Math.max(input.sizes.length, 1) - 1}], but got 2)`,
      'IndexError',
    );
  }
  const dirs = bidirectional ? 2 : 1;
  checkRnn(kind, input, hx, params, numLayers, dirs, hasBiases, input.sizes[batchFirst ? 0 : 1]);
  const dtype = cellDtype(input, [...hx, ...params]) as any;
  const c = new Calc(ctx, dtype);
  const x0 = batchFirst ? c.transpose(input, 0, 1) : input;
  const [steps, batch] = x0.sizes;
  const hidden = params[1].sizes[1];
  for (let l = 0; l < numLayers; l++) {
    const want = l === 0 ? x0.sizes[2] : dirs * hidden;
    for (let d = 0; d < dirs; d++) {
      const got = layerParams(params, hasBiases, dirs, l, d)[0].sizes[1];
      if (got !== want) {
        throw new OpError(`input.size(-1) must be equal to input_size. Expected ${got}, got ${want}`);
      }
    }
  }
  if (fastRnnDtype(dtype) && steps > 0 && batch > 0 && hidden > 0) return rnnForwardFast(ctx, kind, a);
  let layerInput: T = x0;
  const hN = c.empty([numLayers * dirs, batch, hidden]);
  const cN = kind === 'lstm' ? c.empty([numLayers * dirs, batch, hidden]) : null;
  for (let l = 0; l < numLayers; l++) {
    const out = c.empty([steps, batch, dirs * hidden]);
    for (let d = 0; d < dirs; d++) {
      const [wIh, wHh, bIh, bHh] = layerParams(params, hasBiases, dirs, l, d);
      const k = l * dirs + d;
      let h: T = c.copy(select0(ctx, hx[0], k));
      let cell: T | null = kind === 'lstm' ? c.copy(select0(ctx, hx[1], k)) : null;
      if (wIh.sizes[1] !== layerInput.sizes[2]) {
        throw new OpError(
          `input.size(-1) must be equal to input_size. Expected ${wIh.sizes[1]}, got ${layerInput.sizes[2]}`,
        );
      }
      // The input projection of every step in one GEMM, as PyTorch's CPU RNN layers do.
      const flat = c.reshape(layerInput, [steps * batch, layerInput.sizes[2]]);
      const proj = c.reshape(linear(c, flat, wIh, bIh), [steps, batch, wIh.sizes[0]]);
      for (let s = 0; s < steps; s++) {
        const t = d === 0 ? s : steps - 1 - s;
        const next = cellStep(c, kind, null, h, cell, wIh, wHh, bIh, bHh, select0(ctx, proj, t));
        h = next[0];
        if (kind === 'lstm') cell = next[1];
        K.copy(c.narrow(select0(ctx, out, t), 1, d * hidden, hidden), h);
      }
      K.copy(select0(ctx, hN, k), h);
      if (cN) K.copy(select0(ctx, cN, k), cell!);
    }
    layerInput = out;
    if (a.train && a.dropout > 0 && l < numLayers - 1 && numel(out.sizes) > 0) {
      // Inverted dropout between layers through aten::dropout, as PyTorch's layer stack does: the
      // mask comes from the default generator (PyTorch's draws) and keeps the output's dtype.
      layerInput = ctx.F.dropout(out, a.dropout, true);
    }
  }
  const output = batchFirst ? c.copy(c.transpose(layerInput, 0, 1)) : layerInput;
  return cN ? [output, hN, cN] : [output, hN];
}

// ---- gradients written with ops (F), for the derivative rules ----

/** Forward of one cell with ops, keeping what the backward needs. */
export function cellForwardF(
  F: any,
  kind: CellKind,
  x: any,
  h: any,
  cell: any,
  wIh: any,
  wHh: any,
  bIh: any,
  bHh: any,
  xProj: any = null,
): any {
  const lin = (v: any, w: any, b: any) => (b == null ? F.matmul(v, F.t(w)) : F.add(F.matmul(v, F.t(w)), b));
  // xProj: x @ w_ih^T + b_ih when the caller computed it for the whole sequence at once.
  const inputPart = () => xProj ?? lin(x, wIh, bIh);
  if (kind === 'gru') {
    const gi = F.chunk(inputPart(), 3, 1);
    const gh = F.chunk(lin(h, wHh, bHh), 3, 1);
    const r = F.sigmoid(F.add(gi[0], gh[0]));
    const z = F.sigmoid(F.add(gi[1], gh[1]));
    const n = F.tanh(F.add(gi[2], F.mul(r, gh[2])));
    return { h: F.add(F.mul(F.rsub(z, 1), n), F.mul(z, h)), r, z, n, ghn: gh[2] };
  }
  const gates = F.add(inputPart(), lin(h, wHh, bHh));
  if (kind === 'rnn_tanh') return { h: F.tanh(gates) };
  if (kind === 'rnn_relu') return { h: F.relu(gates) };
  const [gi, gf, gg, go] = F.chunk(gates, 4, 1);
  const i = F.sigmoid(gi);
  const f = F.sigmoid(gf);
  const g = F.tanh(gg);
  const o = F.sigmoid(go);
  const next = F.add(F.mul(f, cell), F.mul(i, g));
  const tc = F.tanh(next);
  return { h: F.mul(o, tc), c: next, i, f, g, o, tc };
}

/**
 * The gradients of one cell step given the gradients of its outputs (dh, and dc for the LSTM):
 * { x, h, c, wIh, wHh, bIh, bHh }.
 */
export function cellBackwardF(
  F: any,
  kind: CellKind,
  saved: any,
  x: any,
  h: any,
  cell: any,
  wIh: any,
  wHh: any,
  dh: any,
  dc: any,
): any {
  const g = cellGatesBackwardF(F, kind, saved, h, cell, wHh, dh, dc);
  return {
    x: F.matmul(g.dGi, wIh),
    h: g.h,
    c: g.c,
    wIh: F.matmul(F.t(g.dGi), x),
    wHh: F.matmul(F.t(g.dGh), h),
    bIh: F.sum(g.dGi, [0]),
    bHh: F.sum(g.dGh, [0]),
  };
}

/**
 * The sequential part of a cell step's backward: the gradients of the gate pre-activations (dGi
 * for the input projection, dGh for the hidden one) and of the previous states. What depends on
 * the gates alone (input and weight gradients) is left to the caller, which can batch it over the
 * steps of a sequence.
 */
function cellGatesBackwardF(F: any, kind: CellKind, saved: any, h: any, cell: any, wHh: any, dh: any, dc: any): any {
  const sig = (s: any) => F.mul(s, F.rsub(s, 1));
  let dGi: any;
  let dGh: any;
  let dhPrev: any = null;
  let dcPrev: any = null;
  if (kind === 'lstm') {
    const { i, f, g, o, tc } = saved;
    let dcT = F.mul(F.mul(dh, o), F.rsub(F.mul(tc, tc), 1));
    if (dc != null) dcT = F.add(dcT, dc);
    const dI = F.mul(F.mul(dcT, g), sig(i));
    const dF = F.mul(F.mul(dcT, cell), sig(f));
    const dG = F.mul(F.mul(dcT, i), F.rsub(F.mul(g, g), 1));
    const dO = F.mul(F.mul(dh, tc), sig(o));
    dGi = F.cat([dI, dF, dG, dO], 1);
    dGh = dGi;
    dcPrev = F.mul(dcT, f);
  } else if (kind === 'gru') {
    const { r, z, n, ghn } = saved;
    const dN = F.mul(F.mul(dh, F.rsub(z, 1)), F.rsub(F.mul(n, n), 1));
    const dZ = F.mul(F.mul(dh, F.sub(h, n)), sig(z));
    const dR = F.mul(F.mul(dN, ghn), sig(r));
    dGi = F.cat([dR, dZ, dN], 1);
    dGh = F.cat([dR, dZ, F.mul(dN, r)], 1);
    dhPrev = F.mul(dh, z);
  } else {
    const local = kind === 'rnn_tanh' ? F.rsub(F.mul(saved.h, saved.h), 1) : F.gt(saved.h, 0);
    dGi = F.mul(dh, local);
    dGh = dGi;
  }
  const viaHh = F.matmul(dGh, wHh);
  return { dGi, dGh, h: dhPrev == null ? viaHh : F.add(dhPrev, viaHh), c: dcPrev };
}

const addOpt = (F: Functions, a: any, b: any) => (a == null ? b : b == null ? a : F.add(a, b));

/**
 * Back-propagation through time for the sequence ops, with ops: recomputes each layer's forward,
 * then walks the steps backwards. grads = [dOutput, dH_n, (dC_n)]. The between-layer dropout is
 * replayed with the masks the forward saved; without saved state (symbolic differentiation) it is
 * not (the rule then covers train=False or dropout=0, as the eval models that TorchScript exports).
 */
export function rnnBackwardF(
  F: Functions,
  kind: CellKind,
  a: any,
  grads: any[],
): { input: any; hx: any[]; params: any[] } {
  // The fused path when the forward saved its state and the rule runs eagerly, unrecorded.
  const fast = rnnBackwardFast(F, kind, a, grads);
  if (fast !== null) return fast;
  // The between-layer dropout masks the forward drew (when it saved them), replayed below.
  const masks = savedDropoutMasks(a.result);
  const { input, hx, params, has_biases: hasBiases, num_layers: numLayers, bidirectional, batch_first: batchFirst } = a;
  const dirs = bidirectional ? 2 : 1;
  const x0 = batchFirst ? F.transpose(input, 0, 1) : input;
  const [steps, batch] = x0.sizes;
  const hidden = params[1].sizes[1];
  // Forward pass, keeping every step.
  const layers: any[] = [];
  let layerInput = x0;
  for (let l = 0; l < numLayers; l++) {
    const perDir: any[] = [];
    const outs: any[] = [];
    for (let d = 0; d < dirs; d++) {
      const [wIh, wHh, bIh, bHh] = layerParams(params, hasBiases, dirs, l, d);
      const k = l * dirs + d;
      let h = F.select(hx[0], 0, k);
      let cell = kind === 'lstm' ? F.select(hx[1], 0, k) : null;
      const stepsSaved: any[] = new Array(steps);
      const hs: any[] = new Array(steps);
      // The input projection of every step in one GEMM ([steps * batch, input] @ w_ih^T), as
      // PyTorch's CPU RNN layers do; the loop keeps only the hidden-state GEMM.
      const flat = F.reshape(layerInput, [steps * batch, layerInput.sizes[2]]);
      const proj = F.reshape(bIh == null ? F.matmul(flat, F.t(wIh)) : F.addmm(bIh, flat, F.t(wIh)), [
        steps,
        batch,
        wIh.sizes[0],
      ]);
      for (let s = 0; s < steps; s++) {
        const t = d === 0 ? s : steps - 1 - s;
        const saved = cellForwardF(F, kind, null, h, cell, wIh, wHh, bIh, bHh, F.select(proj, 0, t));
        stepsSaved[t] = { saved, h, cell };
        h = saved.h;
        if (kind === 'lstm') cell = saved.c;
        hs[t] = h;
      }
      perDir.push({ steps: stepsSaved, weights: [wIh, wHh, bIh, bHh] });
      outs.push(F.stack(hs, 0));
    }
    layers.push({ input: F.reshape(layerInput, [steps * batch, layerInput.sizes[2]]), perDir });
    layerInput = dirs === 1 ? outs[0] : F.cat(outs, 2);
    const mask = masks?.[l] ?? null;
    if (mask !== null) layerInput = F.mul(layerInput, mask);
  }
  // Backward pass.
  const dParams: any[] = params.map(() => null);
  const dH0: any[] = [];
  const dC0: any[] = [];
  let dOut = grads[0] == null ? null : batchFirst ? F.transpose(grads[0], 0, 1) : grads[0];
  for (let l = numLayers - 1; l >= 0; l--) {
    const { input: li, perDir } = layers[l];
    let dIn: any = null;
    for (let d = 0; d < dirs; d++) {
      const k = l * dirs + d;
      const [wIh, wHh] = perDir[d].weights;
      let dh = grads[1] == null ? null : F.select(grads[1], 0, k);
      let dc = kind === 'lstm' && grads[2] != null ? F.select(grads[2], 0, k) : null;
      const per = hasBiases ? 4 : 2;
      const at = k * per;
      const dGi: any[] = new Array(steps);
      const dGh: any[] = new Array(steps);
      const hPrev: any[] = new Array(steps);
      for (let s = steps - 1; s >= 0; s--) {
        const t = d === 0 ? s : steps - 1 - s;
        const fromOut = dOut == null ? null : F.narrow(F.select(dOut, 0, t), 1, d * hidden, hidden);
        dh = addOpt(F, dh, fromOut);
        const st = perDir[d].steps[t];
        if (dh == null) dh = F.zerosLike(st.saved.h);
        const g = cellGatesBackwardF(F, kind, st.saved, st.h, st.cell, wHh, dh, dc);
        dGi[t] = g.dGi;
        dGh[t] = g.dGh;
        hPrev[t] = st.h;
        dh = g.h;
        dc = g.c;
      }
      // What depends on the gate gradients alone, for all steps at once: one GEMM each for the
      // input gradient and the two weight gradients (summed over the steps by the GEMM).
      const gi = F.reshape(F.stack(dGi, 0), [steps * batch, wIh.sizes[0]]);
      const gh = dGh.every((v, t) => v === dGi[t]) ? gi : F.reshape(F.stack(dGh, 0), [steps * batch, wHh.sizes[0]]);
      const hs = F.reshape(F.stack(hPrev, 0), [steps * batch, hidden]);
      dParams[at] = F.matmul(F.t(gi), li);
      dParams[at + 1] = F.matmul(F.t(gh), hs);
      if (hasBiases) {
        dParams[at + 2] = F.sum(gi, [0]);
        dParams[at + 3] = F.sum(gh, [0]);
      }
      dIn = addOpt(F, dIn, F.matmul(gi, wIh));
      dH0[k] = dh;
      dC0[k] = dc;
    }
    dOut = F.reshape(dIn, [steps, batch, li.sizes[1]]);
    const mask = l > 0 ? (masks?.[l - 1] ?? null) : null;
    if (mask !== null) dOut = F.mul(dOut, mask);
  }
  let dInput = dOut;
  if (batchFirst) dInput = F.transpose(dInput, 0, 1);
  const dHx = [F.stack(dH0, 0)];
  if (kind === 'lstm') dHx.push(F.stack(dC0, 0));
  return { input: dInput, hx: dHx, params: dParams };
}

/**
 * The packed-sequence overloads (lstm.data, ...): data [sum(batch_sizes), I]; at step t the first
 * batch_sizes[t] sequences are active. Returns [output data, h_n] (and c_n).
 */
export function rnnForwardPacked(
  ctx: OpContext,
  kind: CellKind,
  a: Omit<RnnArgs, 'batchFirst'>,
  batchSizes: readonly number[],
): T[] {
  const { input, hx, params, hasBiases, numLayers, bidirectional } = a;
  const dirs = bidirectional ? 2 : 1;
  if (input.sizes.length !== 2) throw new OpError(`packed input must be 2-D, got ${input.sizes.length}-D`);
  if (batchSizes.some((b, i) => !(b > 0) || (i > 0 && b > batchSizes[i - 1]))) {
    throw new OpError('batch_sizes must be positive and non-increasing');
  }
  checkRnn(kind, input, hx, params, numLayers, dirs, hasBiases, batchSizes[0] ?? 0);
  const dtype = cellDtype(input, [...hx, ...params]) as any;
  const c = new Calc(ctx, dtype);
  const total = input.sizes[0];
  const batch = batchSizes[0] ?? 0;
  const hidden = params[1].sizes[1];
  const offsets: number[] = [];
  let acc = 0;
  for (const bs of batchSizes) {
    offsets.push(acc);
    acc += bs;
  }
  if (acc !== total) throw new OpError(`Expected the packed input to have ${acc} rows, got ${total}`);
  let layerInput: T = input;
  const hN = c.empty([numLayers * dirs, batch, hidden]);
  const cN = kind === 'lstm' ? c.empty([numLayers * dirs, batch, hidden]) : null;
  for (let l = 0; l < numLayers; l++) {
    const out = c.empty([total, dirs * hidden]);
    for (let d = 0; d < dirs; d++) {
      const [wIh, wHh, bIh, bHh] = layerParams(params, hasBiases, dirs, l, d);
      const k = l * dirs + d;
      const h = c.copy(select0(ctx, hx[0], k));
      const cell = kind === 'lstm' ? c.copy(select0(ctx, hx[1], k)) : null;
      for (let s = 0; s < batchSizes.length; s++) {
        const t = d === 0 ? s : batchSizes.length - 1 - s;
        const bs = batchSizes[t];
        const xt = c.narrow(layerInput, 0, offsets[t], bs);
        const hRows = c.narrow(h, 0, 0, bs);
        const cRows = cell == null ? null : c.narrow(cell, 0, 0, bs);
        const next = cellStep(c, kind, xt, hRows, cRows, wIh, wHh, bIh, bHh);
        K.copy(hRows, next[0]);
        if (cRows) K.copy(cRows, next[1]);
        K.copy(c.narrow(c.narrow(out, 0, offsets[t], bs), 1, d * hidden, hidden), next[0]);
      }
      K.copy(select0(ctx, hN, k), h);
      if (cN) K.copy(select0(ctx, cN, k), cell!);
    }
    layerInput = out;
    if (a.train && a.dropout > 0 && l < numLayers - 1 && numel(out.sizes) > 0) {
      layerInput = ctx.F.dropout(out, a.dropout, true);
    }
  }
  return cN ? [layerInput, hN, cN] : [layerInput, hN];
}

/** BPTT for the packed overloads, with ops (see rnnBackwardF). */
export function rnnBackwardPackedF(
  F: Functions,
  kind: CellKind,
  a: any,
  batchSizes: readonly number[],
  grads: any[],
): { data: any; hx: any[]; params: any[] } {
  const { data, hx, params, has_biases: hasBiases, num_layers: numLayers, bidirectional } = a;
  const dirs = bidirectional ? 2 : 1;
  const hidden = params[1].sizes[1];
  const steps = batchSizes.length;
  const offsets: number[] = [];
  let acc = 0;
  for (const bs of batchSizes) {
    offsets.push(acc);
    acc += bs;
  }
  const batch = batchSizes[0];
  const layers: any[] = [];
  let layerInput = data;
  for (let l = 0; l < numLayers; l++) {
    const perDir: any[] = [];
    const outs: any[] = [];
    for (let d = 0; d < dirs; d++) {
      const [wIh, wHh, bIh, bHh] = layerParams(params, hasBiases, dirs, l, d);
      const k = l * dirs + d;
      // Per-row states: a list of [1, H] rows so that inactive rows keep their value.
      let h = F.select(hx[0], 0, k);
      let cell = kind === 'lstm' ? F.select(hx[1], 0, k) : null;
      const saved: any[] = new Array(steps);
      const hs: any[] = new Array(steps);
      for (let s = 0; s < steps; s++) {
        const t = d === 0 ? s : steps - 1 - s;
        const bs = batchSizes[t];
        const xt = F.narrow(layerInput, 0, offsets[t], bs);
        const hRows = F.narrow(h, 0, 0, bs);
        const cRows = cell == null ? null : F.narrow(cell, 0, 0, bs);
        const st = cellForwardF(F, kind, xt, hRows, cRows, wIh, wHh, bIh, bHh);
        saved[t] = { saved: st, x: xt, h: hRows, cell: cRows, hPrev: h, cPrev: cell };
        const rest = (v: any) => F.narrow(v, 0, bs, batch - bs);
        h = bs === batch ? st.h : F.cat([st.h, rest(h)], 0);
        if (kind === 'lstm') cell = bs === batch ? st.c : F.cat([st.c, rest(cell)], 0);
        hs[t] = st.h;
      }
      perDir.push({ saved, weights: [wIh, wHh] });
      outs.push(F.cat(hs, 0));
    }
    layers.push(perDir);
    layerInput = dirs === 1 ? outs[0] : F.cat(outs, 1);
  }
  const dParams: any[] = params.map(() => null);
  const dH0: any[] = [];
  const dC0: any[] = [];
  let dOut = grads[0];
  for (let l = numLayers - 1; l >= 0; l--) {
    const perDir = layers[l];
    const dIn: any[] = new Array(steps).fill(null);
    for (let d = 0; d < dirs; d++) {
      const k = l * dirs + d;
      const [wIh, wHh] = perDir[d].weights;
      // Full-batch state gradients [B, H], rows beyond the active ones passing through untouched.
      let dh = grads[1] == null ? F.zerosLike(F.select(hx[0], 0, k)) : F.select(grads[1], 0, k);
      let dc =
        kind === 'lstm' ? (grads[2] == null ? F.zerosLike(F.select(hx[1], 0, k)) : F.select(grads[2], 0, k)) : null;
      const per = hasBiases ? 4 : 2;
      const at = k * per;
      for (let s = steps - 1; s >= 0; s--) {
        const t = d === 0 ? s : steps - 1 - s;
        const bs = batchSizes[t];
        const st = perDir[d].saved[t];
        let dhRows = F.narrow(dh, 0, 0, bs);
        if (dOut != null) dhRows = F.add(dhRows, F.narrow(F.narrow(dOut, 0, offsets[t], bs), 1, d * hidden, hidden));
        const dcRows = dc == null ? null : F.narrow(dc, 0, 0, bs);
        const g = cellBackwardF(F, kind, st.saved, st.x, st.h, st.cell, wIh, wHh, dhRows, dcRows);
        dIn[t] = addOpt(F, dIn[t], g.x);
        dParams[at] = addOpt(F, dParams[at], g.wIh);
        dParams[at + 1] = addOpt(F, dParams[at + 1], g.wHh);
        if (hasBiases) {
          dParams[at + 2] = addOpt(F, dParams[at + 2], g.bIh);
          dParams[at + 3] = addOpt(F, dParams[at + 3], g.bHh);
        }
        const rest = (v: any) => F.narrow(v, 0, bs, batch - bs);
        dh = bs === batch ? g.h : F.cat([g.h, rest(dh)], 0);
        if (dc != null) dc = bs === batch ? g.c : F.cat([g.c, rest(dc)], 0);
      }
      dH0[k] = dh;
      dC0[k] = dc;
    }
    dOut = F.cat(dIn, 0);
  }
  const dHx = [F.stack(dH0, 0)];
  if (kind === 'lstm') dHx.push(F.stack(dC0, 0));
  return { data: dOut, hx: dHx, params: dParams };
}

/** batch_sizes (an int64 CPU tensor, as PyTorch requires) as numbers. */
export function batchSizesOf(t: T): number[] {
  if (t.dtype !== 'int64') throw new OpError(`expected scalar type Long but found ${t.dtype}`);
  if (t.sizes.length !== 1) throw new OpError(`batch_sizes must be a 1-D tensor, got ${t.sizes.length}-D`);
  const n = numel(t.sizes);
  const out: number[] = [];
  const view = new BigInt64Array(t.data.buffer, t.data.byteOffset, t.offset + (n - 1) * (t.strides[0] ?? 1) + 1);
  for (let i = 0; i < n; i++) out.push(Number(view[t.offset + i * (t.strides[0] ?? 1)]));
  return out;
}
