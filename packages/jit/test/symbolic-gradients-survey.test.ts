import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import {
  CompilationUnit,
  load,
  type ScriptFunction,
  type ScriptModule,
  SymbolicGradientError,
  SymbolicGradients,
} from '../src/index.js';
import { compareValue, decodeValue, type FixtureValue, isErrorExpectation } from '../src/testing/fixture-values.js';
import { sharedFixturesDir } from './support/shared-fixtures.js';

/**
 * Every archive and source case of the shared fixtures through the symbolic engine, with every
 * floating tensor argument requiring grad: the engine either refuses with a SymbolicGradientError
 * (the caller's cue to use the eager tape) or computes the first call's outputs as PyTorch did
 * (its forward graph is the method, specialized) and gradients that the backward graph produced.
 */
const REFUSED: Record<string, string> = {
  // Writes module attributes: state changes have no symbolic gradient.
  lang_counter_state: 'sets attribute',
  lang_script_class: 'sets attribute',
  // Forks and interface calls have no graph to inline before run time.
  lang_fork_wait: 'prim::fork',
  lang_module_interface: 'prim::CallMethod',
  // A while loop whose condition is computed in its body, over values that require grad.
  lang_while_loop: 'prim::Loop',
  // In-place writes into views of values that require grad (mutation through aliases).
  tensor_index_put: 'writes in place',
  tensor_inplace_view_aliasing: 'writes in place',
};

const dir = sharedFixturesDir();

if (!dir) {
  // The fixtures live outside the repository (../shared/fixtures/torchscript) and are absent on a
  // user's clone; CI and the development machines have them.
  describe.skip('symbolic survey of the fixtures: ../shared/fixtures/torchscript not found (skipped)', () => {
    it('needs the shared fixtures', () => {});
  });
} else {
  const cases = readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'case.json')))
    .map((name) => ({ name, spec: JSON.parse(readFileSync(join(dir, name, 'case.json'), 'utf8')) }))
    .filter(({ spec }) => spec.kind !== 'source_error' && spec.calls?.length > 0)
    .sort((a, b) => a.name.localeCompare(b.name));

  describe('symbolic gradients over every fixture case', () => {
    it.each(cases)('$name', ({ name, spec }) => {
      const caseDir = join(dir, name);
      const target: ScriptModule | ScriptFunction =
        spec.kind === 'source'
          ? new CompilationUnit(readFileSync(join(caseDir, 'source.py'), 'utf8')).get(spec.method)!
          : load(join(caseDir, 'model.pt'));
      const inputs = (spec.calls[0].inputs as FixtureValue[]).map((v) =>
        decodeValue(v, { caseDir, exactFloats: true }),
      );
      const requiring = inputs.flatMap((v, i) =>
        v instanceof Tensor && (v.dtype === 'float32' || v.dtype === 'float64') ? [i] : [],
      );
      const engine = new SymbolicGradients(target, spec.kind === 'source' ? 'forward' : spec.method);
      let result: ReturnType<SymbolicGradients['run']>;
      try {
        result = engine.run(inputs, { inputsRequiringGrad: requiring });
      } catch (e) {
        expect(SymbolicGradientError.isInstance(e), String(e)).toBe(true);
        expect(REFUSED[name], `${name} refused: ${(e as Error).message}`).toBeDefined();
        expect((e as Error).message).toContain(REFUSED[name]);
        return;
      }
      expect(REFUSED[name], `${name} is listed as refused but differentiates`).toBeUndefined();
      const expected = spec.calls[0].outputs;
      if (!isErrorExpectation(expected)) {
        const returnType =
          spec.kind === 'source'
            ? (target as ScriptFunction).schema.returns[0]?.type
            : (target as ScriptModule).method(spec.method).schema.returns[0]?.type;
        const problem = compareValue(result.outputs, expected, {
          rtol: spec.rtol,
          atol: spec.atol,
          caseDir,
          type: returnType,
        });
        expect(problem).toBeNull();
      }
      expect(result.inputGrads.length).toBe(requiring.length);
    });
  });
}
