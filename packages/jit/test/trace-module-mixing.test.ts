/**
 * Mixing tracing and scripting with modules, the TorchScript introduction's example: a scripted
 * MyDecisionGate (data-dependent `if`) held by an eager MyCell that is traced: the trace keeps the
 * call (`prim::CallMethod` on the scripted gate), so the branch is not baked in; outputs match eager
 * on both branches; the archive loads in PyTorch 1.13 with equal outputs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nn from '@tsjit/nn';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { afterAll, afterEach, beforeEach, describe, expect, type MockInstance, test, vi } from 'vitest';
import { type ScriptModule, save, script, torchscript, trace } from '../src/index.js';
import { torchRun, torchUnavailable } from './support/torch-oracle.js';

let emit: MockInstance<typeof process.emitWarning>;
beforeEach(() => {
  emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
});
afterEach(() => {
  emit.mockRestore();
});

class MyDecisionGate extends nn.Module {
  static torchscript = torchscript`
    def forward(self, x: Tensor) -> Tensor:
        if bool(x.sum() > 0):
            return x
        else:
            return -x
  `;
  override forward(x: Tensor): Tensor {
    return (T.sum(x).item() as number) > 0 ? x : T.neg(x);
  }
}

class MyCell extends nn.Module {
  linear = new nn.Linear(4, 4);
  constructor(readonly dg: nn.Module | ScriptModule) {
    super();
  }
  override forward(x: Tensor, h: Tensor): [Tensor, Tensor] {
    const gate = this.dg as { call?: (x: Tensor) => Tensor; forward: (x: Tensor) => unknown };
    const gated = (gate.call ? gate.call(this.linear.call(x)) : gate.forward(this.linear.call(x))) as Tensor;
    const newH = T.tanh(gated.add(h));
    return [newH, newH];
  }
}

const flat = (t: unknown) => (t as Tensor).toFlatArray() as number[];
const kinds = (g: { nodes(): Iterable<{ kind: string }> }) => [...g.nodes()].map((n) => n.kind);

describe('a trace calling a scripted module (MyCell with a scripted MyDecisionGate)', () => {
  const eagerGate = new MyDecisionGate();
  const scriptedGate = script(eagerGate) as ScriptModule;
  const cell = new MyCell(scriptedGate);
  const eager = new MyCell(eagerGate);
  eager.linear = cell.linear;
  const [x, h] = [T.rand([3, 4]), T.rand([3, 4])];
  const traced = trace(cell, [x, h]);

  test('the call is kept: no TracerWarning, the If lives in the gate', () => {
    expect(emit).not.toHaveBeenCalled();
    expect(kinds(traced.graph)).toContain('prim::CallMethod');
    expect(traced.code).toContain('(dg).forward(');
    expect(kinds((traced.attr('dg') as ScriptModule).graph)).toContain('prim::If');
    expect(kinds(traced.inlinedGraph)).toContain('prim::If');
  });

  test('both branches match eager', () => {
    for (const input of [x, x.mul(-100), x.mul(100)]) {
      const got = traced.forward(input, h) as Tensor[];
      const want = eager.forward(input, h);
      expect(flat(got[0])).toEqual(flat(want[0]));
    }
  });

  const dir = mkdtempSync(join(tmpdir(), 'tsjit-trace-mixing-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const why = torchUnavailable();
  // Skips only where /usr/bin/python3 has no torch (a user's machine); CI has PyTorch 1.13.
  test.skipIf(why !== undefined)('its archive loads in PyTorch 1.13 with equal outputs on both branches', () => {
    const path = join(dir, 'cell.pt');
    save(traced, path);
    for (const input of [x.mul(-100), x.mul(100)]) {
      const enc = (t: Tensor) => ({ tensor: { dtype: 'float32', shape: [3, 4], values: flat(t) } });
      const theirs = torchRun(path, 'forward', [enc(input), enc(h)]).result as {
        tuple: { tensor: { values: unknown[] } }[];
      };
      const got = theirs.tuple.map((t) => t.tensor.values.flat(4) as number[]);
      const ours = (traced.forward(input, h) as Tensor[]).map(flat);
      expect(got).toHaveLength(2);
      got.forEach((values, k) => {
        expect(values).toHaveLength(ours[k]?.length ?? -1);
        values.forEach((v, i) => {
          expect(v).toBeCloseTo(ours[k]?.[i] as number, 5);
        });
      });
    }
  });
});

/** The introduction's loop, scripted (its cell a scripted user module), held by an eager WrapRNN that is traced. */
class ScriptedCell extends nn.Module {
  static torchscript = torchscript`
    def forward(self, x: Tensor, h: Tensor) -> Tuple[Tensor, Tensor]:
        new_h = torch.tanh(self.dg(self.linear(x)) + h)
        return new_h, new_h
  `;
  dg = new MyDecisionGate();
  linear = new nn.Linear(4, 4);
  override forward(x: Tensor, h: Tensor): [Tensor, Tensor] {
    const newH = T.tanh(this.dg.call(this.linear.call(x)).add(h));
    return [newH, newH];
  }
}

