import { type Argument, type DefaultValue, type FunctionSchema, type JitType, parseSchema } from '@tsjit/ir';
import { clone, copyInto, isContiguous, numel, sameSizes, sharesMemory } from './helpers.js';
import { OpError } from './op-error.js';
import type { SampleFn } from './samples.js';
import type { Functions, OpArgs, OpContext, TensorLike } from './tensor-like.js';

/** Runs one overload: arguments by schema name (defaults filled in), the context, the overload. */
export type ImplFn = (args: OpArgs, ctx: OpContext, overload: Overload) => any;

/** Result sizes and dtype without computing (shape propagation); one entry per returned tensor. */
export interface MetaResult {
  readonly sizes: readonly number[];
  readonly dtype: string;
}
export type MetaFn = (args: OpArgs, overload: Overload) => MetaResult | readonly MetaResult[];

/**
 * The gradients of an op's inputs from the gradient of its output, written against `F` (eager
 * tensors or IR values). `grad` is the gradient of the first output (`grads` all of them, null for
 * outputs that got none), `result` the op's output; the arguments are there by schema name.
 * Returns gradients by input name; a missing or null entry means "no gradient".
 */
export type DerivativeRule = (F: Functions, ctx: DerivativeContext) => Record<string, any>;
export interface DerivativeContext extends OpArgs {
  readonly grad: any;
  readonly grads: readonly any[];
  readonly result: any;
}

type PerOverload<T> = T | { readonly [overloadName: string]: T };

export interface OpDefinition {
  /** Every schema of the op, exactly as PyTorch writes them (functional, in-place and out variants). */
  readonly schemas: readonly string[];
  /**
   * The implementation: one function for all overloads, or one per overload name ('' for the
   * default overload). In-place (`add_`) and `out=` overloads without their own impl run the
   * functional overload and copy the result into `self` / `out` with PyTorch's checks.
   */
  readonly impl: PerOverload<ImplFn>;
  readonly meta?: PerOverload<MetaFn>;
  /** The derivative rule; every differentiable op has one (the op audit checks). */
  readonly derivative?: PerOverload<DerivativeRule>;
  /** Why the op has no derivative ("integer output", "comparison", "random"), instead of a rule. */
  readonly nondifferentiable?: string;
  /**
   * Which outputs carry gradients, for ops with several (PyTorch's `output_differentiability`):
   * native_layer_norm's mean and rstd do not. Default: every floating output.
   */
  readonly outputDifferentiability?: readonly boolean[];
  /** Test samples, run against PyTorch's goldens. */
  readonly samples: SampleFn;
  /**
   * For derived in-place overloads (`relu_`, `add_.Tensor`): computes the result straight into
   * `self` when that is safe (a pointwise kernel, self contiguous, its dtype kept, no other
   * argument overlapping it) and returns true; false falls back to the functional overload and a
   * copy into self. Saves an output as large as self and a copy.
   */
  readonly inplaceInto?: (args: OpArgs, ctx: OpContext) => boolean;
}

/** One overload of an op: a parsed schema bound to its implementation. */
export class Overload {
  readonly op: Op;
  readonly schema: FunctionSchema;
  /** `add.Tensor`, or `relu` for a default overload. */
  readonly key: string;
  /** The base name without namespace: `add`, `add_`. */
  readonly baseName: string;
  readonly overloadName: string;
  readonly impl: ImplFn;
  readonly names: readonly string[];
  /** The overload writes into `self` (`add_`). */
  readonly inplace: boolean;
  /** The overload writes into keyword `out` arguments (`add.out`). */
  readonly outNames: readonly string[];
  readonly #defaults: readonly unknown[];

  constructor(op: Op, schema: FunctionSchema, impl: ImplFn) {
    this.op = op;
    this.schema = schema;
    this.baseName = schema.name.slice(schema.name.indexOf('::') + 2);
    this.overloadName = schema.overloadName;
    this.key = schema.overloadName ? `${this.baseName}.${schema.overloadName}` : this.baseName;
    this.impl = impl;
    this.names = schema.arguments.map((a) => a.name);
    this.outNames = schema.arguments.filter((a) => a.isWrite && a.kwargOnly).map((a) => a.name);
    this.inplace = schema.arguments.length > 0 && schema.arguments[0].isWrite && !schema.arguments[0].kwargOnly;
    this.#defaults = schema.arguments.map((a) => defaultToValue(a));
  }

