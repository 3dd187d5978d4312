import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { compareFixtureValue, decodeFixtureTensor } from '@tsjit/jit/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { CORPUS, sharedFixturesDir, tsjit } from './support/run-cli.js';

/**
 * `tsjit code`, `graph` and `run` on the CLI's own archive (a module with a Linear submodule, a
 * counter buffer and an exported `scale`), against what PyTorch 1.13 showed of the same archive
 * (pytorch.json: `.code` per method and the reprs of two calls, tooling/fixtures/gen_cli_corpus.py).
 */
const CASE = join(CORPUS, 'cli_counter');
const MODEL = join(CASE, 'model.pt');
const pytorch = JSON.parse(readFileSync(join(CASE, 'pytorch.json'), 'utf8')) as {
  code: Record<string, string>;
  forward_repr: string;
  scale_repr: string;
};

/** A .npy file the CLI wrote, as a tensor. */
const readNpy = (file: string) => decodeFixtureTensor(basename(file), dirname(file));

const out = mkdtempSync(join(tmpdir(), 'tsjit-cli-run-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('tsjit code', () => {
  it("prints every method of every class the module holds, each as PyTorch's .code", () => {
    const r = tsjit('code', MODEL);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      `# __torch__.Counter\n${pytorch.code.forward}\n${pytorch.code.scale}\n` +
        `# __torch__.torch.nn.modules.linear.Linear\n${pytorch.code['fc.forward']}`,
    );
  });

  it('--method prints that method only', () => {
    expect(tsjit('code', MODEL, '--method', 'scale').stdout).toBe(pytorch.code.scale);
  });
});

describe('tsjit graph', () => {
  it("prints forward's graph: calls stay calls", () => {
    const r = tsjit('graph', MODEL);
    expect(r.status).toBe(0);
    expect(r.lines[0]).toBe('graph(%self.1 : __torch__.Counter,');
    expect(r.stdout).toContain('prim::CallMethod[name="forward"]');
    expect(r.stdout).not.toContain('aten::linear');
    expect(r.stdout).toContain('aten::add_');
  });

  it('--inlined inlines the submodule; --method picks the method', () => {
    const inlined = tsjit('graph', MODEL, '--inlined');
    expect(inlined.stdout).not.toContain('prim::CallMethod');
    expect(inlined.stdout).toContain('aten::linear');
    const scale = tsjit('graph', MODEL, '--method', 'scale');
    expect(scale.lines.slice(0, 3)).toEqual([
      'graph(%self.1 : __torch__.Counter,',
      '      %x.1 : Tensor,',
      '      %k.1 : float):',
    ]);
    expect(scale.stdout).toContain('aten::mul(%x.1, %k.1)');
  });
});

