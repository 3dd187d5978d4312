import { readFileSync } from 'node:fs';
import type { JitType } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { CompilationUnit, type ScriptFunction, ScriptRuntimeError } from '../src/index.js';
import { decodeValue, type Value } from './support/decode-value.js';
import { matchValue } from './support/match-value.js';

/**
 * Differential fuzzing of the interpreter: well-typed programs drawn from the fuzzer's generator
 * (packages/frontend/src/testing/program-arbitrary.ts), each entry function called twice with
 * generated arguments, must give what PyTorch 1.13 gave. The programs, inputs and PyTorch's
 * results come from tooling/fixtures/gen_fuzz_run_programs.mjs and gen_fuzz_run_goldens.py.
 */

interface ExpectedError {
  /** PyTorch's Python exception class (`torch.jit.Error`, `builtins.RuntimeError`). */
  readonly type: string;
  /** The last line of its message (`RuntimeError: list index out of range`, `builtins.KeyError: b`). */
  readonly message: string;
}

interface FuzzCall {
  readonly inputs: readonly Value[];
  readonly outputs: Value | { readonly error: ExpectedError };
}

interface FuzzCase {
  readonly id: string;
  readonly source: string;
  readonly fn: string;
  readonly params: readonly string[];
  readonly returns: string;
  readonly calls: readonly FuzzCall[];
}

interface FuzzGoldens {
  readonly torch: string;
  readonly drawn: number;
  readonly dropped: readonly { readonly id: string; readonly reason: string }[];
  readonly cases: readonly FuzzCase[];
}

const goldens = JSON.parse(
  readFileSync(new URL('./fixtures/fuzz-run-goldens.json', import.meta.url), 'utf8'),
) as FuzzGoldens;

const CALL_DEADLINE_MS = 30_000;

function lastLine(message: string): string {
  const lines = message
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '');
  return (lines[lines.length - 1] ?? '').trim();
}

function describeError(e: unknown): string {
  if (e instanceof ScriptRuntimeError) return `ScriptRuntimeError(${e.pythonType}) ${lastLine(e.message)}`;
  if (e instanceof Error) return `${e.constructor.name}: ${e.message.split('\n')[0]}`;
  return `non-error thrown: ${String(e)}`;
}

/** Where a call's outcome differs from PyTorch's: empty when it matches. */
function checkCall(fn: ScriptFunction, returns: JitType, call: FuzzCall): string[] {
  const inputs = call.inputs.map(decodeValue);
  let result: unknown;
  let thrown: { error: unknown } | null = null;
  try {
    // A deadline only so that a program our interpreter runs forever (PyTorch ran each call within
    // 1 s) fails instead of hanging the suite; it is far beyond what any call takes.
    result = fn.callWith(inputs, { deadline: Date.now() + CALL_DEADLINE_MS });
  } catch (error) {
    thrown = { error };
  }
  const expected = call.outputs;
  if ('error' in expected) {
    const want = (expected as { error: ExpectedError }).error;
    if (!thrown) return [`expected an error (${want.message}), got a result`];
    const e = thrown.error;
    if (!(e instanceof ScriptRuntimeError))
      return [`expected ScriptRuntimeError (${want.message}), ${describeError(e)}`];
    const problems: string[] = [];
    // PyTorch's last line is `<type>: <message>`; the type part is what pythonType holds.
    const wantType = want.message.includes(':') ? want.message.slice(0, want.message.indexOf(':')) : want.message;
    if (e.pythonType !== wantType) problems.push(`pythonType ${e.pythonType}, expected ${wantType}`);
    if (lastLine(e.message) !== want.message) {
      problems.push(`message ends ${JSON.stringify(lastLine(e.message))}, expected ${JSON.stringify(want.message)}`);
    }
    return problems;
  }
  if (thrown) return [`expected a result, ${describeError(thrown.error)}`];
  return matchValue(result, expected as Value, returns);
}

