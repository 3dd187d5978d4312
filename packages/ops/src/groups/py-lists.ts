/**
 * The list builtins of TorchScript (PyTorch's register_prim_ops.cpp list ops) on JS arrays:
 * mutation in place where Python mutates, Python's index and slice rules, PyTorch's messages.
 */
import type { ImplFn } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import type { OpContext } from '../core/tensor-like.js';
import {
  checkLength,
  intNum,
  isFloatValue,
  isIntValue,
  isTuple,
  ivalueEquals,
  ivalueString,
  num,
  tensorTruth,
  typeAnnotation,
} from './py-values.js';

type List = unknown[];

function listArg(v: unknown, what = 'list'): List {
  if (!Array.isArray(v)) throw new OpError(`expected a ${what}`, 'TypeError');
  return v as List;
}

/** A list element by index, with Python's negative indices; PyTorch's out-of-range error. */
export function listAt(list: readonly unknown[], index: unknown, message = 'list index out of range'): number {
  const n = list.length;
  let i = intNum(index);
  if (i < 0) i += n;
  if (i < 0 || i >= n) throw new OpError(message);
  return i;
}

export const listGetItem: ImplFn = (args) => {
  const list = listArg(args.list ?? args.l);
  return list[listAt(list, args.idx)];
};

export const listSetItem: ImplFn = (args) => {
  const list = listArg(args.l);
  list[listAt(list, args.idx)] = args.el;
  return list;
};

export const listAppend: ImplFn = (args) => {
  const list = listArg(args.self);
  list.push(args.el);
  return list;
};

export const listExtend: ImplFn = (args) => {
  const list = listArg(args.self);
  const other = [...listArg(args.other)];
  for (const e of other) list.push(e);
  return null;
};

export const listInsert: ImplFn = (args) => {
  const list = listArg(args.self);
  const n = list.length;
  let i = intNum(args.idx);
  if (i < 0) i = Math.max(0, i + n);
  list.splice(Math.min(i, n), 0, args.el);
  return null;
};

export const listPop: ImplFn = (args) => {
  const list = listArg(args.self);
  if (list.length === 0) throw new OpError('pop from empty list');
  const i = listAt(list, args.idx);
  return list.splice(i, 1)[0];
};

export const listDelete: ImplFn = (args) => {
  const list = listArg(args.self);
  // PyTorch's `del l[i]` shares list.pop's code: an empty list is "pop index out of range",
  // an index out of a non-empty list "list index out of range".
  if (list.length === 0) throw new OpError('pop index out of range');
  list.splice(listAt(list, args.idx), 1);
  return null;
};

export const listClear: ImplFn = (args) => {
  listArg(args.self).length = 0;
  return null;
};

export const listReverse: ImplFn = (args) => {
  listArg(args.self).reverse();
  return null;
};

export const listCopy: ImplFn = (args) => [...listArg(args.self ?? args.l)];

function findIndex(ctx: OpContext, list: readonly unknown[], el: unknown): number {
  for (let i = 0; i < list.length; i++) if (ivalueEquals(ctx, list[i], el)) return i;
  return -1;
}

export const listRemove: ImplFn = (args, ctx) => {
  const list = listArg(args.self);
  const i = findIndex(ctx, list, args.el);
  if (i < 0) throw new OpError('list.remove(x): x not in list');
  list.splice(i, 1);
  return null;
};

export const listIndex: ImplFn = (args, ctx) => {
  const list = listArg(args.self);
  const i = findIndex(ctx, list, args.el);
  if (i < 0) throw new OpError(`'${ivalueString(ctx, args.el)}' is not in list`);
  return i;
};

export const listCount: ImplFn = (args, ctx) => {
  let n = 0;
  for (const e of listArg(args.self)) if (ivalueEquals(ctx, e, args.el)) n++;
  return n;
};

export const listContains: ImplFn = (args, ctx) => findIndex(ctx, listArg(args.l), args.item) >= 0;

export const listLen: ImplFn = (args) => listArg(args.a).length;

export const listAdd: ImplFn = (args) => [...listArg(args.a), ...listArg(args.b)];

export const listAddInPlace: ImplFn = (args) => {
  const list = listArg(args.self);
  for (const e of [...listArg(args.b)]) list.push(e);
  return list;
};

function repeat(list: readonly unknown[], n: number): unknown[] {
  const out: unknown[] = [];
  if (list.length === 0 || n <= 0) return out;
  checkLength(list.length * n);
  for (let k = 0; k < n; k++) for (const e of list) out.push(e);
  return out;
}

/** `l * n`: PyTorch reserves the result first, which a negative n makes fail. */
function repeatNew(list: readonly unknown[], n: number): unknown[] {
  // std::length_error, which reaches Python as ValueError.
  if (n < 0) throw new OpError('vector::reserve', 'ValueError');
  return repeat(list, n);
}

export const listMulLeft: ImplFn = (args) => repeatNew(listArg(args.l), intNum(args.n));

export const listMulInPlace: ImplFn = (args) => {
  const list = listArg(args.l);
  const out = repeat(list, intNum(args.n));
  list.length = 0;
  for (const e of out) list.push(e);
  return list;
};

