import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FrontendError } from '@tsjit/frontend';
import type { JitType } from '@tsjit/ir';
import { CompilationUnit, load, moduleMethod, type ScriptModule } from '@tsjit/jit';
import { compareFixtureValue, decodeFixtureValue, type FixtureValue, isErrorExpectation } from '@tsjit/jit/testing';
import { type Tensor, torchOps } from '@tsjit/tensor';
import { type BackwardEngine, backwardEngines, DEFAULT_BACKWARD_ENGINE } from './backward-engines.js';
import { errorText } from './error-text.js';

/**
 * Runs a conformance corpus in the format of ../shared/fixtures/torchscript/README.md: PyTorch
 * 1.13's recorded results for archive, source and source_error cases, checked call by call.
 */

/** The README's typical tolerances for small models, for a case that gives none. */
export const DEFAULT_RTOL = 1e-4;
export const DEFAULT_ATOL = 1e-5;

export const BACKWARD_NOT_RUN = 'backward: not run (needs autodiff, issue 7)';

interface Call {
  readonly inputs: readonly FixtureValue[];
  readonly outputs: FixtureValue | { readonly error: string };
}

interface CaseFile {
  readonly name?: string;
  readonly kind?: string;
  readonly method?: string;
  readonly calls?: readonly Call[];
  readonly rtol?: number;
  readonly atol?: number;
  readonly backward?: unknown;
  readonly error?: { readonly line: number; readonly contains: string };
}

export interface CaseResult {
  readonly name: string;
  readonly kind: string;
  readonly passed: boolean;
  /** Why it failed: the first problem of each failing call (or of loading / compiling). */
  readonly problems: readonly string[];
  /** Calls made (source_error cases make none). */
  readonly calls: number;
  /**
   * Set when the case has a backward section: `backward (ENGINE): passed`, `backward (ENGINE):
   * failed` (its problems are among the case's), or BACKWARD_NOT_RUN with engine 'none'.
   */
  readonly backward?: string;
  /** Whether the backward section passed (absent when there is none or it was not run). */
  readonly backwardPassed?: boolean;
}

export interface ConformanceReport {
  readonly dir: string;
  readonly filter?: string;
  readonly passed: number;
  readonly failed: number;
  readonly backwardNotRun: number;
  /** The engine that ran the backward sections ('none': not run). */
  readonly engine: string;
  readonly backwardPassed: number;
  readonly backwardFailed: number;
  readonly cases: readonly CaseResult[];
}

export interface ConformanceOptions {
  /** Only the cases whose name matches. */
  readonly filter?: RegExp;
  /** Called after each case, in order (the CLI prints as it goes). */
  readonly onCase?: (result: CaseResult) => void;
  /**
   * The engine for backward sections, by name in `backwardEngines` ('tape', the default: the eager
   * engine of @tsjit/autodiff; 'none': not run).
   */
  readonly engine?: string;
}

/** The case names of a corpus: index.json's order where there is one, else its case folders by name. */
export function corpusCases(dir: string): string[] {
  const index = join(dir, 'index.json');
  if (existsSync(index)) {
    const parsed = JSON.parse(readFileSync(index, 'utf8')) as { cases?: { name?: unknown }[] };
    if (!Array.isArray(parsed.cases)) throw new Error(`${index}: no "cases" list`);
    return parsed.cases.map((c, i) => {
      if (typeof c?.name !== 'string') throw new Error(`${index}: case ${i} has no name`);
      return c.name;
    });
  }
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'case.json')) && statSync(join(dir, name)).isDirectory())
    .sort();
}

export function runConformance(dir: string, options: ConformanceOptions = {}): ConformanceReport {
  const results: CaseResult[] = [];
  const engine = options.engine ?? DEFAULT_BACKWARD_ENGINE;
  if (engine !== 'none' && !backwardEngines.has(engine)) {
    throw new Error(`no backward engine '${engine}' (known: ${[...backwardEngines.keys(), 'none'].join(', ')})`);
  }
  for (const name of corpusCases(dir)) {
    if (options.filter && !options.filter.test(name)) continue;
    const result = runCase(dir, name, engine);
    results.push(result);
    options.onCase?.(result);
  }
  const passed = results.filter((r) => r.passed).length;
  return {
    dir,
    ...(options.filter ? { filter: options.filter.source } : {}),
    passed,
    failed: results.length - passed,
    backwardNotRun: results.filter((r) => r.backward !== undefined && r.backwardPassed === undefined).length,
    engine,
    backwardPassed: results.filter((r) => r.backwardPassed === true).length,
    backwardFailed: results.filter((r) => r.backwardPassed === false).length,
    cases: results,
  };
}

