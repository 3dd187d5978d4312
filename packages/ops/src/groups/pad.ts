/**
 * Padding: constant padding copies the input into a filled output; reflect / replicate / circular
 * padding gathers rows one padded dim at a time (index_select with a JS-built index list), and their
 * backward passes sum the rows back (index_add) in reverse order.
 */
import * as K from '@tsjit/kernels';
import { scalarToNumber } from '../core/dtypes.js';
import { formatSizes, numel } from '../core/helpers.js';
import { OpError } from '../core/op-error.js';
import type { FloatScalar, Functions, OpContext, Scalar, TensorLike } from '../core/tensor-like.js';
import { narrowView, reshape, scatterAlong, selectAlong } from './nn.js';
import { scalarName } from './pool.js';

export type PadMode = 'reflect' | 'replicate' | 'circular';

/** Source index of every output position of one padded dim. */
function padIndex(mode: PadMode, n: number, left: number, right: number): number[] {
  const out = n + left + right;
  const idx = new Array<number>(Math.max(out, 0));
  // Circular padding crops negative pads first and wraps around what is left.
  const lo = Math.max(-left, 0);
  const m = n - lo - Math.max(-right, 0);
  for (let j = 0; j < out; j++) {
    const i = j - left;
    if (mode === 'replicate') idx[j] = Math.min(Math.max(i, 0), n - 1);
    else if (mode === 'circular') idx[j] = lo + ((((j - Math.max(left, 0)) % m) + m) % m);
    else idx[j] = i < 0 ? -i : i >= n ? 2 * (n - 1) - i : i;
  }
  return idx;
}

function pairs(pad: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < pad.length; i += 2) out.push([pad[i], pad[i + 1]]);
  return out;
}

/** reflection_pad{nd}d / replication_pad{nd}d argument checks (PyTorch's messages). */
export function checkPad(mode: PadMode, nd: number, x: TensorLike, padding: readonly number[]): void {
  const op = `${mode === 'reflect' ? 'reflection' : 'replication'}_pad${nd}d`;
  if (!['float32', 'float64', 'float16', 'bfloat16'].includes(x.dtype)) {
    const kname = mode === 'reflect' && nd < 3 ? op : `${op}_cpu`;
    throw new OpError(`"${kname}" not implemented for '${scalarName(x.dtype)}'`);
  }
  if (padding.length !== 2 * nd) {
    throw new OpError(`${op}: padding must have ${2 * nd} elements, got ${padding.length}`);
  }
  const r = x.sizes.length;
  const batchedOk = r === nd + 1 || r === nd + 2;
  const names = ['2D or 3D', '3D or 4D', '4D or 5D'][nd - 1];
  const nonBatch = x.sizes.slice(r === nd + 2 ? 1 : 0);
  if (!batchedOk || nonBatch.some((v) => v === 0)) {
    throw new OpError(
      `Expected ${names} (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: ${formatSizes(x.sizes)}`,
    );
  }
  pairs(padding).forEach(([l, rr], k) => {
    const d = r - 1 - k;
    const n = x.sizes[d];
    if (mode === 'reflect' && (l >= n || rr >= n)) {
      throw new OpError(
        `Argument #${2 * nd + 2}: Padding size should be less than the corresponding input dimension, but got: padding (${l}, ${rr}) at dimension ${d} of input ${formatSizes(x.sizes)}`,
      );
    }
    if (n + l + rr < 1) {
      throw new OpError(
        `input (${x.sizes.slice(r - nd).join('x')}) is too small. Calculated output ${d}: ${n + l + rr}`,
      );
    }
  });
}

/** Pads the last padding.length / 2 dims (the last dim first, as F.pad orders them). */
export function gatherPad(ctx: OpContext, mode: PadMode, x: TensorLike, padding: readonly number[]): TensorLike {
  const r = x.sizes.length;
  let y = x;
  pairs(padding).forEach(([l, rr], k) => {
    const d = r - 1 - k;
    y = selectAlong(ctx, y, d, padIndex(mode, x.sizes[d], l, rr));
  });
  return y === x ? reshape(ctx, x, x.sizes) : y;
}

export function gatherPadBackward(
  ctx: OpContext,
  mode: PadMode,
  grad: TensorLike,
  x: TensorLike,
  padding: readonly number[],
): TensorLike {
  const r = x.sizes.length;
  const expected = x.sizes.map((n, d) => {
    const k = r - 1 - d;
    return 2 * k < padding.length ? n + padding[2 * k] + padding[2 * k + 1] : n;
  });
  if (grad.sizes.length !== r || grad.sizes.some((v, i) => v !== expected[i])) {
    throw new OpError(`grad_output has sizes ${formatSizes(grad.sizes)}, expected ${formatSizes(expected)}`);
  }
  let g = grad;
  const list = pairs(padding);
  for (let k = list.length - 1; k >= 0; k--) {
    const d = r - 1 - k;
    const [l, rr] = list[k];
    g = scatterAlong(ctx, g, d, padIndex(mode, x.sizes[d], l, rr), x.sizes[d]);
  }
  return g === grad ? reshape(ctx, grad, grad.sizes) : g;
}

