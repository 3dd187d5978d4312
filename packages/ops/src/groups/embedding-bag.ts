/**
 * embedding_bag's four results (output, offset2bag, bag_size, max_indices) with PyTorch 1.13's CPU
 * conventions: the 'sum' fast path (float/half weights with unit column stride, no padding_idx)
 * leaves offset2bag empty and bag_size / max_indices zero; 'mean' returns bag_size twice. The bag
 * bookkeeping reads indices and offsets (one pass over the indices); the values come from the
 * embeddingBag kernel, and the max positions from a padded gather reduced with the max kernel.
 */
import * as K from '@tsjit/kernels';
import { readNumbers } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { OpContext, TensorLike } from '../core/tensor-like.js';
import { indexTensor, kernel, reshape } from './nn.js';
import { scalarName } from './pool.js';

export interface BagResult {
  out: TensorLike;
  offset2bag: TensorLike;
  bagSize: TensorLike;
  maxIndices: TensorLike;
}

function intTensor(ctx: OpContext, values: readonly number[], dtype: 'int64' | 'int32'): TensorLike {
  const t64 = indexTensor(ctx, values);
  if (dtype === 'int64') return t64;
  const t = ctx.empty([values.length], dtype);
  if (values.length) K.copy(t, t64);
  return t;
}

/** Bag id of every index: the number of offsets at or before it, minus one. */
export function offset2bagOf(offsets: readonly number[], n: number): number[] {
  const marks = new Array<number>(n + 1).fill(0);
  for (const o of offsets) if (o <= n) marks[o]++;
  const out = new Array<number>(n);
  let acc = -1;
  for (let i = 0; i < n; i++) {
    acc += marks[i];
    out[i] = acc;
  }
  return out;
}

export function embeddingBag(
  ctx: OpContext,
  weight: TensorLike,
  indices: TensorLike,
  offsets: TensorLike,
  mode: number,
  psw: TensorLike | null,
  includeLast: boolean,
  paddingIdx: number,
  forwardOnly: boolean,
): BagResult {
  if (weight.sizes.length !== 2) throw new OpError("'weight' must be 2-D");
  for (const [name, t] of [
    ['indices', indices],
    ['offsets', offsets],
  ] as const) {
    if (t.dtype !== 'int64' && t.dtype !== 'int32') {
      throw new OpError(
        `Expected tensor for argument #${name === 'indices' ? 2 : 3} '${name}' to have one of the following scalar types: Long, Int; but got torch.${scalarName(t.dtype)}Tensor instead (while checking arguments for embedding_bag)`,
      );
    }
  }
  if (mode !== 0 && mode !== 1 && mode !== 2) throw new OpError(`embedding_bag: unknown mode ${mode}`);
  if (psw && mode !== 0) throw new OpError("embedding_bag: per_sample_weights only supported with mode='sum'");
  const [V, D] = weight.sizes;
  const idt = indices.dtype as 'int64' | 'int32';
  const twoD = indices.sizes.length === 2;
  let idx: number[];
  let offs: number[];
  if (twoD) {
    // F.embedding_bag flattens 2-D inputs (and builds the offsets) before calling the aten op, whose
    // own 2-D results are not meaningful in PyTorch 1.13.
    throw new OpError('embedding_bag: the aten op takes 1-D indices with offsets (F.embedding_bag flattens 2-D input)');
  }
  if (indices.sizes.length === 1) {
    if (offsets.sizes.length !== 1) {
      throw new OpError(`offsets has to be a 1D Tensor, but got Tensor of dimension ${offsets.sizes.length}`);
    }
    idx = readNumbers(ctx, indices);
    offs = readNumbers(ctx, offsets);
    if (offs.length && offs[0] !== 0) {
      throw new OpError(
        `offsets[0] has to be 0, i.e., the first sequence in the mini-batch has to start from position 0. However, got ${offs[0]}`,
      );
    }
    if (offs.length && offs[offs.length - 1] > idx.length) {
      throw new OpError(
        `offsets[-1] can not be greater than input's length ${idx.length} but got offsets[-1] of ${offs[offs.length - 1]}`,
      );
    }
  } else {
    throw new OpError(`input has to be 1D or 2D Tensor, but got Tensor of dimension ${indices.sizes.length}`);
  }
  const n = idx.length;
  const nOff = offs.length;
  const nbags = includeLast ? Math.max(nOff - 1, 0) : nOff;
  const pad = paddingIdx >= 0 ? paddingIdx : null;
  for (const i of idx) if (i < 0 || i >= V) throw new OpError('index out of range in self', 'IndexError');
  const out = ctx.empty([nbags, D], weight.dtype);
  kernel(() =>
    K.embeddingBag(out, weight, indices, offsets, {
      mode: (['sum', 'mean', 'max'] as const)[mode],
      perSampleWeights: psw,
      paddingIdx: pad,
      includeLastOffset: includeLast,
    }),
  );
  const fastSum =
    mode === 0 && pad === null && (weight.dtype === 'float32' || weight.dtype === 'float16') && weight.strides[1] === 1;
  const bagOf = offset2bagOf(offs, n);
  const offset2bag = fastSum ? ctx.empty([0], idt) : intTensor(ctx, bagOf, idt);
  if (mode === 0) {
    // Without autograd (the forward-only kernel) these are sized like offsets, else one per bag.
    const aux = [forwardOnly ? nOff : nbags];
    return { out, offset2bag, bagSize: ctx.empty(aux, idt), maxIndices: ctx.empty(aux, idt) };
  }
  // Members of every bag (padding entries left out).
  const members: number[][] = Array.from({ length: nbags }, () => []);
  for (let i = 0; i < n; i++) {
    const b = bagOf[i];
    if (b >= 0 && b < nbags && idx[i] !== pad) members[b].push(idx[i]);
  }
  const bagSize = intTensor(
    ctx,
    members.map((m) => m.length),
    idt,
  );
  if (mode === 1)
    return {
      out,
      offset2bag,
      bagSize,
      maxIndices: intTensor(
        ctx,
        members.map((m) => m.length),
        idt,
      ),
    };
  return { out, offset2bag, bagSize, maxIndices: maxPositions(ctx, weight, members, idt) };
}

