import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { CompilationUnit, type ScriptFunction, SymbolicGradients } from '../src/index.js';
import { compareValue, decodeValue, type FixtureValue } from '../src/testing/fixture-values.js';

/**
 * TorchScript functions differentiated by PyTorch 1.13's autograd
 * (tooling/fixtures/gen_symbolic_gradient_goldens.py): outputs and input gradients through the
 * symbolic engine must match, with ones as the gradient of every floating output.
 */
interface GoldenCase {
  readonly name: string;
  readonly source: string;
  readonly fn: string;
  readonly inputs: FixtureValue[];
  readonly requires: number[];
  readonly outputs: FixtureValue;
  readonly grads: (FixtureValue | null)[];
}

const goldens = JSON.parse(
  readFileSync(join(import.meta.dirname, 'fixtures', 'symbolic-gradient-goldens.json'), 'utf8'),
) as { cases: GoldenCase[] };

describe('symbolic gradients against PyTorch', () => {
  it.each(goldens.cases)('$name', (c) => {
    const fn = new CompilationUnit(c.source).get(c.fn) as ScriptFunction;
    const inputs = c.inputs.map((v) => decodeValue(v, { exactFloats: true }));
    const engine = new SymbolicGradients(fn);
    const r = engine.run(inputs, { inputsRequiringGrad: c.requires });
    const tol = { rtol: 1e-5, atol: 1e-6, type: fn.schema.returns[0]?.type };
    expect(compareValue(r.outputs, c.outputs, tol)).toBeNull();
    c.grads.forEach((want, k) => {
      const got = r.inputGrads[k];
      if (want === null) expect(got).toBeNull();
      else expect(compareValue(got as Tensor, want, tol), `gradient of input ${c.requires[k]}`).toBeNull();
    });
    // A second call of the same kind reuses the specialization and gives the same gradients.
    const again = engine.run(inputs, { inputsRequiringGrad: c.requires });
    c.grads.forEach((want, k) => {
      if (want !== null) expect(compareValue(again.inputGrads[k] as Tensor, want, tol)).toBeNull();
    });
    expect(engine.specializations).toBe(1);
  });
});
