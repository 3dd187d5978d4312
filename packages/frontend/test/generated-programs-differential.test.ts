import { readFileSync } from 'node:fs';
import { lint } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { CompilationUnit } from '../src/compilation-unit.js';
import { FrontendError } from '../src/errors/frontend-error.js';
import { fixtureSources, fixturesDir } from '../src/testing/fixture-sources.js';
import { generatedProgramSample, type SampleCase } from '../src/testing/generated-program-sample.js';

/**
 * The fuzzer's programs against PyTorch 1.13: a sample of well-typed generated programs, programs
 * with one injected type error, and mutations of generated programs and of the fixtures'
 * source.py files, with PyTorch's verdict on each (tooling/fixtures/check_generated_programs.py,
 * run offline: test/fixtures/fuzz/generated-programs.json). PyTorch compiling every well-typed
 * program validates the generator; our compiler must then accept what PyTorch accepts and reject,
 * with a FrontendError, what PyTorch rejects.
 */
interface Verdict {
  ok: boolean | null;
  by: string;
}
interface StoredCase extends SampleCase {
  pytorch: {
    script?: { ok: boolean; stage?: string; line?: number | null; message?: string };
    cu?: { ok: boolean; line?: number | null; message?: string };
  };
  verdict: Verdict;
}

const stored = JSON.parse(
  readFileSync(new URL('./fixtures/fuzz/generated-programs.json', import.meta.url), 'utf8'),
) as {
  torch: string;
  cases: StoredCase[];
};
const dir = fixturesDir();

/** Our verdict; `crash` is an exception other than a FrontendError (always a disagreement). */
type Ours = { ok: true } | { ok: false; error: FrontendError } | { ok: 'crash'; crash: Error };

function compile(source: string): Ours {
  try {
    const unit = new CompilationUnit({ file: 'fuzz.py' });
    unit.define(source, { file: 'fuzz.py', prefix: '' });
    unit.compileAll();
    for (const fn of unit.functions) lint(fn.graph());
    return { ok: true };
  } catch (e) {
    if (FrontendError.isInstance(e)) return { ok: false, error: e as FrontendError };
    return { ok: 'crash', crash: e as Error };
  }
}

describe(`generated programs against PyTorch ${stored.torch}`, () => {
  it('the stored sample is what the generators produce now (else rerun check_generated_programs.py)', () => {
    const fresh = generatedProgramSample(dir ? fixtureSources(dir) : null);
    // Without the fixtures folder, the mutations of its sources cannot be regenerated.
    const comparable = stored.cases.filter((c) => dir || c.kind !== 'mutated-fixture');
    expect(fresh.map((c) => [c.id, c.source])).toEqual(comparable.map((c) => [c.id, c.source]));
  });

  it('PyTorch compiles every well-typed program of the sample (the generator is sound)', () => {
    const wellTyped = stored.cases.filter((c) => c.kind === 'well-typed');
    expect(wellTyped.length).toBeGreaterThanOrEqual(200);
    const rejected = wellTyped.filter((c) => c.verdict.ok !== true || (c.dialect === 'cu' && !c.pytorch.cu?.ok));
    expect(rejected.map((c) => c.id)).toEqual([]);
  });

  it('we accept what PyTorch accepts and reject what it rejects', () => {
    const decided = stored.cases.filter((c) => c.verdict.ok !== null);
    const disagreements: string[] = [];
    let agree = 0;
    let sameLine = 0;
    let rejectedByBoth = 0;
    for (const c of decided) {
      const ours = compile(c.source);
      if (ours.ok === c.verdict.ok) {
        agree++;
        if (ours.ok === false) {
          rejectedByBoth++;
          const line = c.verdict.by === 'cu' ? c.pytorch.cu?.line : c.pytorch.script?.line;
          if (line === ours.error.line) sameLine++;
        }
        continue;
      }
      const theirs = c.verdict.by === 'cu' ? c.pytorch.cu : c.pytorch.script;
      disagreements.push(
        `${c.id}: PyTorch (${c.verdict.by}) ${c.verdict.ok ? 'compiles it' : `rejects it at line ${theirs?.line}: ${theirs?.message}`}; ` +
          `we ${
            ours.ok === 'crash'
              ? `fail with ${ours.crash.stack}`
              : ours.ok
                ? 'compile it'
                : `reject it at line ${ours.error.line}: ${ours.error.reason}`
          }\n${c.source}`,
      );
    }
    const rate = ((100 * agree) / decided.length).toFixed(1);
    console.info(
      `generated programs: ${agree} of ${decided.length} verdicts agree with PyTorch (${rate}%); ` +
        `${stored.cases.length - decided.length} cases PyTorch does not decide; ` +
        `of ${rejectedByBoth} programs both reject, ${sameLine} at the line PyTorch names`,
    );
    expect(decided.length).toBeGreaterThanOrEqual(600);
    expect(disagreements, disagreements.join('\n\n')).toEqual([]);
  });
});
