import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../src/demo.mjs';

const PYTHON = '/usr/bin/python3';
const hasTorch =
  existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import torch'], { cwd: import.meta.dirname }).status === 0;

const outDir = mkdtempSync(join(tmpdir(), 'tsjit-demo-'));
let result;
let lines;
beforeAll(async () => {
  lines = [];
  result = await runDemo({ outDir, print: (line) => lines.push(String(line)) });
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('pnpm demo', () => {
  it('tells the story under its headings', () => {
    expect(result.headings).toEqual([
      '1. Eager mode: MyCell with MyDecisionGate',
      '2. Tracing: the branch taken is baked in',
      '3. checkInputs catches an input that takes the other branch',
      '4. Scripting keeps the control flow',
      '5. Mixing: a scripted loop calls the traced cell, a traced wrapper calls the scripted loop',
      '6. Saving to .pt and loading back',
      '7. Loading an archive PyTorch made',
      'Done',
    ]);
    const text = lines.join('\n');
    for (const h of result.headings) expect(text).toContain(`${h}\n${'='.repeat(h.length)}`);
  });

  it("tracing warns once, at the gate's item() in cells.mjs, and bakes the branch in", () => {
    const reads = result.warnings.filter((w) => w.includes('with item()'));
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatch(/[/\\]src[/\\]cells\.mjs:18: Converting a tensor to a JavaScript boolean with item\(\)/);
    expect(result.tracedGateCode).not.toContain('if ');
    // As PyTorch prints a traced graph: the shapes seen at trace time, submodule calls by prim::CallMethod.
    expect(result.tracedGraph).toContain('%x : Float(3, 4, strides=[4, 1], requires_grad=0, device=cpu)');
    expect(result.tracedGraph).toMatch(/%\w+ : Tensor = prim::CallMethod\[name="forward"\]\(%linear, %x\)/);
    expect(result.tracedGateCode).toMatch(/return torch\.neg\(x\)|return x\n/);
  });

  it('checkInputs reports the input that takes the other branch', () => {
    const mismatches = result.warnings.filter((w) => w.includes('of the traced function does not match'));
    expect(mismatches.map((w) => w.match(/Output nr (\d)\./)?.[1])).toEqual(['1', '2']);
    expect(mismatches[0]).toMatch(/Greatest absolute difference: 0\.\d+/);
  });

  it('scripting keeps the if, and every output agrees (scripted, wrapper, saved and loaded, PyTorch-made)', () => {
    expect(result.scriptedGateCode).toMatch(/if bool\(torch\.gt\(torch\.sum\(x\), 0\)\):[\s\S]*else:/);
    expect(result.comparisons.map((c) => c.name)).toHaveLength(11);
    for (const c of result.comparisons) expect(c.diff, c.name).toBeLessThan(1e-6);
    expect(result.saved.map((s) => s.name)).toEqual(['my-traced-cell', 'my-cell', 'my-rnn-loop', 'wrap-rnn']);
  });

  it('mixing: the scripted loop calls the traced cell, the traced wrapper calls the scripted loop', () => {
    // The gate is scripted inside the traced cell: nothing is baked in, so the trace does not warn.
    expect(result.mixingWarnings).toEqual([]);
    expect(result.scriptedLoopCode).toMatch(/for i in range\(torch\.size\(xs, 0\)\):[\s\S]*\(cell\)\.forward\(/);
    expect(result.tracedWrapCode).toMatch(/\(loop\)\.forward\(xs, \)[\s\S]*torch\.relu\(/);
    const names = result.comparisons.map((c) => c.name);
    expect(names).toContain('scriptedLoop(-100 * xs) vs eager');
    expect(names).toContain('tracedWrap(-100 * xs) vs eager');
  });

  // PyTorch 1.13 (the oracle) is needed to load the archives: machines without it skip this check.
  it.skipIf(!hasTorch)('PyTorch loads every archive the demo saves and gives the same outputs', () => {
    const args = result.saved.flatMap((s) => [s.path, s.ioPath]);
    // cwd is this folder, never /tmp: a stray /tmp/dis.py there shadows Python's standard library.
    const run = spawnSync(PYTHON, [join(import.meta.dirname, 'check_archives.py'), ...args], {
      cwd: import.meta.dirname,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(result.saved.length);
  });
});
