/**
 * torch.einsum: the equation parsed into integer labels (letters 0-51, ellipsis dims 52+), repeated
 * labels taken as diagonal views, size-1 dims broadcast, then a left-to-right chain of pairwise
 * contractions, each one batched GEMM over [batch, left, contracted] x [batch, contracted, right]
 * (labels no later operand or the output needs are summed out first).
 */
import * as K from '@tsjit/kernels';
import { cppDtypeName, type DType } from '../core/dtypes.js';
import { numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { Functions, OpContext, TensorLike } from '../core/tensor-like.js';
import { batchedProduct, viaFloat } from './matmul.js';

const ELLIPSIS = 52;

function labelOf(c: string, index: number): number {
  const code = c.charCodeAt(0);
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 97 && code <= 122) return code - 97 + 26;
  throw new OpError(
    `einsum(): invalid subscript given at index ${index} in the equation string, subscripts must be in [a-zA-Z]`,
  );
}
function letterOf(label: number): string {
  return String.fromCharCode(label < 26 ? 65 + label : 97 + label - 26);
}

export interface EinsumPlan {
  /** Per operand: one label per dim (ellipsis dims 52 + their position in the broadcast ellipsis). */
  readonly inputs: number[][];
  readonly output: number[];
  /** Dims the broadcast ellipsis covers. */
  readonly ellipsisDims: number;
}

/** Parses the equation against the operands' dims, with PyTorch's checks. */
export function planEinsum(equation: string, dims: readonly number[]): EinsumPlan {
  const eq = equation.replace(/\s+/g, '');
  const arrow = eq.indexOf('->');
  const lhs = arrow < 0 ? eq : eq.slice(0, arrow);
  const rhs = arrow < 0 ? null : eq.slice(arrow + 2);
  const terms = lhs.split(',');
  if (dims.length === 0) throw new OpError('einsum(): must provide at least one operand');
  if (terms.length > dims.length)
    throw new OpError('einsum(): fewer operands were provided than specified in the equation');
  if (terms.length < dims.length)
    throw new OpError('einsum(): more operands were provided than specified in the equation');
  // Labels per term with the ellipsis as -1 (expanded once its width is known).
  let offset = 0;
  const raw: number[][] = terms.map((term) => {
    const labels: number[] = [];
    for (let i = 0; i < term.length; i++) {
      if (term.startsWith('...', i)) {
        if (labels.includes(-1)) throw new OpError('einsum(): found more than one ellipsis for operand');
        labels.push(-1);
        i += 2;
      } else labels.push(labelOf(term[i], offset + i));
    }
    offset += term.length + 1;
    return labels;
  });
  let ellipsisDims = 0;
  raw.forEach((labels, k) => {
    const explicit = labels.filter((l) => l !== -1).length;
    if (labels.includes(-1)) {
      if (explicit > dims[k]) {
        throw new OpError(
          `einsum(): the number of subscripts in the equation (${explicit}) is more than the number of dimensions (${dims[k]}) for operand ${k}`,
        );
      }
      ellipsisDims = Math.max(ellipsisDims, dims[k] - explicit);
    } else if (explicit !== dims[k]) {
      throw new OpError(
        `einsum(): the number of subscripts in the equation (${explicit}) does not match the number of dimensions (${dims[k]}) for operand ${k} and no ellipsis was given`,
      );
    }
  });
  const inputs = raw.map((labels, k) => {
    const out: number[] = [];
    for (const l of labels) {
      if (l !== -1) out.push(l);
      else {
        const width = dims[k] - (labels.length - 1);
        for (let j = 0; j < width; j++) out.push(ELLIPSIS + ellipsisDims - width + j);
      }
    }
    return out;
  });
  let output: number[];
  const ellipsisLabels = Array.from({ length: ellipsisDims }, (_, j) => ELLIPSIS + j);
  if (rhs === null) {
    const counts = new Map<number, number>();
    for (const labels of raw) for (const l of labels) if (l !== -1) counts.set(l, (counts.get(l) ?? 0) + 1);
    const once = [...counts].filter(([, c]) => c === 1).map(([l]) => l);
    output = [...ellipsisLabels, ...once.sort((a, b) => a - b)];
  } else {
    output = [];
    let seenEllipsis = false;
    for (let i = 0; i < rhs.length; i++) {
      if (rhs.startsWith('...', i)) {
        if (seenEllipsis) throw new OpError('einsum(): found more than one ellipsis in the output');
        seenEllipsis = true;
        output.push(...ellipsisLabels);
        i += 2;
        continue;
      }
      const l = labelOf(rhs[i], lhs.length + 2 + i);
      if (output.includes(l)) {
        throw new OpError(`einsum(): output subscript ${rhs[i]} appears more than once in the output`);
      }
      if (!inputs.some((labels) => labels.includes(l))) {
        throw new OpError(`einsum(): output subscript ${rhs[i]} does not appear in the equation for any input operand`);
      }
      output.push(l);
    }
  }
  return { inputs, output, ellipsisDims };
}

