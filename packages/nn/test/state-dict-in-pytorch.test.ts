import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { torchLoad, torchSave } from '@tsjit/serialize';
import { manualSeed, torchOps as T, type Tensor } from '@tsjit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import * as nn from '../src/index.js';
import { expectTensorsClose } from './tensor-compare.js';

const python = '/usr/bin/python3';
const probe = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' });
const noTorch = probe.status !== 0;

// The PyTorch twin of `build()` below.
const PYTHON = `
import sys, torch, torch.nn as nn
model = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                      nn.Linear(36, 8), nn.LayerNorm(8), nn.GELU(), nn.Linear(8, 3))
result = model.load_state_dict(torch.load(sys.argv[1]), strict=True)
assert not result.missing_keys and not result.unexpected_keys, result
model.eval()
x = torch.load(sys.argv[2])['x']
with torch.no_grad():
    y = model(x)
torch.save({'y': y, 'state': model.state_dict()}, sys.argv[3])
`;

function build(): nn.Module {
  return new nn.Sequential(
    new nn.Conv2d(1, 4, 3, { padding: 1 }),
    new nn.BatchNorm2d(4),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Flatten(),
    new nn.Linear(36, 8),
    new nn.LayerNorm(8),
    new nn.GELU(),
    new nn.Linear(8, 3),
  );
}

// PyTorch (at /usr/bin/python3) is the oracle here: without it there is nothing to load our file with.
describe.skipIf(noTorch)('a tsjit state dict saved with torchSave loads in PyTorch 1.13', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsjit-nn-sd-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('load_state_dict(strict=True) accepts it and the model gives our outputs', () => {
    manualSeed(3);
    const model = build();
    // A training step first, so that BatchNorm's running stats and num_batches_tracked are not the defaults.
    model.train();
    model.call(T.randn([4, 1, 6, 6]));
    model.eval();
    const x = T.randn([2, 1, 6, 6]);
    const ours = model.call(x) as Tensor;
    torchSave(model.stateDict(), { path: join(dir, 'sd.pt') });
    torchSave(new Map([['x', x]]), { path: join(dir, 'x.pt') });
    const run = spawnSync(python, ['-c', PYTHON, join(dir, 'sd.pt'), join(dir, 'x.pt'), join(dir, 'y.pt')], {
      encoding: 'utf8',
      // Not under the temp dir: a stray module there would shadow Python's standard library.
      cwd: dirname(fileURLToPath(import.meta.url)),
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const back = torchLoad(join(dir, 'y.pt')) as { y: Tensor; state: Map<string, Tensor> };
    expectTensorsClose(ours, back.y, 1e-5, 'output');
    expectTensorsClose(model.stateDict(), back.state, 0, 'state');
  });
});
