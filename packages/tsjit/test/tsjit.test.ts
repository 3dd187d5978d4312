import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jit, nn, optim, type Tensor, torch } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'tsjit-umbrella-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function maxAbsDiff(a: Tensor, b: Tensor): number {
  return torch.max(torch.abs(torch.sub(a, b))).item() as number;
}

describe('tsjit namespaces', () => {
  it('torch: creation, ops, dtypes and autograd, installed by the import', () => {
    const x = torch.tensor([1, 2, 3], { dtype: torch.float32, requiresGrad: true });
    const y = torch.sum(torch.mul(x, x));
    y.backward();
    expect(x.grad?.toArray()).toEqual([2, 4, 6]);
    expect(torch.zeros([2, 3]).sizes).toEqual([2, 3]);
    expect(torch.ones([2], { dtype: torch.long }).dtype).toBe('int64');
    const [g] = torch.autograd.grad([torch.sum(torch.exp(x))], [x]);
    expect(maxAbsDiff(g as Tensor, torch.exp(x))).toBe(0);
    expect(torch.noGrad(() => torch.mul(x, 2)).requiresGrad).toBe(false);
    expect('matmul' in torch && 'manualSeed' in torch).toBe(true);
    torch.manualSeed(0);
    const a = torch.randn([3]).toArray();
    torch.manualSeed(0);
    expect(torch.randn([3]).toArray()).toEqual(a);
  });

  it('torch.save / torch.load round-trip a state dict', () => {
    torch.manualSeed(1);
    const model = new nn.Linear(3, 2);
    const path = join(dir, 'state.pt');
    torch.save(model.stateDict(), path);
    const loaded = torch.load(path) as Map<string, Tensor>;
    const copy = new nn.Linear(3, 2);
    copy.loadStateDict(loaded);
    const x = torch.randn([4, 3]);
    expect(maxAbsDiff(copy.call(x), model.call(x))).toBe(0);
  });

  it('end to end: train a tiny model with nn and optim, script it, save, load and compare', () => {
    torch.manualSeed(2);
    const x = torch.randn([64, 2]);
    // A linearly separable target: the label is whether x0 + x1 > 0.
    const labels = torch.gt(torch.sum(x, 1), 0).to(torch.long);
    const model = new nn.Sequential(new nn.Linear(2, 8), new nn.Tanh(), new nn.Linear(8, 2));
    const optimizer = new optim.Adam(model.parameters(), { lr: 0.05 });
    const lossFn = new nn.CrossEntropyLoss();
    const first = (lossFn.call(model.call(x), labels) as Tensor).item() as number;
    let last = first;
    for (let step = 0; step < 100; step++) {
      optimizer.zeroGrad();
      const loss = lossFn.call(model.call(x), labels) as Tensor;
      loss.backward();
      optimizer.step();
      last = loss.item() as number;
    }
    expect(last).toBeLessThan(first / 4);
    model.eval();
    const scripted = jit.script(model);
    expect(scripted.code).toContain('def forward');
    const path = join(dir, 'model.pt');
    jit.save(scripted, path);
    const loaded = jit.load(path);
    const eager = torch.noGrad(() => model.call(x));
    expect(maxAbsDiff(loaded.forward(x) as Tensor, eager)).toBeLessThan(1e-6);
    const accuracy = (torch.sum(torch.eq(torch.argmax(eager, 1), labels)).item() as number) / 64;
    expect(accuracy).toBeGreaterThan(0.9);
  });

  it('jit.trace records a function and nn.functional / nn.init are reachable', () => {
    torch.manualSeed(3);
    const w = torch.empty([4, 3]);
    nn.init.xavierUniform_(w);
    const f = (x: Tensor) => nn.functional.relu(torch.matmul(x, w));
    const traced = jit.trace(f, [torch.randn([2, 4])]);
    expect(traced.graph.toString()).toContain('aten::relu');
    const x = torch.randn([5, 4]);
    expect(maxAbsDiff(traced.call(x) as Tensor, f(x))).toBe(0);
  });
});
