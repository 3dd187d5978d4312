import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SymbolicGradientError } from '@tsjit/autodiff';
import { describe, expect, it } from 'vitest';
import { CompilationUnit, load, type ScriptFunction, type ScriptModule, symbolicGradients } from '../src/index.js';
import { compareValue, decodeValue, type FixtureValue } from '../src/testing/fixture-values.js';
import { sharedFixturesDir } from './support/shared-fixtures.js';

/**
 * The `backward` sections of the shared conformance fixtures through the symbolic engine: the
 * first call's inputs at `inputs_requiring_grad` differentiated on a freshly loaded module, ones
 * as the gradient of every floating output, input and parameter gradients compared with
 * PyTorch's within the case's tolerances.
 */
interface BackwardCase {
  readonly kind: string;
  readonly method: string;
  readonly calls: { readonly inputs: FixtureValue[] }[];
  readonly rtol?: number;
  readonly atol?: number;
  readonly backward?: {
    readonly inputs_requiring_grad: number[];
    readonly input_grads: FixtureValue[];
    readonly param_grads: Record<string, FixtureValue>;
  };
}

const dir = sharedFixturesDir();

if (!dir) {
  // The fixtures live outside the repository (../shared/fixtures/torchscript) and are absent on a
  // user's clone; CI and the development machines have them.
  describe.skip('symbolic gradients of the fixtures: ../shared/fixtures/torchscript not found (skipped)', () => {
    it('needs the shared fixtures', () => {});
  });
} else {
  const cases = readdirSync(dir)
    .filter((name) => {
      try {
        return 'backward' in JSON.parse(readFileSync(join(dir, name, 'case.json'), 'utf8'));
      } catch {
        return false;
      }
    })
    .sort();

  describe('symbolic gradients of the fixtures', () => {
    it.each(cases)('%s', (name) => {
      const caseDir = join(dir, name);
      const spec = JSON.parse(readFileSync(join(caseDir, 'case.json'), 'utf8')) as BackwardCase;
      const backward = spec.backward!;
      const target: ScriptModule | ScriptFunction =
        spec.kind === 'source'
          ? new CompilationUnit(readFileSync(join(caseDir, 'source.py'), 'utf8')).get(spec.method)!
          : load(join(caseDir, 'model.pt'));
      const inputs = spec.calls[0].inputs.map((v) => decodeValue(v, { caseDir, exactFloats: true }));
      let result: ReturnType<typeof symbolicGradients>;
      try {
        result = symbolicGradients(target, spec.kind === 'source' ? spec.method : spec.method, inputs, {
          inputsRequiringGrad: backward.inputs_requiring_grad,
        });
      } catch (e) {
        if (SymbolicGradientError.isInstance(e)) console.log(`${name}: falls back: ${(e as Error).message}`);
        throw e;
      }
      const tol = { rtol: spec.rtol, atol: spec.atol, caseDir };
      const problems: string[] = [];
      backward.input_grads.forEach((expected, k) => {
        const got = result.inputGrads[k];
        const p = got === null ? 'no gradient' : compareValue(got, expected, tol);
        if (p) problems.push(`input ${backward.inputs_requiring_grad[k]}: ${p}`);
      });
      for (const [param, expected] of Object.entries(backward.param_grads)) {
        const got = result.paramGrads.get(param);
        const p = got === undefined ? 'no gradient' : compareValue(got, expected, tol);
        if (p) problems.push(`${param}: ${p}`);
      }
      expect([...result.paramGrads.keys()].sort()).toEqual(Object.keys(backward.param_grads).sort());
      expect(problems).toEqual([]);
    });
  });
}