interface Labeled {
  t: TensorLike;
  labels: number[];
}

function permuteTo(ctx: OpContext, x: Labeled, order: readonly number[]): TensorLike {
  const idx = order.map((l) => x.labels.indexOf(l));
  return ctx.view(
    x.t,
    idx.map((i) => x.t.sizes[i]),
    idx.map((i) => x.t.strides[i]),
    x.t.offset,
  );
}

function sumOut(ctx: OpContext, x: Labeled, keep: (l: number) => boolean): Labeled {
  const dims = x.labels.map((l, i) => (keep(l) ? -1 : i)).filter((i) => i >= 0);
  if (!dims.length) return x;
  const labels = x.labels.filter((l) => keep(l));
  const out = ctx.empty(
    x.labels.map((_, i) => x.t.sizes[i]).filter((_, i) => !dims.includes(i)),
    x.t.dtype,
  );
  K.sum(out, x.t, dims, false);
  return { t: out, labels };
}

function contract(ctx: OpContext, a0: Labeled, b0: Labeled, needed: Set<number>): Labeled {
  const a = sumOut(ctx, a0, (l) => needed.has(l) || b0.labels.includes(l));
  const b = sumOut(ctx, b0, (l) => needed.has(l) || a.labels.includes(l));
  const batch = a.labels.filter((l) => b.labels.includes(l) && needed.has(l));
  const summed = a.labels.filter((l) => b.labels.includes(l) && !needed.has(l));
  const left = a.labels.filter((l) => !b.labels.includes(l));
  const right = b.labels.filter((l) => !a.labels.includes(l));
  const size = (x: Labeled, l: number) => x.t.sizes[x.labels.indexOf(l)];
  const nb = numel(batch.map((l) => size(a, l)));
  const nl = numel(left.map((l) => size(a, l)));
  const nc = numel(summed.map((l) => size(a, l)));
  const nr = numel(right.map((l) => size(b, l)));
  const pack = (x: Labeled, order: number[], rows: number, cols: number): TensorLike => {
    const p = permuteTo(ctx, x, order);
    const c = ctx.empty(p.sizes, p.dtype);
    K.copy(c, p);
    return ctx.view(c, [nb, rows, cols], [rows * cols, cols, 1], c.offset);
  };
  const a3 = pack(a, [...batch, ...left, ...summed], nl, nc);
  const b3 = pack(b, [...batch, ...summed, ...right], nc, nr);
  const r = batchedProduct(ctx, a3, b3);
  const labels = [...batch, ...left, ...right];
  const sizes = [...batch.map((l) => size(a, l)), ...left.map((l) => size(a, l)), ...right.map((l) => size(b, l))];
  const strides = new Array<number>(sizes.length);
  let s = 1;
  for (let i = sizes.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= Math.max(sizes[i], 1);
  }
  return { t: ctx.view(r, sizes, strides, r.offset), labels };
}