/** One case, never throwing: whatever goes wrong is a problem of the case. */
export function runCase(dir: string, name: string, engine = DEFAULT_BACKWARD_ENGINE): CaseResult {
  const caseDir = join(dir, name);
  let spec: CaseFile;
  try {
    spec = JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8')) as CaseFile;
  } catch (e) {
    return { name, kind: '?', passed: false, problems: [`case.json: ${errorText(e)}`], calls: 0 };
  }
  const kind = spec.kind ?? '?';
  let backward = spec.backward ? BACKWARD_NOT_RUN : undefined;
  let backwardPassed: boolean | undefined;
  let problems: string[];
  try {
    switch (kind) {
      case 'archive':
        problems = runArchive(caseDir, spec);
        break;
      case 'source':
        problems = runSource(caseDir, spec);
        break;
      case 'source_error':
        problems = checkSourceError(caseDir, spec);
        break;
      default:
        problems = [`unknown kind ${JSON.stringify(kind)}`];
    }
  } catch (e) {
    // A malformed case.json (a bad VALUE, a missing file) or a bug: the case fails, the run goes on.
    problems = [errorText(e)];
  }
  const run = backwardEngines.get(engine);
  if (spec.backward && run !== undefined && (kind === 'archive' || kind === 'source')) {
    const found = runBackwardSection(caseDir, spec, kind, run);
    backwardPassed = found.length === 0;
    backward = `backward (${engine}): ${backwardPassed ? 'passed' : 'failed'}`;
    problems.push(...found.map((p) => `backward: ${p}`));
  }
  return {
    name,
    kind,
    passed: problems.length === 0,
    problems,
    calls: spec.calls?.length ?? 0,
    ...(backward ? { backward } : {}),
    ...(backwardPassed !== undefined ? { backwardPassed } : {}),
  };
}

interface BackwardSpec {
  readonly inputs_requiring_grad?: readonly number[];
  readonly input_grads?: readonly FixtureValue[];
  readonly param_grads?: Readonly<Record<string, FixtureValue>>;
}

/**
 * A backward section: a fresh target, the first call's inputs (those listed requiring grad), the
 * engine's gradients against PyTorch's, within the case's tolerance.
 */
function runBackwardSection(
  caseDir: string,
  spec: CaseFile,
  kind: 'archive' | 'source',
  engine: BackwardEngine,
): string[] {
  const section = spec.backward as BackwardSpec;
  const method = requireMethod(spec);
  const first = spec.calls?.[0];
  if (first === undefined) return ['no call to take the inputs from'];
  const rtol = spec.rtol ?? DEFAULT_RTOL;
  const atol = spec.atol ?? DEFAULT_ATOL;
  const inputs = first.inputs.map((v) => decodeFixtureValue(v, { caseDir, exactFloats: true }));
  const inputsRequiringGrad = section.inputs_requiring_grad ?? [];
  let grads: ReturnType<BackwardEngine>;
  try {
    if (kind === 'archive') {
      const module = load(join(caseDir, 'model.pt'));
      grads = engine({
        kind,
        method,
        module,
        call: (args) => module.runMethod(method, ...args),
        inputs,
        inputsRequiringGrad,
        parameters: module.namedParameters(),
      });
    } else {
      const unit = new CompilationUnit(readFileSync(join(caseDir, 'source.py'), 'utf8'), { file: 'source.py' });
      const fn = unit.get(method);
      if (fn === undefined) return [`source.py defines no function ${JSON.stringify(method)}`];
      grads = engine({
        kind,
        method,
        function: fn,
        call: (args) => fn.call(...args),
        inputs,
        inputsRequiringGrad,
        parameters: [],
      });
    }
  } catch (e) {
    return [`${errorName(e)}: ${errorText(e)}`];
  }
  const problems: string[] = [];
  (section.input_grads ?? []).forEach((expected, k) => {
    const i = inputsRequiringGrad[k];
    let actual: unknown = grads.inputGrads[k];
    // The README records an input that got no gradient as zeros.
    if (actual === null || actual === undefined) actual = torchOps.zerosLike(inputs[i] as Tensor);
    const mismatch = compareFixtureValue(actual, expected, { rtol, atol, caseDir });
    if (mismatch !== null) problems.push(`input ${i} gradient: ${mismatch}`);
  });
  const expectedParams = section.param_grads ?? {};
  for (const [name, expected] of Object.entries(expectedParams)) {
    const actual = grads.paramGrads.get(name);
    if (actual === undefined) {
      problems.push(`parameter ${name}: no gradient`);
      continue;
    }
    const mismatch = compareFixtureValue(actual, expected, { rtol, atol, caseDir });
    if (mismatch !== null) problems.push(`parameter ${name} gradient: ${mismatch}`);
  }
  for (const name of grads.paramGrads.keys()) {
    if (!(name in expectedParams)) problems.push(`parameter ${name}: got a gradient, PyTorch gives none`);
  }
  return problems;
}

type Callable = { readonly call: (args: unknown[]) => unknown; readonly returnType?: JitType };

