import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { torchLoad } from '@tsjit/serialize';
import { manualSeed, type Tensor, torchOps } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { layerBuilders } from './layer-builders.js';
import { expectTensorsClose } from './tensor-compare.js';

// Goldens written by tooling/fixtures/gen_nn_state_dicts.py (PyTorch 1.13): see its docstring.
const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'state-dicts');

interface CaseIO {
  repr: string;
  inputs?: Tensor[];
  outputs?: Record<string, Tensor | Tensor[]>;
  state_after?: Map<string, Tensor>;
}

const io = torchLoad(join(dir, 'io.pt')) as Map<string, CaseIO>;
const stateDictOf = (name: string) => torchLoad(join(dir, `${name}.pt`)) as Map<string, Tensor>;

describe('layers against PyTorch 1.13 (torch.save(model.state_dict()) goldens)', () => {
  it('has a TypeScript builder for every case of the generator', () => {
    expect([...io.keys()].sort()).toEqual(Object.keys(layerBuilders).sort());
  });

  for (const [name, entry] of io) {
    describe(name, () => {
      it('default initialization after manualSeed(0) equals PyTorch bit for bit, keys in state_dict order', () => {
        manualSeed(0);
        const module = layerBuilders[name]();
        const golden = stateDictOf(name);
        const ours = module.stateDict();
        expect([...ours.keys()]).toEqual([...golden.keys()]);
        // Normal draws (Embedding's N(0, 1)) go through PyTorch's vectorized Box-Muller, whose
        // Sleef logf/sincosf may differ from Math.log/cos/sin by an ulp: those are compared to 1e-6.
        const tol = name.startsWith('embedding') ? 1e-6 : 0;
        expectTensorsClose(ours, golden, tol, 'init');
      });

      it('repr equals PyTorch', () => {
        expect(String(layerBuilders[name]())).toBe(entry.repr);
      });

      it('loads the state dict strictly and gives PyTorch outputs in each mode', () => {
        manualSeed(7);
        const module = layerBuilders[name]();
        const golden = stateDictOf(name);
        expect(module.loadStateDict(golden, { strict: true })).toEqual({ missingKeys: [], unexpectedKeys: [] });
        if (entry.inputs === undefined || entry.outputs === undefined) {
          expectTensorsClose(module.stateDict(), golden, 0);
          return;
        }
        for (const [mode, expected] of Object.entries(entry.outputs)) {
          module.train(mode === 'train');
          manualSeed(2);
          const inputs = entry.inputs.map((t) => torchOps.clone(t));
          const out = module.call(...inputs);
          expectTensorsClose(out, expected, 1e-5, `${name} ${mode}`);
        }
        expectTensorsClose(module.stateDict(), entry.state_after as Map<string, Tensor>, 1e-5, `${name} state after`);
      });
    });
  }
});
