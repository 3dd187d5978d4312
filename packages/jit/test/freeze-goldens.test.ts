import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freeze } from '../src/freeze/freeze.js';
import { load } from '../src/load/load.js';
import { fixtureBytes, fixturesPresent } from './support/save-fixtures.js';

/**
 * Our frozen code against PyTorch 1.13's (`torch.jit.freeze(m).code`, recorded by
 * tooling/fixtures/gen_freeze_goldens.py) for every eval-mode archive of the shared fixtures.
 */
const goldens = JSON.parse(readFileSync(new URL('fixtures/freeze-goldens.json', import.meta.url), 'utf8')) as {
  cases: Record<string, { method: string; code: string }>;
};

/** Where our frozen code differs from PyTorch's, and why. */
const CODE_DIFFERS: Record<string, string> = {
  // PyTorch's freezing unrolls loops with a constant trip count (UnrollConstantLoops / LoopUnrolling); we keep loops.
  lang_constants_final: 'loop unrolling',
  lang_for_break_continue: 'loop unrolling',
  nn_convtranspose2d: 'loop unrolling',
  ad_lstm: 'loop unrolling',
  nn_lstm: 'loop unrolling',
  nn_gru_bidir_batch_first: 'loop unrolling',
  nn_rnn_tanh_h0: 'loop unrolling',
  nn_multihead_attention: 'loop unrolling',
  nn_transformer_encoder_layer: 'loop unrolling',
  quant_dynamic_linear_stack: 'loop unrolling',
  // Value names and the place of an uninitialized value after constant propagation of an if.
  nn_upsample_interpolate: 'value numbering after constant propagation',
  lang_dict_ops: 'PyTorch folds aten::zeros/dict constants that our constant propagation leaves',
  lang_fork_wait: 'PyTorch folds the forked subgraph constants',
  // PyTorch inlines interface calls on frozen modules (inlineInterfaceCalls); we keep the submodules.
  lang_module_interface: 'interface calls not inlined',
  // PyTorch folds the quantized LSTM's packed-parameter objects; we keep the submodule.
  quant_dynamic_lstm: 'custom-class objects kept as attributes',
};

const selfAttrs = (code: string) => [...new Set(code.match(/self\.[A-Za-z_0-9]+/g) ?? [])].sort();

// Skips only where ../shared/fixtures/torchscript is absent (a user's clone); CI has the fixtures.
describe.skipIf(!fixturesPresent)("frozen code against PyTorch 1.13's torch.jit.freeze", () => {
  const names = Object.keys(goldens.cases);

  it('covers the eval-mode archive cases', () => {
    expect(names.length).toBeGreaterThanOrEqual(77);
  });

  it.each(names)('%s', (name) => {
    const golden = goldens.cases[name] as { method: string; code: string };
    const frozen = freeze(load(fixtureBytes(name)), {
      preservedAttrs: golden.method === 'forward' ? [] : [golden.method],
    });
    const code = frozen.method(golden.method).code;
    if (name in CODE_DIFFERS) {
      // Listed as different: it must still differ (a fix shows up here), and keep the same attributes
      // except where the reason is about attributes.
      expect(code).not.toBe(golden.code);
      if (!/attributes|interface/.test(CODE_DIFFERS[name] as string)) {
        expect(selfAttrs(code)).toEqual(selfAttrs(golden.code));
      }
    } else {
      expect(code).toBe(golden.code);
    }
  });
});