  get qualifiedName(): string {
    return this.schema.operatorName;
  }

  /** The default of argument i as an op value (undefined: the argument is required). */
  defaultOf(i: number): unknown {
    return this.#defaults[i];
  }

  /**
   * Arguments by name from positional values (schema order) and keyword values (schema names or
   * their camelCase spellings), defaults filled in. Throws a TypeError-kind OpError on a missing
   * or unknown argument; types are not checked here (see `matches`).
   */
  bind(positional: readonly unknown[], keywords?: Readonly<Record<string, unknown>>): OpArgs {
    const args: OpArgs = {};
    const list = this.schema.arguments;
    if (this.schema.isVararg) {
      // `aten::format(str self, ...)`: the positional values past the schema's go to args['...'].
      args['...'] = positional.slice(list.length);
      positional = positional.slice(0, list.length);
    }
    if (positional.length > list.length) {
      throw new OpError(
        `${this.qualifiedName}() takes ${list.length} arguments but ${positional.length} were given`,
        'TypeError',
      );
    }
    for (let i = 0; i < list.length; i++) {
      let v: unknown = i < positional.length ? positional[i] : undefined;
      if (v === undefined && keywords !== undefined) v = lookupKeyword(keywords, list[i].name);
      if (v === undefined) {
        v = this.#defaults[i];
        if (v === undefined) {
          throw new OpError(`${this.qualifiedName}() missing value for argument '${list[i].name}'`, 'TypeError');
        }
      }
      args[list[i].name] = v;
    }
    if (keywords !== undefined) {
      for (const k of Object.keys(keywords)) {
        if (!list.some((a) => a.name === k || camel(a.name) === k)) {
          throw new OpError(`${this.qualifiedName}() got an unexpected keyword argument '${k}'`, 'TypeError');
        }
      }
    }
    return args;
  }
}

function lookupKeyword(keywords: Readonly<Record<string, unknown>>, name: string): unknown {
  const v = keywords[name];
  return v !== undefined ? v : keywords[camel(name)];
}

/**
 * snake_case → camelCase: `rounding_mode` → `roundingMode`, `_softmax_backward_data` →
 * `_softmaxBackwardData`; leading and trailing underscores stay (`add_`, `__and__`, `_to_copy` →
 * `_toCopy`).
 */
