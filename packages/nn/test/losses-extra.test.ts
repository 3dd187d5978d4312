import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installAutograd } from '@tsjit/autodiff';
import { torchLoad } from '@tsjit/serialize';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import * as nn from '../src/index.js';
import { expectTensorsClose } from './tensor-compare.js';

// Goldens: tooling/fixtures/gen_nn_losses_extra.py (PyTorch 1.13): module and functional values,
// gradients of the float inputs through the tape, error messages.
const dir = join(import.meta.dirname, 'fixtures', 'losses-extra');
const golden = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8')) as {
  cases: { name: string; class: string; kwargs: Record<string, unknown>; grad_inputs: number[] }[];
  errors: Record<string, { type: string; message: string }>;
};
const io = torchLoad(join(dir, 'io.pt')) as Record<string, any>;

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const functionalOf: Record<string, string> = {
  HingeEmbeddingLoss: 'hingeEmbeddingLoss',
  SoftMarginLoss: 'softMarginLoss',
  MultiLabelSoftMarginLoss: 'multilabelSoftMarginLoss',
  MultiMarginLoss: 'multiMarginLoss',
  MultiLabelMarginLoss: 'multilabelMarginLoss',
  PoissonNLLLoss: 'poissonNllLoss',
  GaussianNLLLoss: 'gaussianNllLoss',
  TripletMarginLoss: 'tripletMarginLoss',
  TripletMarginWithDistanceLoss: 'tripletMarginWithDistanceLoss',
  CTCLoss: 'ctcLoss',
  CosineSimilarity: 'cosineSimilarity',
  PairwiseDistance: 'pairwiseDistance',
};

function optionsOf(c: (typeof golden.cases)[number]): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c.kwargs)) options[camel(k)] = v;
  for (const [k, v] of Object.entries(io[c.name].tensor_kwargs as Record<string, Tensor>)) options[camel(k)] = v;
  return options;
}

beforeAll(() => installAutograd());

describe('losses added after nn-b and the distance modules: values and gradients equal PyTorch 1.13', () => {
  it('covers every loss class', () => {
    expect(new Set(golden.cases.map((c) => c.class)).size).toBe(12);
  });

  for (const c of golden.cases) {
    it(c.name, () => {
      const caseIO = io[c.name];
      const Cls = (nn as unknown as Record<string, new (o: unknown) => nn.Module>)[c.class];
      const m = new Cls(optionsOf(c));
      const inputs = (caseIO.inputs as Tensor[]).map((t, i) => {
        const leaf = T.clone(t);
        if (c.grad_inputs.includes(i)) leaf.requiresGrad = true;
        return leaf;
      });
      const out = m.call(...inputs) as Tensor;
      expectTensorsClose(out, caseIO.output, 1e-5, 'module');
      const F = nn.functional as unknown as Record<string, (...a: unknown[]) => Tensor>;
      expectTensorsClose(
        T.detach(F[functionalOf[c.class]](...caseIO.inputs, optionsOf(c))),
        caseIO.functional,
        1e-5,
        'functional',
      );
      T.sum(T.mul(out, caseIO.weights)).backward();
      c.grad_inputs.forEach((i, k) => {
        expectTensorsClose(inputs[i].grad, caseIO.grads[k], 1e-4, `grad of input ${i}`);
      });
    });
  }

  const x = T.randn([4, 3]);
  const scores = T.randn([5, 4]);
  const errorCalls: Record<string, () => unknown> = {
    multi_margin_p3: () => nn.functional.multiMarginLoss(scores, T.tensor([0, 3, 1, 1, 2]), { p: 3 }),
    multi_margin_target_range: () => nn.functional.multiMarginLoss(scores, T.tensor([0, 4, 1, 1, 2])),
    gaussian_var_size: () => nn.functional.gaussianNllLoss(x, x, T.rand([3, 4])),
    gaussian_negative_var: () => nn.functional.gaussianNllLoss(x, x, T.neg(T.rand([4, 3]))),
    gaussian_reduction: () => nn.functional.gaussianNllLoss(x, x, T.rand([4, 3]), { reduction: 'avg' as 'mean' }),
    multilabel_margin_range: () => nn.functional.multilabelMarginLoss(scores, T.full([5, 4], 4, { dtype: 'int64' })),
  };
  for (const [name, want] of Object.entries(golden.errors)) {
    it(`error: ${name}`, () => {
      let thrown: unknown;
      try {
        errorCalls[name]();
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect((thrown as Error).message).toContain(want.message);
      expect((thrown as { pyType?: string }).pyType).toBe(want.type);
    });
  }
});
