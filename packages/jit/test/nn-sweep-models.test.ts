/**
 * Issue 8's acceptance sweep, models: a ResNet-18-shaped network (torchvision's layout: BasicBlocks
 * with 1x1 downsampling, [2, 2, 2, 2] blocks) and a 2-layer Transformer encoder model (token
 * embedding, nn.TransformerEncoder, a classifier head; batch-first and sequence-first, with and
 * without a key padding mask), built in TypeScript: eager, `jit.trace`, `jit.script`, and the
 * scripted model frozen and optimized for inference give the same outputs; PyTorch 1.13 loads
 * every archive and reproduces the eager outputs (one Python process for the batch).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as nn from '@tsjit/nn';
import { manualSeed, torchOps as T, type Tensor } from '@tsjit/tensor';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { closeWorkers, freeze, optimizeForInference, type ScriptModule, save, script, trace } from '../src/index.js';
import {
  differences,
  type GrowDims,
  type GrowKind,
  growInputs,
  type TorchCall,
  writeTorchBatch,
} from './support/nn-sweep.js';
import { ResNet, TextClassifier } from './support/nn-sweep-models.js';
import { torchRunCases, torchUnavailable } from './support/torch-oracle.js';

// Eager and interpreter run the same kernels; freezing folds batch norm into the convolutions
// (other float32 roundings), and PyTorch's kernels sum in other orders.
const jitTol = { rtol: 1e-5, atol: 1e-6 };
const foldedTol = { rtol: 1e-4, atol: 1e-5 };
const torchTol = { rtol: 1e-4, atol: 1e-4 };

interface ModelCase {
  readonly name: string;
  readonly build: () => nn.Module;
  readonly inputs: () => Tensor[];
  readonly train?: boolean;
  /** The other sizes the trace is rerun at (dims of each input), as PyTorch's trace of the model generalizes. */
  readonly grow: Partial<Record<GrowKind, GrowDims>>;
}

const tokens = (batchFirst: boolean) => {
  const t = T.randint(1, 20, [2, 7], { dtype: 'int64' });
  // The second sequence ends in padding (token 0), which the mask hides.
  T.fill_(T.slice(T.select(t, 0, 1), 0, 5, 7), 0);
  return batchFirst ? t : T.t(t).contiguous();
};
const paddingMask = () =>
  T.eq(
    T.tensor([
      [0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 1, 1],
    ]),
    1,
  );

const models: ModelCase[] = [
  {
    name: 'resnet18_eval',
    build: () => new ResNet(64, 10),
    inputs: () => [T.randn([1, 3, 64, 64])],
    grow: { batch: [[0]], spatial: [[2, 3]] },
  },
  {
    // Training mode normalizes by batch statistics: enough values per channel in the last stage
    // (4 x 2 x 2) that float32 rounding stays small next to their spread.
    name: 'resnet18_quarter_width_train',
    build: () => new ResNet(16, 10),
    inputs: () => [T.randn([4, 3, 64, 64])],
    train: true,
    grow: { batch: [[0]], spatial: [[2, 3]] },
  },
  {
    name: 'transformer_batch_first_mask',
    build: () => new TextClassifier(true),
    inputs: () => [tokens(true), paddingMask()],
    grow: { batch: [[0], [0]], seq: [[1], [1]] },
  },
  {
    name: 'transformer_batch_first',
    build: () => new TextClassifier(true),
    inputs: () => [tokens(true)],
    grow: { batch: [[0]], seq: [[1]] },
  },
  {
    name: 'transformer_seq_first_mask',
    build: () => new TextClassifier(false),
    inputs: () => [tokens(false), paddingMask()],
    grow: { batch: [[1], [0]], seq: [[0], [1]] },
  },
  {
    name: 'transformer_seq_first',
    build: () => new TextClassifier(false),
    inputs: () => [tokens(false)],
    grow: { batch: [[1]], seq: [[0]] },
  },
];

const torchCalls: TorchCall[] = [];
const modules: ScriptModule[] = [];
let grownRuns = 0;