/** For 'max': the weight row holding each bag's maximum, per column (first maximum wins; empty bags give 0). */
function maxPositions(ctx: OpContext, weight: TensorLike, members: number[][], idt: 'int64' | 'int32'): TensorLike {
  const B = members.length;
  const D = weight.sizes[1];
  const L = Math.max(0, ...members.map((m) => m.length));
  const res = ctx.empty([B, D], 'int64');
  if (B === 0 || D === 0 || L === 0) return idt === 'int64' ? res : convert(ctx, res, idt);
  const rows = new Array<number>(B * L).fill(0);
  const missing: number[] = [];
  members.forEach((m, b) => {
    for (let j = 0; j < L; j++) {
      if (j < m.length) rows[b * L + j] = m[j];
      else missing.push(b * L + j);
    }
  });
  const vals = ctx.empty([B * L, D], weight.dtype);
  K.indexSelect(vals, weight, 0, indexTensor(ctx, rows));
  if (missing.length) K.indexFill(vals, 0, indexTensor(ctx, missing), -Infinity);
  const best = ctx.empty([B, D], weight.dtype);
  const pos = ctx.empty([B, D], 'int64');
  K.max(best, pos, ctx.view(vals, [B, L, D], [L * D, D, 1], vals.offset), 1);
  K.gather(res, reshape(ctx, indexTensor(ctx, rows), [B, L]), 1, pos);
  return idt === 'int64' ? res : convert(ctx, res, idt);
}

function convert(ctx: OpContext, t: TensorLike, dtype: 'int32'): TensorLike {
  const out = ctx.empty(t.sizes, dtype);
  K.copy(out, t);
  return out;
}

export function checkPaddingIdx(weight: TensorLike, p: number | null): number {
  if (p == null) return -1;
  const V = weight.sizes[0];
  if (p < -V || p >= V) {
    throw new OpError(`padding_idx must be within the number of embeddings, -${V} through ${V - 1}, but got ${p}`);
  }
  return p < 0 ? p + V : p;
}

