import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { torchLoad, torchSave } from '@tsjit/serialize';
import { manualSeed, type Tensor } from '@tsjit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCase, cases, fixtureDir, io, runCase } from './nn-b-fixtures.js';
import { expectTensorsClose } from './tensor-compare.js';

const python = '/usr/bin/python3';
const noTorch = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' }).status !== 0;

// PyTorch builds each case's module as tooling/fixtures/gen_nn_b_fixtures.py does, loads tsjit's
// state dict strictly, and runs the case's inputs (dropout reseeded as the goldens were).
const PYTHON = `
import json, sys, torch, torch.nn as nn
fixtures, ours, out = sys.argv[1], sys.argv[2], sys.argv[3]
cases = json.load(open(fixtures + '/cases.json'))['cases']
io = torch.load(fixtures + '/io.pt')
states = torch.load(ours)
def tensors(kwargs):
    return {k: (torch.tensor(v) if isinstance(v, list) else v) for k, v in kwargs.items()}
def flatten(v):
    if v is None or isinstance(v, torch.Tensor):
        return [v]
    return [x for item in v for x in flatten(item)]
results = {}
for c in cases:
    if c['name'] not in states:
        continue
    if 'stack' in c:
        s = c['stack']
        layer = getattr(nn, s['layer'])(*s['args'], **s['kwargs'])
        norm = nn.LayerNorm(s['args'][0]) if s['norm'] else None
        model = getattr(nn, c['class'])(layer, s['num_layers'], norm=norm)
    else:
        model = getattr(nn, c['class'])(*c['args'], **tensors(c['kwargs']))
    result = model.load_state_dict(states[c['name']], strict=True)
    assert not result.missing_keys and not result.unexpected_keys, result
    model.train(c['train'])
    case_io = io[c['name']]
    torch.manual_seed(c['seed'] + 2000)
    with torch.no_grad():
        y = model(*case_io['inputs'], **case_io['tensor_kwargs'], **c['forward_kwargs'])
    results[c['name']] = flatten(y)
torch.save(results, out)
`;

// PyTorch (at /usr/bin/python3) is the oracle here: without it there is nothing to load our files with.
describe.skipIf(noTorch)(
  "nn-b: tsjit's state dicts (torchSave) load strictly in PyTorch 1.13 and give our outputs",
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsjit-nn-b-sd-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('every case with parameters or buffers', () => {
      const withState = cases.filter((c) => c.has_state);
      const states = new Map<string, Map<string, Tensor>>();
      const ours = new Map<string, (Tensor | null)[]>();
      for (const c of withState) {
        // Weights of tsjit's own drawing (another seed than the goldens').
        manualSeed(c.seed + 555);
        const m = buildCase(c).train(c.train);
        states.set(c.name, m.stateDict());
        ours.set(c.name, runCase(m, c, io[c.name]));
      }
      torchSave(states, { path: join(dir, 'states.pt') });
      const run = spawnSync(python, ['-c', PYTHON, fixtureDir, join(dir, 'states.pt'), join(dir, 'out.pt')], {
        encoding: 'utf8',
        // Not under the temp dir: a stray module there would shadow Python's standard library.
        cwd: dirname(fileURLToPath(import.meta.url)),
      });
      expect(run.status, run.stderr).toBe(0);
      const back = torchLoad(join(dir, 'out.pt')) as Record<string, (Tensor | null)[]>;
      expect(Object.keys(back).sort()).toEqual(withState.map((c) => c.name).sort());
      for (const c of withState) {
        const theirs = back[c.name];
        const mine = ours.get(c.name) as (Tensor | null)[];
        expect(mine.length, c.name).toBe(theirs.length);
        theirs.forEach((t, i) => {
          if (t === null) expect(mine[i], c.name).toBeNull();
          else expectTensorsClose(mine[i], t, 1e-4, `${c.name} output ${i}`);
        });
      }
    });
  },
);