/** A VALUE changed where the comparison must notice: a number off by more than the tolerance, another string... */
function perturb(v: Value): Value | null {
  if ('int' in v) return { int: (BigInt(v.int) + 1n).toString() };
  if ('float' in v) return typeof v.float === 'number' ? { float: v.float * 1.001 + 1e-3 } : { float: 0.5 };
  if ('bool' in v) return { bool: !v.bool };
  if ('str' in v) return { str: `${v.str}!` };
  if ('none' in v) return null;
  if ('list' in v) return v.list.length === 0 ? null : { list: v.list.slice(1) };
  if ('tuple' in v) {
    const at = v.tuple.findIndex((e) => perturb(e) !== null);
    return at < 0 ? null : { tuple: v.tuple.map((e, i) => (i === at ? (perturb(e) as Value) : e)) };
  }
  if ('dict' in v) return v.dict.length === 0 ? null : { dict: v.dict.slice(1) };
  const t = v.tensor;
  if (t.data.length === 0) return { tensor: { ...t, shape: [...t.shape, 1] } };
  const first = t.data[0];
  const changed = typeof first === 'boolean' ? !first : typeof first === 'number' ? first + 1 : 0;
  return { tensor: { ...t, data: [changed, ...t.data.slice(1)] } };
}

describe('the comparison of results', () => {
  const withResults = goldens.cases.filter((c) => c.calls.some((call) => !('error' in call.outputs)));
  it('accepts the decoded recorded results and rejects changed ones', () => {
    let rejected = 0;
    for (const c of withResults) {
      const returns = new CompilationUnit(c.source).get(c.fn)?.schema.returns[0]?.type as JitType;
      for (const call of c.calls) {
        if ('error' in call.outputs) continue;
        const value = call.outputs as Value;
        expect(matchValue(decodeValue(value), value, returns), c.id).toEqual([]);
        const changed = perturb(value);
        if (changed === null) continue;
        expect(
          matchValue(decodeValue(value), changed, returns).length,
          `${c.id} ${JSON.stringify(changed)}`,
        ).toBeGreaterThan(0);
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(500);
  });

  it('tells ints from floats, tuples from lists, and a float32 tensor off by 1e-4 relative', () => {
    const cu = new CompilationUnit(
      'def f() -> Tuple[int, float, List[int]]:\n    return (1, 1.0, [1])\n\ndef g() -> Tensor:\n    return torch.ones([1])\n',
    );
    const t = cu.get('f')?.schema.returns[0]?.type as JitType;
    const expected: Value = { tuple: [{ int: 1 }, { float: 1 }, { list: [{ int: 1 }] }] };
    expect(matchValue(Object.freeze([1, 1, [1]]), expected, t)).toEqual([]);
    expect(matchValue([1, 1, [1]], expected, t)).toHaveLength(1);
    expect(matchValue(Object.freeze([1, 1, Object.freeze([1])]), expected, t)).toHaveLength(1);
    expect(matchValue(Object.freeze([1.5, 1, [1]]), expected, t)).toHaveLength(1);
    const tt = cu.get('g')?.schema.returns[0]?.type as JitType;
    const tensor = (x: number): Value => ({ tensor: { dtype: 'float32', shape: [1], data: [x] } });
    expect(matchValue(decodeValue(tensor(1.000001)), tensor(1), tt)).toEqual([]);
    expect(matchValue(decodeValue(tensor(1.0001)), tensor(1), tt)).toHaveLength(1);
  });
});

describe('generated programs run as in PyTorch', () => {
  it('the goldens hold enough programs, with results and errors, and inputs that matter', () => {
    expect(goldens.cases.length).toBeGreaterThanOrEqual(600);
    const calls = goldens.cases.flatMap((c) => c.calls);
    const errors = calls.filter((c) => 'error' in c.outputs).length;
    expect(errors).toBeGreaterThan(0);
    expect(calls.length - errors).toBeGreaterThan(errors);
    // Some programs give different results for their two input sets.
    const varying = goldens.cases.filter(
      (c) => JSON.stringify(c.calls[0]?.outputs) !== JSON.stringify(c.calls[1]?.outputs),
    );
    expect(varying.length).toBeGreaterThan(50);
  });

  it.each(goldens.cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const fn = new CompilationUnit(c.source).get(c.fn);
    if (!fn) throw new Error(`${c.id}: no function ${c.fn}`);
    const returns = fn.schema.returns[0]?.type as JitType;
    expect(returns.pythonStr()).toBe(c.returns);
    const problems = c.calls.flatMap((call, i) =>
      checkCall(fn, returns, call).map((p) => `call ${i} ${JSON.stringify(call.inputs)}: ${p}`),
    );
    expect(problems, `${c.id} ${c.fn}:\n${c.source}`).toEqual([]);
  });
});