/** The dense weight gradient of embedding_bag (offset2bag is rebuilt from offsets when the forward pass left it empty). */
export function embeddingBagDenseBackward(
  ctx: OpContext,
  grad: TensorLike,
  indices: TensorLike,
  offsets: TensorLike | null,
  offset2bag: TensorLike,
  maxIndices: TensorLike,
  numWeights: number,
  scaleByFreq: boolean,
  mode: number,
  psw: TensorLike | null,
  paddingIdx: number,
): TensorLike {
  const idx = readNumbers(ctx, indices);
  const n = idx.length;
  const D = grad.sizes[1];
  const out = ctx.empty([numWeights, D], grad.dtype);
  const bagOf = bagsOf(ctx, n, offset2bag, offsets);
  const nb = grad.sizes[0];
  const counts = new Array<number>(nb).fill(0);
  for (let i = 0; i < n; i++) if (idx[i] !== paddingIdx && bagOf[i] >= 0 && bagOf[i] < nb) counts[bagOf[i]]++;
  if (n === 0 || D === 0) return out;
  if (mode === 2) {
    const keep = counts.map((c, b) => (c > 0 ? b : -1)).filter((b) => b >= 0);
    if (!keep.length) return out;
    const g = ctx.empty([keep.length, D], grad.dtype);
    K.indexSelect(g, grad, 0, indexTensor(ctx, keep));
    const mi = ctx.empty([keep.length, D], 'int64');
    K.indexSelect(mi, maxIndices.dtype === 'int64' ? maxIndices : toInt64(ctx, maxIndices), 0, indexTensor(ctx, keep));
    kernel(() => K.scatterAdd(out, 0, mi, g));
    return out;
  }
  const freq = new Map<number, number>();
  if (scaleByFreq) {
    // PyTorch 1.13's CPU kernel divides the rows of the g-th distinct index (ascending) by the count
    // of sorted_indices[g] rather than by its own count; reproduced for identical results.
    const counts = new Map<number, number>();
    for (const i of idx) counts.set(i, (counts.get(i) ?? 0) + 1);
    const sorted = [...idx].sort((a, b) => a - b);
    const distinct = [...counts.keys()].sort((a, b) => a - b);
    distinct.forEach((v, g) => {
      freq.set(v, counts.get(sorted[g]) ?? 1);
    });
  }
  const f = idx.map((v, i) => {
    if (v === paddingIdx) return 0;
    let s = 1;
    if (mode === 1) s /= counts[bagOf[i]];
    if (scaleByFreq) s /= freq.get(v) ?? 1;
    return s;
  });
  const rows = ctx.empty([n, D], grad.dtype);
  K.indexSelect(rows, grad, 0, indexTensor(ctx, bagOf));
  const factor = ctx.empty([n], grad.dtype);
  const f64 = ctx.empty([n], 'float64');
  new Float64Array(f64.data.buffer, f64.data.byteOffset, n).set(f);
  K.copy(factor, f64);
  K.binary('mul', rows, rows, ctx.view(factor, [n, D], [1, 0], factor.offset));
  if (psw) K.binary('mul', rows, rows, ctx.view(psw, [n, D], [psw.strides[0], 0], psw.offset));
  kernel(() => K.indexAdd(out, 0, indexTensor(ctx, idx), rows));
  return out;
}

function toInt64(ctx: OpContext, t: TensorLike): TensorLike {
  const out = ctx.empty(t.sizes, 'int64');
  K.copy(out, t);
  return out;
}

function bagsOf(ctx: OpContext, n: number, offset2bag: TensorLike, offsets: TensorLike | null): number[] {
  if (offset2bag.sizes.length === 1 && offset2bag.sizes[0] === n) return readNumbers(ctx, offset2bag);
  if (!offsets) throw new OpError('embedding_bag backward: offset2bag is empty and no offsets were given');
  return offset2bagOf(readNumbers(ctx, offsets), n);
}

/** d out / d per_sample_weights[i] = <grad[bag(i)], weight[indices[i]]> (0 for padding entries). */
export function embeddingBagPerSampleWeightsBackward(
  ctx: OpContext,
  grad: TensorLike,
  weight: TensorLike,
  indices: TensorLike,
  offsets: TensorLike,
  offset2bag: TensorLike,
  mode: number,
  paddingIdx: number,
): TensorLike {
  if (mode !== 0) throw new OpError("embedding_bag_backward: per_sample_weights only supported for mode='sum'");
  const idx = readNumbers(ctx, indices);
  const n = idx.length;
  const D = grad.sizes[1];
  const out = ctx.empty([n], grad.dtype);
  if (n === 0) return out;
  const bagOf = bagsOf(ctx, n, offset2bag, offsets);
  const g = ctx.empty([n, D], grad.dtype);
  K.indexSelect(g, grad, 0, indexTensor(ctx, bagOf));
  const w = ctx.empty([n, D], grad.dtype);
  K.indexSelect(w, weight, 0, indexTensor(ctx, idx));
  K.binary('mul', g, g, w);
  K.sum(out, g, [1], false);
  const pads = idx.map((v, i) => (v === paddingIdx ? i : -1)).filter((i) => i >= 0);
  if (pads.length) K.indexFill(out, 0, indexTensor(ctx, pads), 0);
  return out;
}
