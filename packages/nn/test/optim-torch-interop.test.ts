import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { torchLoad, torchSave } from '@tsjit/serialize';
import type { Tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { Adam, type OptimizerStateDictInput } from '../src/optim/index.js';
import { expectClose, type FlatTensor, loadGoldens, toTensor } from './optim-goldens.js';

interface Goldens {
  adamStateDictFile: { params: FlatTensor[]; grads: FlatTensor[]; after: FlatTensor[] };
}

const golden = loadGoldens<Goldens>('optimizers.json.gz').adamStateDictFile;
const file = new URL('./fixtures/optim/adam-state-dict.pt', import.meta.url).pathname;

const python = '/usr/bin/python3';
const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
const hasTorch = probe.status === 0;
if (!hasTorch) console.warn(`optim-torch-interop: PyTorch check skipped, ${python} cannot import torch (the oracle)`);

/** The optimizer the generator saved: two groups with their own options (it loads over the constructor's). */
function adamFor(params: Tensor[]): Adam {
  return new Adam([{ params: [params[0]] }, { params: [params[1]], lr: 0.9 }], 0.5);
}

describe("optimizer state dicts to and from PyTorch's torch.save files", () => {
  it('loads what torch.save(optimizer.state_dict()) wrote and takes the same next step', () => {
    const loaded = torchLoad(file) as OptimizerStateDictInput;
    const params = golden.params.map(toTensor);
    const opt = adamFor(params);
    opt.loadStateDict(loaded);
    expect(opt.paramGroups.map((g) => [g.lr, [...g.betas], g.amsgrad])).toEqual([
      [0.01, [0.8, 0.95], false],
      [0.02, [0.8, 0.95], true],
    ]);
    const step = opt.state.get(params[1])?.step as Tensor;
    expect([step.dtype, step.item()]).toEqual(['float32', 3]);
    params.forEach((p, i) => {
      p.grad = toTensor(golden.grads[i]);
    });
    opt.step();
    params.forEach((p, i) => {
      expectClose(p, golden.after[i], `param ${i}`);
    });
  });

  it('torchSave(stateDict()) loads back into an optimizer that continues bit for bit', () => {
    const params = golden.params.map(toTensor);
    const opt = adamFor(params);
    opt.loadStateDict(torchLoad(file) as OptimizerStateDictInput);
    const copies = params.map((p) => p.clone());
    const again = adamFor(copies);
    again.loadStateDict(torchLoad(torchSave(opt.stateDict())) as OptimizerStateDictInput);
    for (let k = 0; k < 3; k++) {
      params.forEach((p, i) => {
        p.grad = toTensor(golden.grads[i]).mul(k + 1);
        copies[i].grad = toTensor(golden.grads[i]).mul(k + 1);
      });
      opt.step();
      again.step();
    }
    params.forEach((p, i) => {
      expect(copies[i].toFlatArray()).toEqual(p.toFlatArray());
    });
    // Loading copied the state: the two optimizers never shared a tensor.
    expect(again.state.get(copies[0])?.expAvg).not.toBe(opt.state.get(params[0])?.expAvg);
  });

  // PyTorch is the oracle of this direction; without it there is nothing to check the saved file against.
  it.skipIf(!hasTorch)("PyTorch's load_state_dict accepts a state dict tsjit saved and steps the same", () => {
    const params = golden.params.map(toTensor);
    const opt = adamFor(params);
    opt.loadStateDict(torchLoad(file) as OptimizerStateDictInput);
    params.forEach((p, i) => {
      p.grad = toTensor(golden.grads[i]);
    });
    opt.step();
    const dir = mkdtempSync(join(tmpdir(), 'tsjit-optim-'));
    try {
      const path = join(dir, 'state.pt');
      torchSave(opt.stateDict(), { path });
      const inputs = join(dir, 'inputs.json');
      const next = params.map((p) => p.toFlatArray().map((v) => -0.5 * (v as number)));
      writeFileSync(inputs, JSON.stringify({ params: params.map((p) => [p.sizes, p.toFlatArray()]), next }));
      const script = [
        'import json, sys, torch',
        'd = json.load(open(sys.argv[2]))',
        'ps = [torch.tensor(v, dtype=torch.float32).reshape(s).requires_grad_() for s, v in d["params"]]',
        'opt = torch.optim.Adam([{"params": [ps[0]]}, {"params": [ps[1]]}], lr=0.5, foreach=False)',
        'sd = torch.load(sys.argv[1])',
        'opt.load_state_dict(sd)',
        'for p, g in zip(ps, d["next"]): p.grad = torch.tensor(g).reshape(p.shape)',
        'opt.step()',
        's = opt.state_dict()',
        'print(json.dumps({"params": [p.detach().reshape(-1).tolist() for p in ps],',
        '  "groups": [{k: v for k, v in g.items()} for g in s["param_groups"]],',
        '  "steps": [float(s["state"][i]["step"]) for i in (0, 1)]}))',
      ].join('\n');
      const r = spawnSync(python, ['-c', script, path, inputs], {
        encoding: 'utf8',
        // Not under /tmp: a stray module there could shadow Python's standard library.
        cwd: new URL('.', import.meta.url).pathname,
      });
      expect(r.stderr.replace(/^.*UserWarning.*$|^\s+warnings.warn.*$/gm, '').trim()).toBe('');
      const out = JSON.parse(r.stdout) as {
        params: number[][];
        groups: Record<string, unknown>[];
        steps: number[];
      };
      params.forEach((p, i) => {
        p.grad = toTensor({ sizes: [...p.sizes], data: next[i] });
      });
      opt.step();
      params.forEach((p, i) => {
        expectClose(p, { sizes: [...p.sizes], data: out.params[i] }, `param ${i}`);
      });
      expect(out.steps).toEqual([5, 5]);
      expect(out.groups.map((g) => [g.lr, g.betas, g.amsgrad, g.params])).toEqual([
        [0.01, [0.8, 0.95], false, [0]],
        [0.02, [0.8, 0.95], true, [1]],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