/** The einsum of `tensors` (same dtype; integer operands compute in float64). */
export function einsumCompute(ctx: OpContext, equation: string, tensors: readonly TensorLike[]): TensorLike {
  const plan = planEinsum(
    equation,
    tensors.map((t) => t.sizes.length),
  );
  const dtype: DType = tensors[0].dtype;
  for (const t of tensors) {
    if (t.dtype !== dtype)
      throw new OpError(`expected scalar type ${cppDtypeName(dtype)} but found ${cppDtypeName(t.dtype)}`);
  }
  if ((dtype === 'bool' || dtype === 'float16') && tensors.length > 1) {
    throw new OpError(`"bmm" not implemented for '${cppDtypeName(dtype)}'`);
  }
  // Diagonals for repeated labels; the broadcast size of every label.
  const sizes = new Map<number, number>();
  const operands: Labeled[] = tensors.map((t, k) => {
    const labels: number[] = [];
    const dimSizes: number[] = [];
    const dimStrides: number[] = [];
    plan.inputs[k].forEach((l, d) => {
      const at = labels.indexOf(l);
      if (at >= 0) {
        if (dimSizes[at] !== t.sizes[d]) {
          throw new OpError(
            `einsum(): subscript ${letterOf(l)} is repeated for operand ${k} but the sizes don't match, ${t.sizes[d]} != ${dimSizes[at]}`,
          );
        }
        dimStrides[at] += t.strides[d];
      } else {
        labels.push(l);
        dimSizes.push(t.sizes[d]);
        dimStrides.push(t.strides[d]);
      }
    });
    labels.forEach((l, i) => {
      const seen = sizes.get(l);
      const n = dimSizes[i];
      if (seen === undefined || seen === 1) sizes.set(l, n);
      else if (n !== 1 && n !== seen) {
        const name = l < ELLIPSIS ? letterOf(l) : '...';
        throw new OpError(
          `einsum(): subscript ${name} has size ${n} for operand ${k} which does not broadcast with previously seen size ${seen}`,
        );
      }
    });
    return { t: ctx.view(t, dimSizes, dimStrides, t.offset), labels };
  });
  // Size-1 dims broadcast: stride 0 views of the full size.
  for (const x of operands) {
    const s = x.labels.map((l) => sizes.get(l) as number);
    if (s.some((n, i) => n !== x.t.sizes[i])) {
      x.t = ctx.view(
        x.t,
        s,
        x.t.strides.map((st, i) => (x.t.sizes[i] === s[i] ? st : 0)),
        x.t.offset,
      );
    }
  }
  return viaFloat(
    ctx,
    dtype,
    operands.map((x) => x.t),
    (ts) => {
      const xs = operands.map((x, i) => ({ t: ts[i], labels: x.labels }));
      let acc = xs[0];
      for (let i = 1; i < xs.length; i++) {
        const needed = new Set<number>(plan.output);
        for (let j = i + 1; j < xs.length; j++) for (const l of xs[j].labels) needed.add(l);
        acc = contract(ctx, acc, xs[i], needed);
      }
      acc = sumOut(ctx, acc, (l) => plan.output.includes(l));
      return permuteTo(ctx, acc, plan.output);
    },
  );
}

/**
 * The gradient of every operand, as einsums of the output gradient with the other operands: an
 * operand's labels that nothing else has come from a ones vector, and repeated labels (diagonals)
 * from an identity matrix pairing them with a fresh label.
 */
export function einsumGradients(F: Functions, equation: string, tensors: readonly any[], grad: any): any[] {
  const dims = tensors.map((t) => F.sizes(t).length);
  const plan = planEinsum(equation, dims);
  const used = new Set<number>([...plan.output, ...plan.inputs.flat()]);
  const spare = Array.from({ length: 52 }, (_, i) => i).filter((l) => !used.has(l));
  const letterFor = new Map<number, string>();
  const name = (l: number): string => {
    if (l < ELLIPSIS) return letterOf(l);
    let s = letterFor.get(l);
    if (s === undefined) {
      const free = spare.shift();
      if (free === undefined) throw new OpError('einsum backward: too many labels');
      s = letterOf(free);
      letterFor.set(l, s);
    }
    return s;
  };
  return tensors.map((t, k) => {
    const sizes = F.sizes(t) as number[];
    const terms: string[] = [plan.output.map(name).join('')];
    const operands: any[] = [grad];
    plan.inputs.forEach((labels, j) => {
      if (j === k) return;
      terms.push(labels.map(name).join(''));
      operands.push(tensors[j]);
    });
    const present = new Set<number>([...plan.output, ...plan.inputs.filter((_, j) => j !== k).flat()]);
    const target: string[] = [];
    const seen = new Set<number>();
    plan.inputs[k].forEach((l, d) => {
      if (seen.has(l)) {
        const free = spare.shift();
        if (free === undefined) throw new OpError('einsum backward: too many labels');
        const fresh = letterOf(free);
        terms.push(name(l) + fresh);
        operands.push(F.eye(sizes[d], { dtype: t.dtype }));
        target.push(fresh);
        return;
      }
      seen.add(l);
      if (!present.has(l)) {
        terms.push(name(l));
        operands.push(F.ones([sizes[d]], { dtype: t.dtype }));
        present.add(l);
      }
      target.push(name(l));
    });
    let g = F.einsum(`${terms.join(',')}->${target.join('')}`, operands);
    // A dim this operand has at full size but the others broadcast from 1 comes out as 1: every row gets it.
    const gSizes = F.sizes(g) as number[];
    if (gSizes.some((s, d) => s === 1 && sizes[d] !== 1)) {
      g = F.expand(
        g,
        gSizes.map((s, d) => (s === 1 ? sizes[d] : s)),
      );
    }
    return F.sumTo(g, sizes);
  });
}
