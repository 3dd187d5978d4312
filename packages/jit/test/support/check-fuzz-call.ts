import { readFileSync } from 'node:fs';
import type { JitType } from '@tsjit/ir';
import { type ScriptFunction, ScriptRuntimeError } from '../../src/index.js';
import { decodeValue, type Value } from './decode-value.js';
import { matchValue } from './match-value.js';

/**
 * The goldens of the interpreter's differential fuzz test (fuzz-run.test.ts), written by
 * tooling/fixtures/gen_fuzz_run_goldens.py, and the check of one call against them.
 */

export interface ExpectedError {
  /** PyTorch's Python exception class (`torch.jit.Error`, `builtins.RuntimeError`). */
  readonly type: string;
  /** The last line of its message (`RuntimeError: list index out of range`, `builtins.KeyError: b`). */
  readonly message: string;
}

export interface FuzzCall {
  readonly inputs: readonly Value[];
  readonly outputs: Value | { readonly error: ExpectedError };
}

export interface FuzzCase {
  readonly id: string;
  readonly source: string;
  readonly fn: string;
  readonly params: readonly string[];
  readonly returns: string;
  readonly calls: readonly FuzzCall[];
}

export interface FuzzGoldens {
  readonly torch: string;
  readonly drawn: number;
  readonly dropped: readonly { readonly id: string; readonly reason: string }[];
  readonly cases: readonly FuzzCase[];
}

/** packages/jit/test/fixtures/fuzz-run-goldens.json. */
export function fuzzRunGoldens(): FuzzGoldens {
  return JSON.parse(readFileSync(new URL('../fixtures/fuzz-run-goldens.json', import.meta.url), 'utf8')) as FuzzGoldens;
}

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
export function checkFuzzCall(fn: ScriptFunction, returns: JitType, call: FuzzCall): string[] {
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
