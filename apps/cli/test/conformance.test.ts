import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, REPO_ROOT, runNode, sharedFixturesDir, tsjit } from './support/run-cli.js';

const NOT_RUN = 'backward: not run (needs autodiff, issue 7)';
const TAPE_PASSED = 'backward (tape): passed';

describe("tsjit conformance on the CLI's own corpus (recorded by PyTorch: tooling/fixtures/gen_cli_corpus.py)", () => {
  it('passes every case: one PASS line each, then the summary; exit code 0', () => {
    const r = tsjit('conformance', CORPUS);
    expect(r.stderr).toBe('');
    expect(r.lines).toEqual(['PASS cli_counter', 'PASS cli_source', 'PASS cli_source_error', '3 passed, 0 failed']);
    expect(r.status).toBe(0);
  });
});

/**
 * A corpus in a temporary folder: the CLI's own cases plus broken copies of them (a wrong output,
 * an error expected where the call returns, a wrong error line, a missing model.pt) and a case
 * with a backward section.
 */
describe('tsjit conformance on a corpus with failing cases', () => {
  let dir = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsjit-cli-'));
    cpSync(CORPUS, dir, { recursive: true });
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { cases: { name: string }[] };
    const derive = (from: string, name: string, change: (spec: Record<string, unknown>) => void) => {
      cpSync(join(dir, from), join(dir, name), { recursive: true });
      const spec = JSON.parse(readFileSync(join(dir, name, 'case.json'), 'utf8')) as Record<string, unknown>;
      spec.name = name;
      change(spec);
      writeFileSync(join(dir, name, 'case.json'), JSON.stringify(spec));
      index.cases.push({ name });
    };
    type Calls = { inputs: unknown[]; outputs: unknown }[];
    // The second forward call's counter is 2: expecting 1 there fails (state carries over).
    derive('cli_counter', 'bad_counter', (spec) => {
      (spec.calls as Calls)[1].outputs = { tuple: [{ tensor: 't3.npy' }, { int: 1 }] };
    });
    derive('cli_source', 'bad_no_error', (spec) => {
      (spec.calls as Calls)[0].outputs = { error: 'must not be negative' };
    });
    derive('cli_source', 'bad_error_text', (spec) => {
      (spec.calls as Calls)[1].outputs = { error: 'something else' };
    });
    derive('cli_source_error', 'bad_line', (spec) => {
      spec.error = { line: 2, contains: 'UNDEFINED_THING' };
    });
    // f(x, n) = x * n + 1 with n = 3: the gradient of x is 3 everywhere (x has 3 float32 elements).
    const threes = { tensor: { dtype: 'float32', shape: [3], data: [3, 3, 3] } };
    derive('cli_source', 'good_backward', (spec) => {
      spec.backward = { inputs_requiring_grad: [0], input_grads: [threes], param_grads: {} };
    });
    derive('cli_source', 'bad_backward', (spec) => {
      spec.backward = { inputs_requiring_grad: [0], input_grads: [{ tensor: 't0.npy' }], param_grads: {} };
    });
    derive('cli_counter', 'bad_no_model', () => {});
    rmSync(join(dir, 'bad_no_model', 'model.pt'));
    writeFileSync(join(dir, 'index.json'), JSON.stringify(index));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('prints PASS or FAIL with the reason per case, ends with the counts, exits 1', () => {
    const r = tsjit('conformance', dir, '--engine', 'none');
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([
      'PASS cli_counter',
      'PASS cli_source',
      'PASS cli_source_error',
      'FAIL bad_counter: call 1: [1]: expected int 1, got int 2',
      'FAIL bad_no_error: call 0: expected an error containing "must not be negative", got a result',
      'FAIL bad_error_text: call 1: expected an error containing "something else", got builtins.ValueError: n must not be negative',
      'FAIL bad_line: error at line 3, expected line 2; the error: undefined value undefined_thing',
      `PASS good_backward [${NOT_RUN}]`,
      `PASS bad_backward [${NOT_RUN}]`,
      expect.stringMatching(/^FAIL bad_no_model: load: .*model\.pt/),
      `2 backward section(s) not run (needs autodiff, issue 7)`,
      '5 passed, 5 failed',
    ]);
  });

  it('runs backward sections through the eager tape by default, comparing the gradients', () => {
    const r = tsjit('conformance', dir, '--filter', 'backward');
    expect(r.status).toBe(1);
    expect(r.lines).toEqual([
      `PASS good_backward [${TAPE_PASSED}]`,
      expect.stringMatching(
        /^FAIL bad_backward: backward: input 0 gradient: tensor float32 \[3\]: .* \[backward \(tape\): failed\]$/,
      ),
      'backward (tape): 1 passed, 1 failed',
      '1 passed, 1 failed',
    ]);
    expect(tsjit('conformance', dir, '--engine', 'symbolic-typo').stderr).toMatch(/--engine: no backward engine/);
  });

  it('--filter runs only the cases whose name matches', () => {
    const r = tsjit('conformance', dir, '--filter', '^cli_source');
    expect(r.lines).toEqual(['PASS cli_source', 'PASS cli_source_error', '2 passed, 0 failed']);
    expect(r.status).toBe(0);
    const bad = tsjit('conformance', dir, '--filter', 'bad_(counter|line)');
    expect(bad.lines.at(-1)).toBe('0 passed, 2 failed');
    expect(bad.status).toBe(1);
  });

  it('--json prints a report instead of lines', () => {
    const r = tsjit('conformance', dir, '--json', '--filter', 'counter|good_backward');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      dir,
      filter: 'counter|good_backward',
      passed: 2,
      failed: 1,
      backwardNotRun: 0,
      engine: 'tape',
      backwardPassed: 1,
      backwardFailed: 0,
    });
    expect(report.cases).toEqual([
      { name: 'cli_counter', kind: 'archive', passed: true, problems: [], calls: 2 },
      {
        name: 'bad_counter',
        kind: 'archive',
        passed: false,
        problems: ['call 1: [1]: expected int 1, got int 2'],
        calls: 2,
      },
      {
        name: 'good_backward',
        kind: 'source',
        passed: true,
        problems: [],
        calls: 2,
        backward: TAPE_PASSED,
        backwardPassed: true,
      },
    ]);
  });

  it('a corpus without index.json is read folder by folder', () => {
    rmSync(join(dir, 'index.json'));
    const r = tsjit('conformance', dir, '--filter', '^(cli|good)_');
    expect(r.lines).toEqual([
      'PASS cli_counter',
      'PASS cli_source',
      'PASS cli_source_error',
      `PASS good_backward [${TAPE_PASSED}]`,
      'backward (tape): 1 passed, 0 failed',
      '4 passed, 0 failed',
    ]);
  });
});

