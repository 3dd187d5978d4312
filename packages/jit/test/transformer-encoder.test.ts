import { readFileSync } from 'node:fs';
import { installAutograd, isAutogradInstalled, noGrad, uninstallAutograd } from '@tsjit/autodiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load } from '../src/load/load.js';
import type { ScriptModule } from '../src/script-module.js';
import { compareValue, decodeValue, type FixtureValue } from '../src/testing/fixture-values.js';
import { closeWorkers } from '../src/workers/async-call.js';

/**
 * nn.TransformerEncoder archives saved by PyTorch 1.13 (tooling/fixtures/gen_transformer_encoder.py):
 * `forward` references the nested-tensor fast path (_nested_tensor_from_mask_left_aligned,
 * _nested_tensor_from_mask, to_padded_tensor, _transformer_encoder_layer_fwd), so the whole method
 * must compile; each case runs one branch and must match PyTorch's outputs of the same archive.
 * PyTorch recorded them under no_grad (the loaded parameters require grad, so with grad enabled
 * the fast path is not taken): the calls here run under `noGrad` too.
 */

interface Case {
  readonly archive: string;
  readonly training: boolean;
  readonly inputs: readonly FixtureValue[];
  readonly outputs?: FixtureValue;
  readonly error?: string;
}

const folder = new URL('./fixtures/transformer-encoder/', import.meta.url);
const { cases } = JSON.parse(readFileSync(new URL('cases.json', folder), 'utf8')) as {
  cases: Record<string, Case>;
};
const modules = new Map<string, ScriptModule>();

function moduleOf(c: Case): ScriptModule {
  let m = modules.get(c.archive);
  if (!m) {
    m = load(new Uint8Array(readFileSync(new URL(c.archive, folder))));
    modules.set(c.archive, m);
  }
  return m.train(c.training);
}

// The fused fast path and tsjit's kernels sum in different orders: float32 rounding, not a tolerance for mistakes.
const tolerance = { rtol: 1e-4, atol: 1e-5 };

let installedHere = false;
beforeAll(() => {
  installedHere = !isAutogradInstalled();
  installAutograd();
});
afterAll(async () => {
  if (installedHere) uninstallAutograd();
  for (const m of modules.values()) await closeWorkers(m);
});

describe('nn.TransformerEncoder archives (PyTorch 1.13)', () => {
  it('has every case of the generator', () => {
    expect(Object.keys(cases).length).toBe(10);
  });

  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      const m = moduleOf(c);
      const inputs = c.inputs.map((v) => decodeValue(v));
      if (c.error !== undefined) {
        expect(() => noGrad(() => m.forward(...inputs))).toThrow(c.error);
        return;
      }
      expect(
        compareValue(
          noGrad(() => m.forward(...inputs)),
          c.outputs as FixtureValue,
          tolerance,
        ),
      ).toBeNull();
    });
  }

  it('loads in eval mode, as exported', () => {
    for (const archive of ['encoder_relu.pt', 'encoder_gelu_norm_first.pt']) {
      const m = load(new Uint8Array(readFileSync(new URL(archive, folder))));
      expect(m.training).toBe(false);
    }
  });

  it('runs the fast path through forwardAsync (workers) with the same result', async () => {
    const c = cases['encoder_relu/eval'];
    const m = moduleOf(c);
    const y = await m.forwardAsync(...c.inputs.map((v) => decodeValue(v)));
    expect(compareValue(y, c.outputs as FixtureValue, tolerance)).toBeNull();
  });

  it('fails, naming the call, where PyTorch would build a nested tensor', () => {
    const c = cases['encoder_relu/eval_padding_left_aligned'];
    const m = moduleOf(c);
    let caught: unknown;
    try {
      noGrad(() => m.forward(...c.inputs.map((v) => decodeValue(v))));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    const message = (caught as Error).message;
    // Reached past the mask checks (a left-aligned bool mask), at the call that would build it.
    expect(message).toContain('torch._nested_tensor_from_mask(src, _48, False)');
    expect(message).toContain('_nested_tensor_from_mask: nested tensors are not supported');
  });
});
