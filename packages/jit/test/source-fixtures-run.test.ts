import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CompilationUnit } from '../src/index.js';
import { compareValue, decodeValue, type FixtureValue, isErrorExpectation } from '../src/testing/fixture-values.js';
import { sharedFixturesDir, sourceFixtures } from './support/shared-fixtures.js';

/**
 * Every `source` case of the shared conformance fixtures run as the README says: the whole of
 * source.py compiled as one unit, then the calls made in order on it; outputs compared by the
 * README's rules with the case's tolerances (int vs float told by the declared return type), and
 * an expected `{"error": "substring"}` met by an error whose message contains it (case-insensitively).
 */
interface SourceCase {
  readonly method: string;
  readonly calls: { readonly inputs: FixtureValue[]; readonly outputs: FixtureValue | { readonly error: string } }[];
  readonly rtol?: number;
  readonly atol?: number;
}

const dir = sharedFixturesDir();

if (!dir) {
  // The fixtures live outside the repository (../shared/fixtures/torchscript) and are absent on a
  // user's clone; CI and the development machines have them.
  describe.skip('source fixtures run: ../shared/fixtures/torchscript not found (skipped)', () => {
    it('needs the shared fixtures', () => {});
  });
} else {
  const fixtures = sourceFixtures(dir);

  describe('source fixtures run call by call', () => {
    it('are there', () => {
      expect(fixtures.length).toBeGreaterThanOrEqual(10);
    });

    it.each(fixtures)('$name', (fixture) => {
      const caseDir = join(dir, fixture.name);
      const spec = JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8')) as SourceCase;
      const fn = new CompilationUnit(fixture.source).get(spec.method);
      expect(fn, `function ${spec.method}`).toBeDefined();
      if (!fn) return;
      const returnType = fn.schema.returns[0]?.type;
      const problems: string[] = [];
      spec.calls.forEach((call, i) => {
        const inputs = call.inputs.map((v) => decodeValue(v, { caseDir, exactFloats: true }));
        let result: unknown;
        try {
          result = fn.call(...inputs);
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          if (!isErrorExpectation(call.outputs)) {
            problems.push(`call ${i}: unexpected error: ${message}`);
          } else if (!message.toLowerCase().includes(call.outputs.error.toLowerCase())) {
            problems.push(`call ${i}: error without ${JSON.stringify(call.outputs.error)}: ${message}`);
          }
          return;
        }
        if (isErrorExpectation(call.outputs)) {
          problems.push(
            `call ${i}: expected an error containing ${JSON.stringify(call.outputs.error)}, returned normally`,
          );
          return;
        }
        const mismatch = compareValue(result, call.outputs, {
          rtol: spec.rtol,
          atol: spec.atol,
          type: returnType,
          caseDir,
        });
        if (mismatch !== null) problems.push(`call ${i}: ${mismatch}`);
      });
      expect(problems).toEqual([]);
    });
  });
}