class MyRNNLoop extends nn.Module {
  static torchscript = torchscript`
    def forward(self, xs: Tensor) -> Tuple[Tensor, Tensor]:
        h = torch.zeros([3, 4])
        y = torch.zeros([3, 4])
        for i in range(xs.size(0)):
            y, h = self.cell(xs[i], h)
        return y, h
  `;
  cell = new ScriptedCell();
  override forward(xs: Tensor): [Tensor, Tensor] {
    let h = T.zeros([3, 4]);
    let y = T.zeros([3, 4]);
    for (let i = 0; i < xs.sizes[0]; i++) [y, h] = this.cell.call(T.select(xs, 0, i), h);
    return [y, h];
  }
}

class WrapRNN extends nn.Module {
  constructor(readonly loop: ScriptModule) {
    super();
  }
  override forward(xs: Tensor): Tensor {
    const [y] = this.loop.forward(xs) as Tensor[];
    return T.relu(y as Tensor);
  }
}

describe('WrapRNN traced around a scripted loop', () => {
  const eagerLoop = new MyRNNLoop();
  const wrap = new WrapRNN(script(eagerLoop) as ScriptModule);
  const xs = T.rand([10, 3, 4]);
  const traced = trace(wrap, [xs]);

  test('the loop stays a call; the traced module matches eager on other inputs', () => {
    expect(emit).not.toHaveBeenCalled();
    expect(kinds(traced.graph)).toEqual(['prim::GetAttr', 'prim::CallMethod', 'prim::TupleUnpack', 'aten::relu']);
    expect(kinds(traced.inlinedGraph)).toContain('prim::Loop');
    for (const input of [xs, T.rand([5, 3, 4]).mul(-1)]) {
      const [y] = eagerLoop.forward(input);
      expect(flat(traced.forward(input))).toEqual(flat(T.relu(y)));
    }
  });

  const dir = mkdtempSync(join(tmpdir(), 'tsjit-trace-wraprnn-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const why = torchUnavailable();
  // Skips only where /usr/bin/python3 has no torch (a user's machine); CI has PyTorch 1.13.
  test.skipIf(why !== undefined)('its archive loads in PyTorch 1.13 with equal outputs', () => {
    const path = join(dir, 'wrap.pt');
    save(traced, path);
    const input = T.rand([6, 3, 4]);
    const encoded = { tensor: { dtype: 'float32', shape: [6, 3, 4], values: flat(input) } };
    const theirs = torchRun(path, 'forward', [encoded]).result as { tensor: { values: unknown[] } };
    const got = theirs.tensor.values.flat(4) as number[];
    const ours = flat(traced.forward(input));
    expect(got).toHaveLength(ours.length);
    got.forEach((v, i) => {
      expect(v).toBeCloseTo(ours[i] as number, 5);
    });
  });
});