export function constantPad(ctx: OpContext, x: TensorLike, pad: readonly number[], value: Scalar): TensorLike {
  const r = x.sizes.length;
  if (pad.length % 2 !== 0) throw new OpError(`Length of pad must be even but instead it equals ${pad.length}`);
  if (pad.length > 2 * r) {
    throw new OpError(
      `Length of pad should be no more than twice the number of dimensions of the input. Pad length is ${pad.length}while the input has ${r}dimensions.`,
    );
  }
  const sizes = [...x.sizes];
  const list = pairs(pad);
  list.forEach(([l, rr], k) => {
    const d = r - 1 - k;
    sizes[d] = x.sizes[d] + l + rr;
    if (sizes[d] < 0) {
      throw new OpError(
        `The input size ${x.sizes[d]}, plus negative padding ${l} and ${rr} resulted in a negative output size, which is invalid. Check dimension ${d} of your input.`,
      );
    }
  });
  const out = ctx.empty(sizes, x.dtype);
  const v = scalarToNumber(value);
  if (v !== 0 && numel(sizes)) K.fill(out, v);
  // The overlap of input and output: crop negative pads from the input, skip positive ones in the output.
  let src = x;
  let dst = out;
  list.forEach(([l, rr], k) => {
    const d = r - 1 - k;
    const n = x.sizes[d];
    const lo = Math.max(-l, 0);
    const hi = n - Math.max(-rr, 0);
    const len = Math.max(hi - lo, 0);
    src = narrowView(ctx, src, d, Math.min(lo, n), len);
    dst = narrowView(ctx, dst, d, Math.max(l, 0), len);
  });
  if (numel(src.sizes)) K.copy(dst, src);
  return out;
}

/** aten::pad: dispatches on the mode and the number of padded dims like PyTorch's _pad_enum. */
export function padDispatch(
  ctx: OpContext,
  x: TensorLike,
  pad: readonly number[],
  mode: string,
  value: number | FloatScalar | null,
): TensorLike {
  const r = x.sizes.length;
  if (pad.length % 2 !== 0) throw new OpError('Padding length must be divisible by 2');
  if (pad.length > r * 2) throw new OpError('Padding length too large');
  if (value != null) value = scalarToNumber(value);
  if (mode === 'constant') return constantPad(ctx, x, pad, value ?? 0);
  if (mode !== 'reflect' && mode !== 'replicate' && mode !== 'circular') {
    throw new OpError(`Unrecognised padding mode ${mode}`, 'NotImplementedError');
  }
  if (value != null && value !== 0) throw new OpError(`Padding mode "${mode}" doesn't take in value argument`);
  const nd = pad.length / 2;
  if (mode === 'circular') {
    if (pad.length + 4 !== r * 2) {
      throw new OpError(`Invalid padding size, expected ${(r - 2) * 2} but got ${pad.length}`);
    }
    pairs(pad).forEach(([l, rr], k) => {
      const n = x.sizes[r - 1 - k];
      if (l > n || rr > n) throw new OpError('Padding value causes wrapping around more than once.');
    });
    return gatherPad(ctx, 'circular', x, pad);
  }
  if (nd >= 1 && nd <= 3 && (r === nd + 1 || r === nd + 2)) {
    checkPad(mode, nd, x, pad);
    return gatherPad(ctx, mode, x, pad);
  }
  throw new OpError(
    'Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now',
    'NotImplementedError',
  );
}

/** The derivative of aten::pad. */
export function padRule(F: Functions, c: Record<string, any>): Record<string, any> {
  const pad: number[] = c.pad;
  if (c.mode === 'constant')
    return {
      self: F.constantPadNd(
        c.grad,
        pad.map((p) => -p),
        0,
      ),
    };
  const nd = pad.length / 2;
  const { grad, self } = c;
  if (c.mode === 'circular') return { self: circularRule(F, grad, F.sizes(self), pad) };
  if (c.mode === 'reflect') {
    if (nd === 1) return { self: F.reflectionPad1dBackward(grad, self, pad) };
    if (nd === 2) return { self: F.reflectionPad2dBackward(grad, self, pad) };
    return { self: F.reflectionPad3dBackward(grad, self, pad) };
  }
  if (nd === 1) return { self: F.replicationPad1dBackward(grad, self, pad) };
  if (nd === 2) return { self: F.replicationPad2dBackward(grad, self, pad) };
  return { self: F.replicationPad3dBackward(grad, self, pad) };
}

/**
 * The adjoint of circular padding (PyTorch builds it from narrow/cat, so it has no backward op):
 * per padded dim, the wrapped-around border rows are added back onto the rows they copied.
 */
function circularRule(F: Functions, grad: any, sizes: readonly number[], pad: readonly number[]): any {
  const r = sizes.length;
  let g = grad;
  pairs(pad).forEach(([l, rr], k) => {
    const d = r - 1 - k;
    const n = sizes[d];
    // Negative pads crop first; the positive ones then wrap around the cropped rows (PyTorch's order).
    const cropL = Math.max(-l, 0);
    const cropR = Math.max(-rr, 0);
    const m = n - cropL - cropR;
    const padL = Math.max(l, 0);
    const padR = Math.max(rr, 0);
    // Pads that move a [len]-row slice of dim d to rows [at, at + len) of a [rows]-row dim.
    const place = (t: any, at: number, len: number, rows: number) => {
      const p = new Array<number>(2 * (k + 1)).fill(0);
      p[2 * k] = at;
      p[2 * k + 1] = rows - at - len;
      return F.constantPadNd(t, p, 0);
    };
    let acc = F.narrow(g, d, padL, m);
    if (padL > 0) acc = F.add(acc, place(F.narrow(g, d, 0, padL), m - padL, padL, m));
    if (padR > 0) acc = F.add(acc, place(F.narrow(g, d, padL + m, padR), 0, padR, m));
    if (cropL > 0 || cropR > 0) acc = place(acc, cropL, m, n);
    g = acc;
  });
  return g;
}
