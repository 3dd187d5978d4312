/**
 * The dict builtins of TorchScript on JS Maps (insertion order, keys normalised by `dictKey`). The
 * overload name carries the key type (`keys.float`, `pop.Dict_default_int`): it decides how keys
 * are read back (a float key stays a float).
 */
import type { ImplFn, Overload } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import type { OpContext } from '../core/tensor-like.js';
import { dictKey, ivalueString, keyOut, tensorString, tuple } from './py-values.js';

type Dict = Map<unknown, unknown>;

function dictArg(v: unknown): Dict {
  if (!(v instanceof Map)) throw new OpError('expected a dict', 'TypeError');
  return v as Dict;
}

/** The key type of a dict overload, from its first argument's schema type. */
export function keyKind(o: Overload): string {
  const t = o.schema.arguments[0]?.type as unknown as { keyType?: { kind: string } };
  const kind = t?.keyType?.kind ?? '';
  return kind === 'FloatType' ? 'float' : kind;
}

function keyError(ctx: OpContext, key: unknown): OpError {
  return new OpError(`KeyError: ${ctx.isTensor(key) ? tensorString(ctx, key, true) : ivalueString(ctx, key)}`);
}

export const dictGetItem: ImplFn = (args, ctx) => {
  const d = dictArg(args.self);
  const k = dictKey(args.key);
  if (!d.has(k)) throw keyError(ctx, args.key);
  return d.get(k);
};

export const dictSetItem: ImplFn = (args) => {
  dictArg(args.l).set(dictKey(args.idx), args.v);
  return null;
};

export const dictGet: ImplFn = (args) => {
  const d = dictArg(args.self);
  const k = dictKey(args.key);
  if (d.has(k)) return d.get(k);
  return args.default_value === undefined ? null : args.default_value;
};

export const dictSetDefault: ImplFn = (args) => {
  const d = dictArg(args.self);
  const k = dictKey(args.key);
  if (!d.has(k)) d.set(k, args.default_value);
  return d.get(k);
};

export const dictPop: ImplFn = (args, ctx) => {
  const d = dictArg(args.self);
  const k = dictKey(args.key);
  if (!d.has(k)) {
    if (args.default_value !== undefined) return args.default_value;
    throw keyError(ctx, args.key);
  }
  const v = d.get(k);
  d.delete(k);
  return v;
};

export const dictPopItem: ImplFn = (args, _ctx, o) => {
  const d = dictArg(args.self);
  if (d.size === 0) throw new OpError('popitem(): dictionary is empty');
  // PyTorch pops the first item in insertion order (Python the last).
  const [k, v] = d.entries().next().value as [unknown, unknown];
  d.delete(k);
  return tuple([keyOut(k, keyKind(o)), v]);
};

export const dictDelete: ImplFn = (args, ctx) => {
  const d = dictArg(args.self);
  const k = dictKey(args.key);
  if (!d.has(k)) throw keyError(ctx, args.key);
  d.delete(k);
  return null;
};

export const dictKeys: ImplFn = (args, _ctx, o) => {
  const kind = keyKind(o);
  return [...dictArg(args.self).keys()].map((k) => keyOut(k, kind));
};

export const dictValues: ImplFn = (args) => [...dictArg(args.self).values()];

export const dictItems: ImplFn = (args, _ctx, o) => {
  const kind = keyKind(o);
  return [...dictArg(args.self)].map(([k, v]) => tuple([keyOut(k, kind), v]));
};

export const dictUpdate: ImplFn = (args) => {
  const d = dictArg(args.self);
  for (const [k, v] of [...dictArg(args.to_add)]) d.set(k, v);
  return null;
};

export const dictClear: ImplFn = (args) => {
  dictArg(args.self).clear();
  return null;
};

export const dictCopy: ImplFn = (args) => new Map(dictArg(args.self));

export const dictLen: ImplFn = (args) => dictArg(args.self).size;

export const dictContains: ImplFn = (args) => dictArg(args.dict).has(dictKey(args.key));

/** dict(list of (key, value) tuples). */
export const dictFromPairs: ImplFn = (args) => {
  const out: Dict = new Map();
  for (const pair of args.inputs as unknown[]) {
    if (!Array.isArray(pair) || pair.length !== 2) throw new OpError('dict() expects (key, value) pairs', 'TypeError');
    out.set(dictKey(pair[0]), pair[1]);
  }
  return out;
};

export const emptyDict: ImplFn = () => new Map();
