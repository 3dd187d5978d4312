import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load } from '../src/load/load.js';
import type { ScriptModule } from '../src/script-module.js';
import { compareValue, decodeValue, type FixtureValue, isErrorExpectation } from '../src/testing/fixture-values.js';

// The shared conformance fixtures live beside the repository (../shared); a user's clone has none,
// so this suite skips there (CI provides them).
const ROOT = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'torchscript');
const present = existsSync(join(ROOT, 'index.json'));

interface Case {
  readonly name: string;
  readonly method: string;
  readonly calls: readonly { readonly inputs: readonly FixtureValue[]; readonly outputs: unknown }[];
  readonly rtol?: number;
  readonly atol?: number;
}

function archiveCases(): string[] {
  if (!present) return [];
  const index = JSON.parse(readFileSync(join(ROOT, 'index.json'), 'utf8')) as {
    cases: { name: string; kind: string }[];
  };
  return index.cases.filter((c) => c.kind === 'archive').map((c) => c.name);
}

/** Runs every call of an archive case on one loaded module; the problems found (empty: it matches). */
function runCase(name: string): string[] {
  const dir = join(ROOT, name);
  const c = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as Case;
  let module: ScriptModule;
  try {
    module = load(join(dir, 'model.pt'));
  } catch (e) {
    return [`load: ${(e as Error).message.split('\n')[0]}`];
  }
  const problems: string[] = [];
  c.calls.forEach((call, i) => {
    const inputs = call.inputs.map((v) => decodeValue(v, { caseDir: dir }));
    let result: unknown;
    try {
      result = module.runMethod(c.method, ...inputs);
    } catch (e) {
      const message = (e as Error).message;
      if (isErrorExpectation(call.outputs)) {
        if (!message.toLowerCase().includes(call.outputs.error.toLowerCase())) {
          problems.push(`call ${i}: error without "${call.outputs.error}": ${message.split('\n').at(-2)}`);
        }
      } else {
        problems.push(`call ${i}: ${message.split('\n').filter(Boolean).at(-1)}`);
      }
      return;
    }
    if (isErrorExpectation(call.outputs)) {
      problems.push(`call ${i}: expected an error with "${call.outputs.error}", got a result`);
      return;
    }
    const mismatch = compareValue(result, call.outputs as FixtureValue, { rtol: c.rtol, atol: c.atol, caseDir: dir });
    if (mismatch !== null) problems.push(`call ${i}: ${mismatch}`);
  });
  return problems;
}

// Skips only where ../shared/fixtures/torchscript is absent (a user's clone); CI has the fixtures.
describe.skipIf(!present)('archive fixtures run as in PyTorch (../shared/fixtures/torchscript)', () => {
  it.each(archiveCases())('%s', (name) => {
    expect(runCase(name)).toEqual([]);
  });
});