describe('a ResNet-18-shaped network and a 2-layer Transformer encoder: eager, traced, scripted, frozen', () => {
  const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
  afterAll(async () => {
    warn.mockRestore();
    for (const m of modules) await closeWorkers(m);
  });

  for (const c of models) {
    it(c.name, () => {
      manualSeed(0);
      const eager = c.build().train(c.train ?? false);
      manualSeed(1);
      const inputs = c.inputs();
      const expected = eager.call(...inputs);
      // One model for all (drawing the full-width ResNet's weights is the slow part): the outputs
      // compared do not depend on what a run changes (training mode's running statistics).

      const scripted = script(eager);
      const traced = trace(eager, inputs);
      modules.push(scripted, traced);
      expect(differences(scripted.forward(...inputs), expected, jitTol, 'script')).toEqual([]);
      expect(differences(traced.forward(...inputs), expected, jitTol, 'trace')).toEqual([]);
      // Other batch sizes, sequence lengths, image sizes: the trace recorded sizes, not numbers.
      const more: { inputs: Tensor[]; outputs: Tensor }[] = [];
      for (const [kind, dims] of Object.entries(c.grow) as [GrowKind, GrowDims][]) {
        const big = growInputs(inputs, dims) as Tensor[];
        const expectedBig = eager.call(...big) as Tensor;
        expect(differences(traced.forward(...big), expectedBig, jitTol, `trace, other ${kind} size`)).toEqual([]);
        more.push({ inputs: big, outputs: expectedBig });
        grownRuns++;
      }
      const archives: [string, ScriptModule, Tensor][] = [
        ['script', scripted, expected],
        ['trace', traced, expected],
      ];
      if (!c.train) {
        const frozen = freeze(scripted);
        const optimized = optimizeForInference(script(eager));
        modules.push(frozen, optimized);
        expect(differences(frozen.forward(...inputs), expected, foldedTol, 'frozen')).toEqual([]);
        expect(differences(optimized.forward(...inputs), expected, foldedTol, 'optimized')).toEqual([]);
        // Folding happened: the frozen ResNet has no batch norm left, the convolutions absorbed it.
        if (c.name.startsWith('resnet')) {
          const kinds = [...frozen.graph.nodes()].map((n) => n.kind);
          expect(kinds).not.toContain('aten::batch_norm');
          expect(kinds.filter((k) => k === 'aten::conv2d').length).toBe(20);
        }
        archives.push(['frozen', frozen, expected], ['optimized', optimized, expected]);
      }
      for (const [kind, module, outputs] of archives) {
        torchCalls.push({
          name: `${c.name}.${kind}`,
          archive: save(module),
          inputs,
          outputs,
          tol: torchTol,
          ...(kind === 'trace' ? { more } : {}),
        });
      }
    }, 120_000);
  }
});

const noTorch = torchUnavailable();
if (noTorch !== undefined) console.warn(`nn-sweep-models: the PyTorch part is skipped (${noTorch})`);

// PyTorch 1.13 at /usr/bin/python3 is the oracle for the saved archives: without it there is nothing to load them.
describe.skipIf(noTorch !== undefined)('PyTorch 1.13 loads the models’ archives', () => {
  it('and reproduces the eager outputs', () => {
    const evalModels = models.filter((m) => !m.train).length;
    expect(torchCalls.length).toBe(2 * models.length + 2 * evalModels);
    const dir = mkdtempSync(join(tmpdir(), 'tsjit-nn-sweep-models-'));
    try {
      const { fixtures, archives } = writeTorchBatch(dir, torchCalls);
      const verdicts = torchRunCases(fixtures, archives);
      expect(Object.keys(verdicts).length).toBe(torchCalls.length);
      expect(Object.entries(verdicts).filter(([, problems]) => problems.length > 0)).toEqual([]);
      console.log(
        `nn sweep models: PyTorch loads ${torchCalls.length}/${torchCalls.length} archives with equal outputs ` +
          `(the traces also at ${grownRuns} other input sizes)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