/** Archive cases: model.pt loaded once, every call made in order on that instance. */
function runArchive(caseDir: string, spec: CaseFile): string[] {
  const method = requireMethod(spec);
  let module: ScriptModule;
  try {
    module = load(join(caseDir, 'model.pt'));
  } catch (e) {
    return [`load: ${errorText(e)}`];
  }
  let returnType: JitType | undefined;
  try {
    returnType = moduleMethod(module, method)?.schema.returns[0]?.type;
  } catch (e) {
    return [`method ${method}: ${errorText(e)}`];
  }
  return runCalls(caseDir, spec, { call: (args) => module.runMethod(method, ...args), returnType });
}

/** Source cases: source.py compiled as one unit, the calls made in order on `get(method)`. */
function runSource(caseDir: string, spec: CaseFile): string[] {
  const method = requireMethod(spec);
  let unit: CompilationUnit;
  try {
    unit = new CompilationUnit(readFileSync(join(caseDir, 'source.py'), 'utf8'), { file: 'source.py' });
  } catch (e) {
    return [`compile: ${errorText(e)}`];
  }
  const fn = unit.get(method);
  if (fn === undefined) return [`source.py defines no function ${JSON.stringify(method)}`];
  return runCalls(caseDir, spec, { call: (args) => fn.call(...args), returnType: fn.schema.returns[0]?.type });
}

/** source_error cases: compiling must throw a FrontendError at the recorded line, naming the substring. */
function checkSourceError(caseDir: string, spec: CaseFile): string[] {
  const expected = spec.error;
  if (!expected || typeof expected.line !== 'number' || typeof expected.contains !== 'string') {
    return ['case.json: a source_error case needs "error": {"line", "contains"}'];
  }
  const source = readFileSync(join(caseDir, 'source.py'), 'utf8');
  try {
    new CompilationUnit(source, { file: 'source.py' });
  } catch (e) {
    if (!FrontendError.isInstance(e)) return [`expected a FrontendError, got ${errorName(e)}: ${errorText(e)}`];
    const error = e as FrontendError;
    const problems: string[] = [];
    if (error.line !== expected.line) problems.push(`error at line ${error.line}, expected line ${expected.line}`);
    if (!error.message.toLowerCase().includes(expected.contains.toLowerCase())) {
      problems.push(`message does not contain ${JSON.stringify(expected.contains)}`);
    }
    if (problems.length > 0) problems.push(`the error: ${errorText(error)}`);
    return problems;
  }
  return [`compiled without error (expected a FrontendError at line ${expected.line})`];
}

function runCalls(caseDir: string, spec: CaseFile, target: Callable): string[] {
  const rtol = spec.rtol ?? DEFAULT_RTOL;
  const atol = spec.atol ?? DEFAULT_ATOL;
  const problems: string[] = [];
  (spec.calls ?? []).forEach((call, i) => {
    // Integral floats stay floats (FloatScalar) where the parameter's type does not say (Any, a Union).
    const inputs = call.inputs.map((v) => decodeFixtureValue(v, { caseDir, exactFloats: true }));
    let result: unknown;
    try {
      result = target.call(inputs);
    } catch (e) {
      if (!isErrorExpectation(call.outputs)) {
        problems.push(`call ${i}: ${errorName(e)}: ${errorText(e)}`);
      } else if (!messageOf(e).toLowerCase().includes(call.outputs.error.toLowerCase())) {
        problems.push(
          `call ${i}: expected an error containing ${JSON.stringify(call.outputs.error)}, got ${errorText(e)}`,
        );
      }
      return;
    }
    if (isErrorExpectation(call.outputs)) {
      problems.push(`call ${i}: expected an error containing ${JSON.stringify(call.outputs.error)}, got a result`);
      return;
    }
    const mismatch = compareFixtureValue(result, call.outputs, { rtol, atol, type: target.returnType, caseDir });
    if (mismatch !== null) problems.push(`call ${i}: ${mismatch}`);
  });
  return problems;
}

function requireMethod(spec: CaseFile): string {
  if (typeof spec.method !== 'string') throw new Error('case.json: no "method"');
  return spec.method;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function errorName(e: unknown): string {
  return e instanceof Error ? e.constructor.name : typeof e;
}

/** The text report: one line per case, then exactly `N passed, M failed` as the last line. */
export function caseLine(result: CaseResult): string {
  const status = result.passed ? `PASS ${result.name}` : `FAIL ${result.name}: ${result.problems.join('; ')}`;
  return result.backward ? `${status} [${result.backward}]` : status;
}

export function summaryLines(report: ConformanceReport): string[] {
  const lines: string[] = [];
  if (report.backwardNotRun > 0) {
    lines.push(`${report.backwardNotRun} backward section(s) not run (needs autodiff, issue 7)`);
  }
  if (report.backwardPassed + report.backwardFailed > 0) {
    lines.push(`backward (${report.engine}): ${report.backwardPassed} passed, ${report.backwardFailed} failed`);
  }
  lines.push(`${report.passed} passed, ${report.failed} failed`);
  return lines;
}
