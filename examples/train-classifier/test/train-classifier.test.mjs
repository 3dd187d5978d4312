/**
 * The train-classifier example, shortened (fewer samples and epochs): both models still reach
 * 95% training accuracy, their TorchScript archives load back with the same predictions, and
 * PyTorch 1.13 loads them with the same predictions too (where it is installed).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noGrad } from '@tsjit/autodiff';
import { torchOps as T } from '@tsjit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCnn, buildMlp, CLASSES, evaluate, exportAndCheck, makeDataset, train } from '../src/classifier.mjs';

const PYTHON = '/usr/bin/python3';
const torchMissing = !existsSync(PYTHON)
  ? `${PYTHON} is missing`
  : spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status !== 0
    ? `${PYTHON} has no torch`
    : undefined;

/** PyTorch's predictions (argmax of the loaded archive's forward) on the images given as JSON. */
function torchPredictions(path, images) {
  const program = [
    'import json, sys, torch',
    'data = json.load(sys.stdin)',
    'x = torch.tensor(data["values"], dtype=torch.float32).reshape(data["shape"])',
    'm = torch.jit.load(sys.argv[1])',
    'with torch.no_grad():',
    '    print(json.dumps(m(x).argmax(1).tolist()))',
  ].join('\n');
  const input = JSON.stringify({ shape: images.sizes, values: images.toFlatArray() });
  // Not run with cwd /tmp: a stray /tmp/dis.py there shadows Python's standard library.
  const out = execFileSync(PYTHON, ['-c', program, path], { input, cwd: import.meta.dirname, encoding: 'utf8' });
  return JSON.parse(out);
}

describe('train-classifier example (shortened)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'train-classifier-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const data = makeDataset({ samples: 600, seed: 0 });

  it('generates a balanced, seeded dataset', () => {
    expect(data.images.sizes).toEqual([600, 1, 16, 16]);
    const counts = new Array(CLASSES).fill(0);
    for (const label of data.labels.toFlatArray()) counts[Number(label)]++;
    expect(counts).toEqual(new Array(CLASSES).fill(60));
    const again = makeDataset({ samples: 600, seed: 0 });
    expect(again.images.toFlatArray()).toEqual(data.images.toFlatArray());
    expect(again.labels.toFlatArray()).toEqual(data.labels.toFlatArray());
    expect(makeDataset({ samples: 600, seed: 1 }).images.toFlatArray()).not.toEqual(data.images.toFlatArray());
  });

  for (const [name, build] of [
    ['mlp', buildMlp],
    ['cnn', buildCnn],
  ]) {
    it(`${name}: at least 95% training accuracy, saved and loaded back with the same predictions`, () => {
      const model = build();
      const before = evaluate(model, data);
      const result = train(model, data, { label: name, epochs: 6, target: 0.95, silent: true });
      expect(before).toBeLessThan(0.5);
      expect(result.accuracy).toBeGreaterThanOrEqual(0.95);
      const path = join(dir, `${name}.pt`);
      const check = exportAndCheck(model, data, path);
      expect(check.agree).toBe(check.total);
      expect(check.code).toContain('def forward(self,');
      // PyTorch 1.13 is the oracle for the archive; without it (torchMissing says why) only tsjit's load is checked.
      if (torchMissing === undefined) {
        const ours = noGrad(() => T.argmax(model.call(data.images), 1).toFlatArray().map(Number));
        expect(torchPredictions(path, data.images)).toEqual(ours);
      }
    });
  }
});