/** Python's slice bounds for a sequence of `length` (PySlice_AdjustIndices). */
export function sliceIndices(
  length: number,
  start: unknown,
  end: unknown,
  step: unknown,
): { start: number; stop: number; step: number; count: number } {
  const s = step === null || step === undefined ? 1 : intNum(step);
  if (s === 0) throw new OpError('List slice should have non-zero step');
  const clamp = (v: unknown, dflt: number): number => {
    if (v === null || v === undefined) return dflt;
    let i = intNum(v);
    if (i < 0) {
      i += length;
      if (i < 0) i = s < 0 ? -1 : 0;
    } else if (i >= length) i = s < 0 ? length - 1 : length;
    return i;
  };
  const a = clamp(start, s < 0 ? length - 1 : 0);
  const b = clamp(end, s < 0 ? -1 : length);
  let count = 0;
  if (s > 0 ? a < b : b < a) count = Math.floor((s > 0 ? b - a - 1 : a - b - 1) / Math.abs(s)) + 1;
  return { start: a, stop: b, step: s, count };
}

export function sliceOf<T>(items: readonly T[], start: unknown, end: unknown, step: unknown): T[] {
  const r = sliceIndices(items.length, start, end, step);
  const out: T[] = [];
  for (let k = 0, i = r.start; k < r.count; k++, i += r.step) out.push(items[i]);
  return out;
}

export const listSlice: ImplFn = (args) => sliceOf(listArg(args.l), args.start, args.end, args.step);

/** Python's `<` between two list elements (numbers, strings, bools, one-element tensors, lists). */
export function lessThan(ctx: OpContext, a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a < b;
  if (ctx.isTensor(a) && ctx.isTensor(b)) return tensorTruth(ctx, ctx.F.lt(a, b));
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!ivalueEquals(ctx, a[i], b[i])) return lessThan(ctx, a[i], b[i]);
    }
    return a.length < b.length;
  }
  if (isNumber(a) && isNumber(b)) {
    if (typeof a === 'bigint' || typeof b === 'bigint') {
      if (isIntValue(a) && isIntValue(b)) return BigInt(a as number | bigint) < BigInt(b as number | bigint);
    }
    return num(a) < num(b);
  }
  throw new OpError(`'<' not supported between these values`, 'TypeError');
}

function isNumber(v: unknown): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || isFloatValue(v);
}

/** A stable sort with Python's `<` (list.sort, sorted). */
export function sortList(ctx: OpContext, list: readonly unknown[], reverse = false): unknown[] {
  const items = list.map((v, i) => ({ v, i }));
  items.sort((x, y) => {
    const [p, q] = reverse ? [y.v, x.v] : [x.v, y.v];
    if (lessThan(ctx, p, q)) return -1;
    if (lessThan(ctx, q, p)) return 1;
    return x.i - y.i;
  });
  return items.map((e) => e.v);
}

export const listSorted: ImplFn = (args, ctx) => {
  const list = listArg(args.input ?? args.self);
  // sorted.any takes tensors, numbers, strings and tuples of them; a list of lists or dicts it refuses.
  const bad = list.find((e) => (Array.isArray(e) && !isTuple(e)) || e instanceof Map);
  if (bad !== undefined) {
    throw new OpError(
      'Only list of Tensors, ints, floats, bools, strs, a User Defined Class that defines the __lt__ compare method ' +
        `or Tuples of aforementioned types can be sorted, got list of ${typeAnnotation(bad)}`,
    );
  }
  return sortList(ctx, list);
};

export const listFromList: ImplFn = (args) => [...listArg(args.l)];

/** Elementwise `==` of two lists (eq.int_list, eq.Tensor_list, ...). */
export function listEquals(ctx: OpContext, a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (ctx.isTensor(x) && ctx.isTensor(y)) {
      if (x !== y && !tensorTruth(ctx, ctx.F.eq(x, y))) return false;
    } else if (!ivalueEquals(ctx, x, y)) return false;
  }
  return true;
}

/** prim::min / prim::max of one list: its least / greatest element. */
export function listExtreme(which: 'min' | 'max'): ImplFn {
  return (args, ctx) => {
    const list = listArg(args.self);
    if (list.length === 0) throw new OpError(`${which}() arg is an empty sequence`);
    let best = list[0];
    for (const e of list.slice(1)) {
      if (which === 'min' ? lessThan(ctx, e, best) : lessThan(ctx, best, e)) best = e;
    }
    return best;
  };
}

/** prim::min / prim::max of two lists: the lesser / greater one in Python's order. */
export function listPairExtreme(which: 'min' | 'max'): ImplFn {
  return (args, ctx) => {
    const l = listArg(args.l);
    const r = listArg(args.r);
    const lFirst = which === 'min' ? !lessThan(ctx, r, l) : !lessThan(ctx, l, r);
    return lFirst ? l : r;
  };
}

export const listMulRight: ImplFn = (args) => repeatNew(listArg(args.l), intNum(args.n));
