/**
 * Tracing nn.Module trees (torch.jit.trace(module) / trace_module): classes mirroring the tree,
 * parameters read with prim::GetAttr, submodules called with prim::CallMethod and traced into
 * their own forward (as PyTorch 1.13's traced modules print them), parameters shared with the
 * eager module, archives PyTorch loads with equal outputs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { noGrad } from '@tsjit/autodiff';
import * as nn from '@tsjit/nn';
import { type Tensor, torchOps as torch } from '@tsjit/tensor';
import { afterAll, afterEach, beforeEach, describe, expect, type MockInstance, test, vi } from 'vitest';
import { type ScriptModule, save, trace, traceModule } from '../src/index.js';
import { torchRun, torchUnavailable } from './support/torch-oracle.js';

let emit: MockInstance<typeof process.emitWarning>;
beforeEach(() => {
  emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
});
afterEach(() => {
  emit.mockRestore();
});

class Net extends nn.Module {
  fc1 = new nn.Linear(4, 3);
  fc2 = new nn.Linear(3, 2);
  override forward(x: Tensor): Tensor {
    return this.fc2.call(this.fc1.call(x).relu());
  }
  scaled(x: Tensor): Tensor {
    return this.fc1.call(x).mul(2);
  }
}

class MyDecisionGate extends nn.Module {
  override forward(x: Tensor): Tensor {
    return Number(x.sum()) > 0 ? x : x.neg();
  }
}

class MyCell extends nn.Module {
  dg = new MyDecisionGate();
  linear = new nn.Linear(4, 4);
  override forward(x: Tensor, h: Tensor): [Tensor, Tensor] {
    const newH = this.dg.call(this.linear.call(x)).add(h).tanh();
    return [newH, newH];
  }
}

const kinds = (g: { nodes(): Iterable<{ kind: string }> }) => [...g.nodes()].map((n) => n.kind);
const flat = (t: unknown) => (t as Tensor).toFlatArray() as number[];

describe('jit.trace(module)', () => {
  test('the traced module mirrors the tree, calls submodules, and matches eager', () => {
    const net = new Net();
    const x = torch.randn([5, 4]);
    const traced = trace(net, [x]);
    expect(flat(traced.forward(x))).toEqual(flat(net.forward(x)));
    // PyTorch 1.13: %fc1 = prim::GetAttr[name="fc1"](%self.1); %x = prim::CallMethod[name="forward"](%fc1, %x.1) ...
    expect(kinds(traced.graph)).toEqual([
      'prim::GetAttr',
      'prim::GetAttr',
      'prim::CallMethod',
      'aten::relu',
      'prim::CallMethod',
    ]);
    expect(traced.code).toContain('fc2 = self.fc2\n  fc1 = self.fc1');
    expect(traced.graph.toString()).toContain('prim::CallMethod[name="forward"]');
    expect(traced.type.qualifiedName).toBe('__torch__.Net');
    const fc1 = traced.attr('fc1') as ScriptModule;
    const fc2 = traced.attr('fc2') as ScriptModule;
    // One class per traced instance (PyTorch traces with share_types=False): the second Linear is mangled.
    expect(fc1.type.qualifiedName).toBe('__torch__.torch.nn.modules.linear.Linear');
    expect(fc2.type.qualifiedName).toBe('__torch__.torch.nn.modules.linear.___torch_mangle_0.Linear');
    expect(kinds(fc1.graph)).toEqual(['prim::GetAttr', 'prim::GetAttr', 'aten::linear']);
    expect(kinds(traced.inlinedGraph).filter((k) => k.startsWith('aten::'))).toEqual([
      'aten::linear',
      'aten::relu',
      'aten::linear',
    ]);
    expect(traced.code).toContain('self.fc1');
    expect(traced.code).toContain('.forward(');
    expect(fc1.code).toContain('torch.linear(');
    expect(emit).not.toHaveBeenCalled();
  });

  test('parameters are shared with the eager module', () => {
    const net = new Net();
    const x = torch.randn([2, 4]);
    const traced = trace(net, [x]);
    noGrad(() => net.fc2.bias?.add_(1));
    expect(flat(traced.forward(x))).toEqual(flat(net.forward(x)));
    expect(traced.namedParameters().map(([n]) => n)).toEqual(['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']);
  });

  test('traceModule traces several methods', () => {
    const net = new Net();
    const x = torch.randn([3, 4]);
    const traced = traceModule(net, { forward: [x], scaled: [x] });
    expect(traced.methodNames).toEqual(expect.arrayContaining(['forward', 'scaled']));
    expect(flat(traced.runMethod('scaled', x))).toEqual(flat(net.scaled(x)));
    expect(flat(traced.forward(x))).toEqual(flat(net.forward(x)));
  });

  test('forwardAsync runs the traced module on a worker', async () => {
    const net = new Net();
    const x = torch.randn([3, 4]);
    const traced = trace(net, [x]);
    expect(flat(await traced.forwardAsync(x))).toEqual(flat(net.forward(x)));
  });

  test('Sequential: each child traced, called in order', () => {
    const seq = new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.Linear(8, 2));
    const x = torch.randn([2, 4]);
    const traced = trace(seq, x);
    expect(flat(traced.forward(x))).toEqual(flat(seq.forward(x)));
    expect(kinds(traced.graph).filter((k) => k === 'prim::CallMethod')).toHaveLength(3);
    expect(traced.type.qualifiedName).toBe('__torch__.torch.nn.modules.container.Sequential');
  });

  test('MyCell: the data-dependent gate warns once, is baked in, and checkInputs catches the other branch', () => {
    const cell = new MyCell();
    const [x, h] = [torch.rand([3, 4]), torch.rand([3, 4])];
    const traced = trace(cell, [x, h]);
    const warnings = emit.mock.calls.filter((c) => (c[1] as { type?: string } | undefined)?.type === 'TracerWarning');
    expect(warnings.length).toBe(1);
    expect(String(warnings[0]?.[0])).toContain('trace-module.test.ts');
    const dg = traced.attr('dg') as ScriptModule;
    expect(kinds(dg.graph)).not.toContain('prim::If');
    const out = traced.forward(x, h) as Tensor[];
    const want = cell.forward(x, h);
    expect(flat(out[0])).toEqual(flat(want[0]));
    emit.mockClear();
    // An input whose gate takes the other branch: outputs diverge, as PyTorch's check reports.
    const positive = (t: Tensor) => Number(noGrad(() => cell.linear.forward(t).sum())) > 0;
    const other = [-100, 100].map((s) => x.mul(s)).find((t) => positive(t) !== positive(x)) as Tensor;
    trace(cell, [x, h], { checkInputs: [[other, h]] });
    const texts = emit.mock.calls.map((c) => String(c[0]));
    expect(texts.some((t) => t.includes('Output nr 1. of the traced function does not match'))).toBe(true);
  });

  const dir = mkdtempSync(join(tmpdir(), 'tsjit-trace-module-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const why = torchUnavailable();
  // Skips only where /usr/bin/python3 has no torch (a user's machine); CI has PyTorch 1.13.
  test.skipIf(why !== undefined)('a saved traced module loads in PyTorch 1.13 with equal outputs', () => {
    const net = new Net();
    const x = torch.randn([2, 4]);
    const traced = traceModule(net, { forward: [x], scaled: [x] });
    const path = join(dir, 'net.pt');
    save(traced, path);
    const encoded = { tensor: { dtype: 'float32', shape: [2, 4], values: flat(x) } };
    for (const method of ['forward', 'scaled']) {
      const theirs = torchRun(path, method, [encoded]).result as { tensor: { values: unknown[] } };
      const got = theirs.tensor.values.flat(4) as number[];
      const ours = flat(traced.runMethod(method, x));
      expect(got).toHaveLength(ours.length);
      got.forEach((v, i) => {
        expect(v).toBeCloseTo(ours[i] as number, 5);
      });
    }
  });
});
