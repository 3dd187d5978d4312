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
  /**
   * PyTorch's outcome with its graph executor's optimizations off
   * (torch._C._get_graph_executor_optimize(False)), where it differs from `outputs`.
   */
  readonly unoptimized?: Value | { readonly error: ExpectedError };
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

type Outcome = { readonly result: unknown } | { readonly thrown: unknown };

/** Where an outcome differs from a recorded one: empty when it matches. */
function compareOutcome(outcome: Outcome, expected: FuzzCall['outputs'], returns: JitType): string[] {
  if ('error' in expected) {
    const want = (expected as { error: ExpectedError }).error;
    if (!('thrown' in outcome)) return [`expected an error (${want.message}), got a result`];
    const e = outcome.thrown;
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
  if ('thrown' in outcome) return [`expected a result, ${describeError(outcome.thrown)}`];
  return matchValue(outcome.result, expected as Value, returns);
}

/**
 * Where a call's outcome differs from PyTorch's: empty when it matches PyTorch's default outcome,
 * or the outcome PyTorch gives with its graph executor's optimizations off (`unoptimized`). The
 * two differ only where the optimized executor inlines calls and then drops an unused
 * computation that would raise (`g(1, d['k'])` with `g` ignoring its second argument): tsjit
 * keeps calls as calls (every traceback frame stays) and runs what the program says, as PyTorch
 * does with its optimizations off. Both are PyTorch's behaviour; a result that matches neither
 * fails.
 */
export function checkFuzzCall(fn: ScriptFunction, returns: JitType, call: FuzzCall): string[] {
  const inputs = call.inputs.map(decodeValue);
  let outcome: Outcome;
  try {
    // A deadline only so that a program our interpreter runs forever (PyTorch ran each call within
    // 1 s) fails instead of hanging the suite; it is far beyond what any call takes.
    outcome = { result: fn.callWith(inputs, { deadline: Date.now() + CALL_DEADLINE_MS }) };
  } catch (thrown) {
    outcome = { thrown };
  }
  const problems = compareOutcome(outcome, call.outputs, returns);
  if (problems.length > 0 && call.unoptimized && compareOutcome(outcome, call.unoptimized, returns).length === 0) {
    return [];
  }
  return problems;
}