const shared = sharedFixturesDir();

// The shared fixtures live outside the repository (../shared/fixtures/torchscript): a user's clone
// has none, so this skips there; CI and the development machines have them.
describe.skipIf(!shared)(
  `pnpm tsjit conformance ../shared/fixtures/torchscript${shared ? '' : ' (skipped: not found)'}`,
  () => {
    it('every case passes: 104 passed, 0 failed, and every backward section through the tape', () => {
      // The root package.json's `tsjit` script, run as `pnpm tsjit` runs it (from the repository root).
      const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      };
      const [program, ...scriptArgs] = pkg.scripts.tsjit.split(/\s+/);
      expect(program).toBe('node');
      const r = runNode([...scriptArgs, 'conformance', relative(REPO_ROOT, shared as string)], { timeout: 900_000 });
      expect(r.stderr).toBe('');
      const index = JSON.parse(readFileSync(join(shared as string, 'index.json'), 'utf8')) as {
        cases: { name: string; backward: boolean }[];
      };
      const caseLines = r.lines.slice(0, -2);
      expect(caseLines.map((line) => line.split(' ')[1])).toEqual(index.cases.map((c) => c.name));
      expect(caseLines.filter((line) => line.startsWith('FAIL'))).toEqual([]);
      const withBackward = index.cases.filter((c) => c.backward).length;
      expect(caseLines.filter((line) => line.endsWith(`[${TAPE_PASSED}]`))).toHaveLength(withBackward);
      expect(r.lines.at(-2)).toBe(`backward (tape): ${withBackward} passed, 0 failed`);
      expect(r.lines.at(-1)).toBe('104 passed, 0 failed');
      expect(r.status).toBe(0);
    }, 900_000);
  },
);
