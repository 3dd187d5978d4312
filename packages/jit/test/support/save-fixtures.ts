import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZipReader } from '@tsjit/serialize';
import { load } from '../../src/load/load.js';
import { save } from '../../src/save/save.js';
import type { ScriptModule } from '../../src/script-module.js';
import { compareValue, decodeValue, type FixtureValue, isErrorExpectation } from '../../src/testing/fixture-values.js';

// The shared conformance fixtures live beside the repository (../shared); a user's clone has none,
// so the suites using them skip there (CI provides them).
export const FIXTURES = join(import.meta.dirname, '..', '..', '..', '..', '..', 'shared', 'fixtures', 'torchscript');
export const fixturesPresent = existsSync(join(FIXTURES, 'index.json'));

export interface ArchiveCase {
  readonly name: string;
  readonly method: string;
  readonly calls: readonly { readonly inputs: readonly FixtureValue[]; readonly outputs: unknown }[];
  readonly rtol?: number;
  readonly atol?: number;
}

export function archiveCaseNames(): string[] {
  if (!fixturesPresent) return [];
  const index = JSON.parse(readFileSync(join(FIXTURES, 'index.json'), 'utf8')) as {
    cases: { name: string; kind: string }[];
  };
  return index.cases.filter((c) => c.kind === 'archive').map((c) => c.name);
}

export function readCase(name: string): ArchiveCase {
  return JSON.parse(readFileSync(join(FIXTURES, name, 'case.json'), 'utf8')) as ArchiveCase;
}

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, name, 'model.pt')));
}

/** A fixture loaded and saved again (the archive folder named `model`, as PyTorch named it for model.pt). */
export function resave(name: string): Uint8Array {
  return save(load(fixtureBytes(name)), undefined, { archiveName: 'model' });
}

/** Runs every call of a case on one module; the problems found (empty: it matches). */
export function runCalls(module: ScriptModule, name: string): string[] {
  const dir = join(FIXTURES, name);
  const c = readCase(name);
  const problems: string[] = [];
  c.calls.forEach((call, i) => {
    const inputs = call.inputs.map((v) => decodeValue(v, { caseDir: dir }));
    let result: unknown;
    try {
      result = module.runMethod(c.method, ...inputs);
    } catch (e) {
      const message = (e as Error).message;
      if (!isErrorExpectation(call.outputs)) problems.push(`call ${i}: ${message.split('\n').filter(Boolean).at(-1)}`);
      else if (!message.toLowerCase().includes(call.outputs.error.toLowerCase())) {
        problems.push(
          `call ${i}: error without "${call.outputs.error}": ${message.split('\n').filter(Boolean).at(-1)}`,
        );
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

/** How two archives differ, record by record (empty: byte-identical). */
export function archiveDifferences(ours: Uint8Array, theirs: Uint8Array): string[] {
  const a = ZipReader.open(ours);
  const b = ZipReader.open(theirs);
  const out: string[] = [];
  const names = (z: ZipReader) => z.entries.map((e) => e.name);
  const an = names(a);
  const bn = names(b);
  for (const n of bn) if (!a.has(n)) out.push(`missing ${n}`);
  for (const n of an) if (!b.has(n)) out.push(`extra ${n}`);
  if (out.length === 0 && an.join('\n') !== bn.join('\n')) out.push(`record order: ${an.join(', ')}`);
  for (const n of an) {
    if (!b.has(n)) continue;
    const x = a.read(n);
    const y = b.read(n);
    let i = 0;
    while (i < x.length && i < y.length && x[i] === y[i]) i++;
    if (i !== x.length || i !== y.length) out.push(`${n} differs at byte ${i} (${x.length} vs ${y.length} bytes)`);
  }
  if (out.length === 0 && (ours.length !== theirs.length || ours.some((v, i) => v !== theirs[i]))) {
    out.push('same records, different zip bytes');
  }
  return out;
}