export function camel(name: string): string {
  return name.replace(/(?<=[A-Za-z0-9])_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A schema default as the value an impl receives: ints and floats as numbers, None as null. */
function defaultToValue(a: Argument): unknown {
  const d = a.defaultValue;
  if (d === undefined) return undefined;
  return convertDefault(d, a.realType);
}
function convertDefault(d: DefaultValue, type: JitType): unknown {
  if (d === null || typeof d === 'boolean' || typeof d === 'string') return d;
  if (Array.isArray(d)) return d.map((e) => convertDefault(e, type));
  const tagged = d as { kind: 'int' | 'float'; value: number | bigint };
  if (tagged.kind === 'float') return Number(tagged.value);
  const kind = unwrapOptional(type).kind;
  if (kind === 'ScalarTypeType') return DTYPE_NAMES[Number(tagged.value)] ?? Number(tagged.value);
  return typeof tagged.value === 'bigint' ? tagged.value : tagged.value;
}
const DTYPE_NAMES: Record<number, string> = {
  0: 'uint8',
  1: 'int8',
  2: 'int16',
  3: 'int32',
  4: 'int64',
  5: 'float16',
  6: 'float32',
  7: 'float64',
  11: 'bool',
  15: 'bfloat16',
};
function unwrapOptional(t: JitType): JitType {
  return t.kind === 'OptionalType' ? (t as unknown as { elementType: JitType }).elementType : t;
}

/** An operator: the overloads of one op file. */
export class Op {
  readonly definition: OpDefinition;
  /** The op's own name: the base name of its first schema (`add`), namespaced outside aten (`prim.min`). */
  readonly name: string;
  #overloads: Overload[] | undefined;

  constructor(definition: OpDefinition) {
    this.definition = definition;
    const first = definition.schemas[0] ?? '';
    // aten ops are named by their base name (`add`); other namespaces keep theirs (`prim.min`), so
    // that `prim::min` and `aten::min` get distinct golden files and test names.
    const m = /^(?:(\w+)::)?(\w+)/.exec(first);
    this.name = m ? (m[1] === undefined || m[1] === 'aten' ? m[2] : `${m[1]}.${m[2]}`) : '';
  }

  /** The overloads, parsed on first use (importing the op library parses nothing). */
  get overloads(): readonly Overload[] {
    if (this.#overloads === undefined) this.#overloads = buildOverloads(this);
    return this.#overloads;
  }

  overload(key: string): Overload {
    const o = this.overloads.find((x) => x.key === key || x.qualifiedName === key);
    if (!o) throw new TypeError(`${this.name}: no overload '${key}'`);
    return o;
  }

  get differentiable(): boolean {
    return this.definition.derivative !== undefined;
  }

  derivativeFor(o: Overload): DerivativeRule | undefined {
    return pick(this.definition.derivative, o, (name) => name.replace(/_$/, ''));
  }

  metaFor(o: Overload): MetaFn | undefined {
    return pick(this.definition.meta, o, (name) => name);
  }
}

function pick<T>(value: PerOverload<T> | undefined, o: Overload, _base: (name: string) => string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'function') return value as T;
  const table = value as Record<string, T>;
  return table[o.key] ?? table[o.overloadName] ?? undefined;
}

export function defineOp(definition: OpDefinition): Op {
  return new Op(definition);
}

function buildOverloads(op: Op): Overload[] {
  const { impl } = op.definition;
  const schemas = op.definition.schemas.map((s) => parseSchema(s));
  const overloads: Overload[] = [];
  const byKey = new Map<string, Overload>();
  const pending: FunctionSchema[] = [];
  for (const schema of schemas) {
    const base = schema.name.slice(schema.name.indexOf('::') + 2);
    const key = schema.overloadName ? `${base}.${schema.overloadName}` : base;
    let fn: ImplFn | undefined;
    if (typeof impl === 'function') {
      const writes = schema.arguments.some((a) => a.isWrite);
      fn = writes ? undefined : impl;
    } else {
      // A mutating overload takes an impl by its full key (`add_.Tensor`, `abs.out`), or by its
      // overload name when no functional overload shares that name (`_to_copy.out` ← `out`): the
      // functional impl of `add.Tensor` must not run for `add_.Tensor` (it would not write).
      const writes = schema.arguments.some((a) => a.isWrite);
      const shared = schemas.some(
        (s) => s !== schema && s.overloadName === schema.overloadName && !s.arguments.some((a) => a.isWrite),
      );
      fn = impl[key] ?? (writes && shared ? undefined : (impl[schema.overloadName] as ImplFn | undefined));
      if (
        fn === undefined &&
        !schema.arguments.some((a) => a.isWrite) &&
        impl[''] !== undefined &&
        !schema.overloadName
      )
        fn = impl[''];
    }
    if (fn === undefined) {
      pending.push(schema);
      continue;
    }
    const o = new Overload(op, schema, fn);
    overloads.push(o);
    byKey.set(key, o);
  }
  for (const schema of pending) {
    const o = deriveMutatingOverload(op, schema, overloads);
    overloads.push(o);
  }
  // Keep the order of the schemas (overload resolution tries them in this order).
  const order = new Map(schemas.map((s, i) => [s, i]));
  overloads.sort((a, b) => (order.get(a.schema) ?? 0) - (order.get(b.schema) ?? 0));
  return overloads;
}

/**
 * An in-place or out= overload with no impl of its own runs the functional overload with the same
 * non-output arguments and writes its result into self / out.
 */
function deriveMutatingOverload(op: Op, schema: FunctionSchema, functional: readonly Overload[]): Overload {
  const outArgs = schema.arguments.filter((a) => a.isWrite && a.kwargOnly).map((a) => a.name);
  const inplace = outArgs.length === 0 && schema.arguments[0]?.isWrite === true;
  const inputs = schema.arguments.filter((a) => !(a.isWrite && a.kwargOnly));
  const signature = (args: readonly Argument[]) => args.map((a) => `${a.name}:${a.type.annotationStr()}`).join(',');
  const want = signature(inputs);
  const candidates = functional.filter((f) => !f.outNames.length && !f.inplace);
  // The functional overload with the same arguments; else one that has them all and defaults for
  // the rest (`zeros.out(size, *, out)` runs `zeros(size, *, dtype=None, ...)` with out's dtype).
  const target =
    candidates.find((f) => signature(f.schema.arguments.filter((a) => !a.isWrite)) === want) ??
    candidates.find((f) => {
      const fargs = f.schema.arguments;
      const has = (a: Argument) =>
        fargs.some((b) => b.name === a.name && b.type.annotationStr() === a.type.annotationStr());
      const extraHaveDefaults = fargs.every((b) => b.hasDefault || inputs.some((a) => a.name === b.name));
      return inputs.every(has) && extraHaveDefaults;
    });
  if (target === undefined) {
    throw new TypeError(
      `${op.name}: no implementation for ${schema.operatorName} and no functional overload to derive it from`,
    );
  }
  const exact = signature(target.schema.arguments.filter((a) => !a.isWrite)) === want;
  const targetArgs = (args: OpArgs): OpArgs => {
    if (exact) return args;
    const out: OpArgs = {};
    target.schema.arguments.forEach((a, i) => {
      if (a.name in args) out[a.name] = args[a.name];
      else if (a.name === 'dtype' && outArgs.length === 1) out.dtype = args[outArgs[0]].dtype;
      else out[a.name] = target.defaultOf(i);
    });
    return out;
  };
  const into = op.definition.inplaceInto;
  const impl: ImplFn = inplace
    ? (args, ctx) => {
        if (into !== undefined && into(args, ctx)) return args.self;
        const result = target.impl(targetArgs(args), ctx, target);
        copyInto(ctx, args.self, result, schema.operatorName, false);
        return args.self;
      }
    : (args, ctx) => {
        const outs: TensorLike[] = outArgs.map((name) => args[name]);
        const result = runIntoOut(ctx, target, targetArgs(args), outs);
        const results = (outs.length === 1 ? [result] : result) as TensorLike[];
        for (let i = 0; i < outs.length; i++) {
          let r = results[i];
          if (r === outs[i]) continue;
          // A result that is not its out tensor but lives in an out's storage is copied away first.
          if (outs.some((o) => ctx.isTensor(r) && sharesMemory(r, o))) r = clone(ctx, r);
          copyInto(ctx, outs[i], r, schema.operatorName, true);
        }
        return outs.length === 1 ? outs[0] : outs;
      };
  return new Overload(op, schema, impl);
}

/**
 * Runs the functional overload (once: ops may have side effects) so that it writes its results
 * straight into the `out` tensors, with no second buffer and no copy, where that is safe: every
 * out is contiguous, non-empty and shares no storage with a tensor argument. The impl's requests
 * for uninitialized tensors get, in order, each out whose sizes and dtype they match. Returns the
 * impl's result; the caller copies any output that did not land in its out tensor.
 */
function runIntoOut(ctx: OpContext, target: Overload, args: OpArgs, outs: readonly TensorLike[]): unknown {
  const shares = (v: unknown) => outs.some((o) => ctx.isTensor(v) && v !== o && sharesMemory(v, o));
  const safe =
    outs.every((o) => ctx.isTensor(o) && isContiguous(o) && numel(o.sizes) > 0) &&
    outs.every((o, i) => outs.every((p, j) => i === j || !sharesMemory(o, p))) &&
    Object.values(args).every((v) => (Array.isArray(v) ? !v.some(shares) : !shares(v)));
  if (!safe) return target.impl(args, ctx, target);
  let next = 0;
  const outCtx: OpContext = Object.create(ctx);
  outCtx.uninitialized = (sizes, dtype) => {
    const o = outs[next];
    if (o !== undefined && dtype === o.dtype && sameSizes(sizes, o.sizes)) {
      next++;
      ctx.bumpVersion(o);
      return o;
    }
    return ctx.uninitialized(sizes, dtype);
  };
  return target.impl(args, outCtx, target);
}
