/**
 * Calling an op by name with JS arguments, as the public API does: `torch.add(a, b, { alpha: 2 })`.
 * The overload is resolved once per argument signature (kinds of the arguments and the option
 * names) and cached, so that a hot call costs a Map lookup, not a walk over schemas.
 */
import { FloatScalar, type Overload, resolveOverload, resolveVarargs, splitOptions } from '@tsjit/ops';
import { dispatch } from './dispatcher.js';
import { opRegistry } from './registry.js';
import { Tensor } from './tensor.js';

const isTensor = (v: unknown): boolean => v instanceof Tensor;

function kind(v: unknown): string {
  if (v instanceof Tensor) return 'T';
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? 'i' : 'f';
    case 'boolean':
      return 'b';
    case 'string':
      return 's';
    case 'bigint':
      return 'i';
    case 'undefined':
      return 'u';
    case 'object':
      if (v === null) return 'n';
      if (v instanceof FloatScalar) return 'f';
      if (Array.isArray(v)) {
        let k = 'l';
        for (const e of v) k += kind(e);
        return `${k};`;
      }
      return `o{${Object.keys(v).join(',')}}`;
    default:
      return '?';
  }
}

/** A small code for arguments whose kind alone decides overload resolution; 0 for the others. */
function simpleKind(v: unknown): number {
  if (v instanceof Tensor) return 1;
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? 2 : 3;
    case 'boolean':
      return 4;
    case 'string':
      return 5;
    case 'undefined':
      return 6;
    case 'object':
      return v === null ? 6 : v instanceof FloatScalar ? 3 : 0;
    default:
      return 0;
  }
}

function isOptionsObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Tensor || v instanceof FloatScalar)
    return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const NO_KEYWORDS = undefined;

/** The overloads of a camelCase name, with a per-signature cache. */
export class OpGroup {
  readonly name: string;
  readonly overloads: readonly Overload[];
  readonly #byCode = new Map<number, Overload>();
  readonly #byText = new Map<string, Overload>();
  readonly #varargs = new Set<string>();

  constructor(name: string, overloads: readonly Overload[]) {
    this.name = name;
    this.overloads = overloads;
  }

  /** The overload for these arguments (a trailing options object holds keyword arguments). */
  resolve(args: readonly unknown[]): Overload {
    let code = args.length;
    for (let i = 0; i < args.length; i++) {
      const k = simpleKind(args[i]);
      if (k === 0) return this.#resolveByText(args);
      code = code * 8 + k;
    }
    let o = this.#byCode.get(code);
    if (o === undefined) {
      o = resolveOverload(this.overloads, args, NO_KEYWORDS, isTensor);
      this.#byCode.set(code, o);
    }
    return o;
  }

  #resolveByText(args: readonly unknown[]): Overload {
    let sig = '';
    for (let i = 0; i < args.length; i++) sig += kind(args[i]);
    let o = this.#byText.get(sig);
    if (o === undefined) {
      const [positional, keywords] = splitOptions(args, isTensor);
      o = resolveOverload(this.overloads, positional, keywords, isTensor);
      if (this.#byText.size < 256) this.#byText.set(sig, o);
    }
    return o;
  }

  call(args: readonly unknown[]): any {
    const n = args.length;
    if (this.#varargs.size && this.#varargs.has(signature(args))) return this.#callVarargs(args);
    let o: Overload;
    try {
      o = this.resolve(args);
    } catch (e) {
      // x.view(2, 3): sizes as separate ints (cached per signature once it worked).
      const r = this.#callVarargs(args, e);
      this.#varargs.add(signature(args));
      return r;
    }
    if (n > 0 && isOptionsObject(args[n - 1])) {
      return dispatch(o, o.bind(args.slice(0, n - 1), args[n - 1] as Record<string, unknown>));
    }
    return dispatch(o, o.bind(args));
  }

  #callVarargs(args: readonly unknown[], error?: unknown): any {
    const [positional, keywords] = splitOptions(args, isTensor);
    const r = resolveVarargs(this.overloads, positional, keywords, isTensor);
    if (r === null) throw error ?? new TypeError(`${this.name}: no overload accepts these arguments`);
    return dispatch(r.overload, r.overload.bind(r.positional, keywords));
  }
}

function signature(args: readonly unknown[]): string {
  let sig = '';
  for (let i = 0; i < args.length; i++) sig += kind(args[i]);
  return sig;
}

let groups: Map<string, OpGroup> | undefined;

/** Every op by camelCase name (`add`, `add_`, `logSoftmax`). */
export function opGroups(): Map<string, OpGroup> {
  if (groups === undefined) {
    groups = new Map();
    for (const [name, list] of opRegistry().byCamelName()) groups.set(name, new OpGroup(name, list));
  }
  return groups;
}

export function opGroup(name: string): OpGroup {
  const g = opGroups().get(name);
  if (g === undefined) throw new TypeError(`no op named '${name}'`);
  return g;
}

/** Calls the op `name` (camelCase) with positional arguments and an optional trailing options object. */
export function callOp(name: string, args: readonly unknown[]): any {
  return opGroup(name).call(args);
}
