/**
 * The acceptance sweep's machinery (nn-sweep-*.test.ts): comparing nested outputs, tracing through
 * a positional wrapper where the TypeScript forward takes an options object, and the batch of
 * archives that one PyTorch process loads and runs (tooling/fixtures/torch_load_resaved.py `cases`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as nn from '@tsjit/nn';
import { torchOps as T, Tensor } from '@tsjit/tensor';

export interface Tolerance {
  readonly rtol: number;
  readonly atol: number;
}

/** Where `actual` differs from `expected` (nested arrays of tensors, nulls, numbers): empty when equal within tol. */
export function differences(actual: unknown, expected: unknown, tol: Tolerance, where = 'output'): string[] {
  if (expected === null || expected === undefined) {
    return actual === null || actual === undefined ? [] : [`${where}: expected None, got ${String(actual)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return [
        `${where}: expected ${expected.length} outputs, got ${Array.isArray(actual) ? actual.length : typeof actual}`,
      ];
    }
    return expected.flatMap((e, i) => differences(actual[i], e, tol, `${where}[${i}]`));
  }
  if (!(expected instanceof Tensor)) return Object.is(actual, expected) ? [] : [`${where}: ${actual} vs ${expected}`];
  if (!(actual instanceof Tensor)) return [`${where}: expected a tensor, got ${typeof actual}`];
  if (actual.dtype !== expected.dtype) return [`${where}: dtype ${actual.dtype} vs ${expected.dtype}`];
  if (actual.sizes.join() !== expected.sizes.join())
    return [`${where}: sizes [${actual.sizes}] vs [${expected.sizes}]`];
  const a = actual.toFlatArray() as (number | boolean | bigint)[];
  const e = expected.toFlatArray() as (number | boolean | bigint)[];
  let worst = 0;
  let bad = -1;
  for (let i = 0; i < e.length; i++) {
    const ai = Number(a[i]);
    const ei = Number(e[i]);
    if (Number.isNaN(ei) && Number.isNaN(ai)) continue;
    if (ai === ei) continue;
    const d = Math.abs(ai - ei);
    if (!(d <= tol.atol + tol.rtol * Math.abs(ei))) {
      if (!(d <= worst)) worst = d;
      if (bad < 0) bad = i;
    }
  }
  return bad < 0 ? [] : [`${where}: element ${bad} ${a[bad]} vs ${e[bad]} (largest difference ${worst})`];
}

/** Tensors (and nested arrays of them) can be trace inputs; other arguments are baked into the trace. */
export function isTraceable(v: unknown): boolean {
  return v instanceof Tensor || (Array.isArray(v) && v.length > 0 && v.every(isTraceable));
}

/**
 * A user module whose forward takes only the traceable arguments, filling in the others and
 * calling the layer as TypeScript calls it: how a layer with an options-object forward (or a
 * forward taking null, ints or flags) is traced, as a PyTorch user traces a lambda-like wrapper.
 */
export class Positional extends nn.Module {
  constructor(
    readonly inner: nn.Module,
    private readonly template: readonly unknown[],
    private readonly invoke: (m: nn.Module, args: unknown[]) => unknown,
  ) {
    super();
  }

  override forward(...traceable: unknown[]): unknown {
    let next = 0;
    const args = this.template.map((v) => (isTraceable(v) ? traceable[next++] : v));
    const out = this.invoke(this.inner, args);
    // A traced function returns tensors and tuples of them: the absent attention weights are left out.
    return Array.isArray(out) && out.length === 2 && out[1] === null ? out[0] : out;
  }
}

type Value =
  | { tensor: { dtype: string; shape: number[]; values: (number | boolean | string)[] } }
  | { none: null }
  | { int: number }
  | { float: number }
  | { bool: boolean }
  | { tuple: Value[] }
  | { list: Value[] };

// JSON has no infinities: they travel as the strings torch_load_resaved.py reads back.
const nonFinite = (x: number) => (Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf');

/** The VALUE encoding torch_load_resaved.py reads (tensors inline): number arrays are List[int], others tuples. */
export function encode(v: unknown): Value {
  if (v === null || v === undefined) return { none: null };
  if (v instanceof Tensor) {
    const values = (v.toFlatArray() as (number | boolean | bigint)[]).map((x) =>
      typeof x === 'bigint' ? Number(x) : typeof x === 'number' && !Number.isFinite(x) ? nonFinite(x) : x,
    );
    return { tensor: { dtype: v.dtype, shape: [...v.sizes], values } };
  }
  if (typeof v === 'boolean') return { bool: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { int: v } : { float: v };
  if (Array.isArray(v)) {
    const ints = v.every((x) => typeof x === 'number');
    return ints ? { list: v.map((x) => encode(x)) } : { tuple: v.map((x) => encode(x)) };
  }
  throw new Error(`cannot encode ${String(v)}`);
}

/** The sizes a trace is rerun over: batch size, sequence length, spatial size. */
export type GrowKind = 'batch' | 'seq' | 'spatial';
/** Per tensor among the traceable arguments (tuples flattened, in order): the dims to grow. */
export type GrowDims = readonly (readonly number[])[];

/**
 * The arguments with the given dims of their tensors grown (by repeating the leading slices, so
 * that int targets, indices and masks stay valid): the inputs a trace must generalize to.
 * Only traceable arguments are grown (the others are baked into the trace anyway).
 */
export function growInputs(args: readonly unknown[], dims: GrowDims): unknown[] {
  let next = 0;
  const grow = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(grow);
    let t = v as Tensor;
    for (const d of dims[next++] ?? []) {
      const k = Math.min(2, t.size(d));
      t = T.cat([t, T.narrow(t, d, 0, k)], d);
    }
    return t;
  };
  return args.map((v) => (isTraceable(v) ? grow(v) : v));
}

/** One archive for PyTorch: load it, call `forward(...inputs)`, expect `outputs` (eager's); then the `more` calls. */
export interface TorchCall {
  readonly name: string;
  readonly archive: Uint8Array;
  readonly inputs: readonly unknown[];
  readonly outputs: unknown;
  readonly tol: Tolerance;
  readonly more?: readonly { readonly inputs: readonly unknown[]; readonly outputs: unknown }[];
}

/** Writes the batch as torch_load_resaved.py's `cases` layout: DIR/cases/<name>/case.json, DIR/archives/<name>.pt. */
export function writeTorchBatch(dir: string, calls: readonly TorchCall[]): { fixtures: string; archives: string } {
  const fixtures = join(dir, 'cases');
  const archives = join(dir, 'archives');
  mkdirSync(archives, { recursive: true });
  for (const c of calls) {
    mkdirSync(join(fixtures, c.name), { recursive: true });
    const outputs = encode(c.outputs);
    const calls = [{ inputs: c.inputs.map((v) => encode(v)), outputs }];
    for (const m of c.more ?? []) calls.push({ inputs: m.inputs.map((v) => encode(v)), outputs: encode(m.outputs) });
    writeFileSync(
      join(fixtures, c.name, 'case.json'),
      JSON.stringify({ method: 'forward', rtol: c.tol.rtol, atol: c.tol.atol, calls }),
    );
    writeFileSync(join(archives, `${c.name}.pt`), c.archive);
  }
  return { fixtures, archives };
}