describe('tsjit run', () => {
  it('prints the result as PyTorch prints it', () => {
    const r = tsjit('run', MODEL, '--input', join(CASE, 't0.npy'));
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`${pytorch.forward_repr}\n`);
    expect(r.status).toBe(0);
  });

  it('calls --method with VALUE inputs and writes the tensor result to --output with toNpy', () => {
    const file = join(out, 'scaled.npy');
    const r = tsjit(
      'run',
      MODEL,
      '--method',
      'scale',
      '--input',
      join(CASE, 't0.npy'),
      '--input',
      '{"float": 3}',
      '--output',
      file,
    );
    expect(r.stdout).toBe(`${pytorch.scale_repr}\n`);
    expect(r.status).toBe(0);
    expect(compareFixtureValue(readNpy(file), { tensor: 'scale_expected.npy' }, { caseDir: CASE })).toBeNull();
  });

  it('writes each tensor of a tuple result to its own --output, and says so when the count differs', () => {
    const bad = tsjit(
      'run',
      MODEL,
      '--input',
      join(CASE, 't0.npy'),
      '--output',
      join(out, 'a.npy'),
      '--output',
      join(out, 'b.npy'),
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('the result holds 1 tensor(s); give one --output per tensor (got 2)');
    const file = join(out, 'relu.npy');
    expect(tsjit('run', MODEL, '--input', join(CASE, 't0.npy'), '--output', file).status).toBe(0);
    expect(
      compareFixtureValue(readNpy(file), { tensor: 't1.npy' }, { caseDir: CASE, rtol: 1e-4, atol: 1e-5 }),
    ).toBeNull();
  });

  it('a runtime error exits 1 with its message', () => {
    const r = tsjit('run', MODEL, '--input', join(CASE, 't0.npy'), '--input', join(CASE, 't0.npy'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^tsjit: forward\(\) expected at most 1 argument\(s\) but received 2/);
  });
});

const shared = sharedFixturesDir();

// The shared fixtures live outside the repository (../shared/fixtures/torchscript): a user's clone
// has none, so this skips there; the CLI's own archive above covers the commands everywhere.
describe.skipIf(!shared)(
  `code, graph and run on a shared fixture archive${shared ? '' : ' (skipped: not found)'}`,
  () => {
    const dir = join(shared as string, 'lang_export_method');

    it('lists the exported methods and runs the recorded call', () => {
      if (!existsSync(join(dir, 'case.json'))) throw new Error(`${dir} is missing`);
      const spec = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as {
        method: string;
        calls: { inputs: { tensor: string }[]; outputs: { tensor: string } }[];
        rtol: number;
        atol: number;
      };
      const code = tsjit('code', join(dir, 'model.pt')).stdout;
      for (const name of ['forward', 'encode', 'decode']) expect(code).toContain(`def ${name}(self,`);
      expect(tsjit('graph', join(dir, 'model.pt'), '--method', 'encode', '--inlined').stdout).toContain('aten::tanh');
      const file = join(out, 'export.npy');
      const call = spec.calls[0];
      const r = tsjit(
        'run',
        join(dir, 'model.pt'),
        '--method',
        spec.method,
        ...call.inputs.flatMap((v) => ['--input', join(dir, v.tensor)]),
        '--output',
        file,
      );
      expect(r.status).toBe(0);
      const mismatch = compareFixtureValue(readNpy(file), call.outputs, {
        caseDir: dir,
        rtol: spec.rtol,
        atol: spec.atol,
      });
      expect(mismatch).toBeNull();
    });
  },
);

describe('bad command lines: the usage message and exit code 2', () => {
  const cases: [string, string[], string][] = [
    ['no command', [], 'tsjit: no command'],
    ['an unknown command', ['frobnicate'], 'tsjit: unknown command "frobnicate"'],
    ['an unknown option', ['conformance', CORPUS, '--bogus'], "Unknown option '--bogus'"],
    ['a missing DIR', ['conformance'], 'tsjit: missing DIR'],
    ['a DIR that is not there', ['conformance', join(CORPUS, 'nope')], 'no such directory'],
    ['a bad --filter', ['conformance', CORPUS, '--filter', '('], 'tsjit: --filter: Invalid regular expression'],
    ['an extra argument', ['code', MODEL, 'extra'], 'tsjit: unexpected argument "extra"'],
    ['a missing FILE.pt', ['graph'], 'tsjit: missing FILE.pt'],
    ['a FILE.pt that is not there', ['run', join(CORPUS, 'nope.pt')], 'nope.pt: no such file'],
    ['--filter without a value', ['conformance', CORPUS, '--filter'], "Option '--filter <value>' argument missing"],
    ['an unknown method', ['graph', MODEL, '--method', 'nope'], "tsjit: __torch__.Counter has no method 'nope'"],
    [
      'an input that is neither a file nor a VALUE',
      ['run', MODEL, '--input', 'x.npy'],
      'tsjit: --input x.npy: no such file',
    ],
  ];

  it.each(cases)('%s', (_what, args, message) => {
    const r = tsjit(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('usage: tsjit <command> [options]');
  });

  it('help prints the usage on stdout, exit code 0', () => {
    const r = tsjit('help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: tsjit <command> \[options\]\n/);
    for (const command of ['conformance DIR', 'code FILE.pt', 'graph FILE.pt', 'run FILE.pt']) {
      expect(r.stdout).toContain(command);
    }
  });
});
