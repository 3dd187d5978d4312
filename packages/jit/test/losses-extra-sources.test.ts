// The TorchScript sources of the losses added after nn-b (@tsjit/nn): jit.script(loss) compiles
// each one and runs it on the inputs of nn's PyTorch goldens (tooling/fixtures/gen_nn_losses_extra.py);
// the scripted value must equal PyTorch's, and a save/load round trip must keep it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as nn from '@tsjit/nn';
import { torchLoad } from '@tsjit/serialize';
import type { Tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { load, save, script } from '../src/index.js';

const dir = join(import.meta.dirname, '..', '..', 'nn', 'test', 'fixtures', 'losses-extra');
const golden = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as {
  cases: { name: string; class: string; kwargs: Record<string, unknown> }[];
};
const io = torchLoad(join(dir, 'io.pt')) as Record<string, any>;
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function expectClose(actual: Tensor, expected: Tensor, what: string): void {
  expect(actual.sizes, what).toEqual(expected.sizes);
  const got = actual.toFlatArray() as number[];
  const want = expected.toFlatArray() as number[];
  want.forEach((w, i) => {
    if (!(Math.abs(got[i] - w) <= 1e-5 + 1e-5 * Math.abs(w))) throw new Error(`${what}[${i}]: ${got[i]} vs ${w}`);
  });
}

describe('scripted losses equal PyTorch 1.13', () => {
  for (const c of golden.cases) {
    const options: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(c.kwargs)) options[camel(k)] = v;
    for (const [k, v] of Object.entries(io[c.name].tensor_kwargs as Record<string, Tensor>)) options[camel(k)] = v;
    const make = () => new (nn as unknown as Record<string, new (o: unknown) => nn.Module>)[c.class](options);
    if (c.class === 'TripletMarginWithDistanceLoss') {
      // PyTorch cannot script it either (a Callable distance function): scripting must refuse.
      it(`${c.name}: refuses scripting`, () => {
        expect(() => script(make())).toThrow('has no TorchScript');
      });
      continue;
    }
    it(c.name, () => {
      const scripted = script(make());
      expectClose(scripted.forward(...io[c.name].inputs) as Tensor, io[c.name].output, 'scripted');
      const loaded = load(save(scripted));
      expectClose(loaded.forward(...io[c.name].inputs) as Tensor, io[c.name].output, 'loaded');
    });
  }
});
