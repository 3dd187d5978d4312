/**
 * A scripted module calling a traced one, the TorchScript introduction's MyRNNLoop: `jit.script`
 * of an eager loop whose `cell` is `jit.trace(new MyCell(scriptedGate), [x, h])`. The loop's class
 * calls the traced cell's class (`prim::CallMethod`), which calls the scripted gate (its `if`
 * kept); parameters stay shared with the eager modules; the result runs on workers, saves, and
 * PyTorch 1.13 loads the archive with equal outputs. Then the reverse: WrapRNN traced around the
 * scripted loop. Also a scripted module held by a module being scripted, and a loaded one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nn from '@tsjit/nn';
import { manualSeed, torchOps as T, type Tensor } from '@tsjit/tensor';
import { afterAll, describe, expect, test } from 'vitest';
import { closeWorkers, load, type ScriptModule, save, script, torchscript, trace } from '../src/index.js';
import { torchRun, torchUnavailable } from './support/torch-oracle.js';

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
    const gated =
      this.dg instanceof nn.Module
        ? (this.dg.call(this.linear.call(x)) as Tensor)
        : (this.dg.forward(this.linear.call(x)) as Tensor);
    const newH = T.tanh(gated.add(h));
    return [newH, newH];
  }
}

class MyRNNLoop extends nn.Module {
  static torchscript = torchscript`
    def forward(self, xs: Tensor) -> Tuple[Tensor, Tensor]:
        h, y = torch.zeros(3, 4), torch.zeros(3, 4)
        for i in range(xs.size(0)):
            y, h = self.cell(xs[i], h)
        return y, h
  `;
  constructor(readonly cell: ScriptModule) {
    super();
  }
  override forward(xs: Tensor): [Tensor, Tensor] {
    let h = T.zeros([3, 4]);
    let y = T.zeros([3, 4]);
    for (let i = 0; i < (xs.sizes[0] as number); i++) [y, h] = this.cell.forward(T.select(xs, 0, i), h) as Tensor[];
    return [y as Tensor, h as Tensor];
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

const flat = (t: unknown) => (t as Tensor).toFlatArray() as number[];
const kinds = (g: { nodes(): Iterable<{ kind: string }> }) => [...g.nodes()].map((n) => n.kind);

/** The eager loop's outputs, each step through the eager cell with the eager gate. */
function eagerLoop(cell: MyCell, xs: Tensor): [Tensor, Tensor] {
  let h = T.zeros([3, 4]);
  let y = T.zeros([3, 4]);
  for (let i = 0; i < (xs.sizes[0] as number); i++) [y, h] = cell.forward(T.select(xs, 0, i), h);
  return [y, h];
}

function expectClose(got: unknown, want: Tensor[], what: string) {
  const g = got as Tensor[];
  expect(g, what).toHaveLength(want.length);
  g.forEach((t, k) => {
    const a = flat(t);
    const b = flat(want[k]);
    expect(a.length, what).toBe(b.length);
    a.forEach((v, i) => {
      expect(v, `${what} [${k}][${i}]`).toBeCloseTo(b[i] as number, 5);
    });
  });
}

describe('jit.script of a module holding a traced module (MyRNNLoop around the traced MyCell)', () => {
  manualSeed(0);
  const eagerGate = new MyDecisionGate();
  const eagerCell = new MyCell(eagerGate);
  const cell = new MyCell(script(eagerGate));
  cell.linear = eagerCell.linear;
  const [x, h] = [T.rand([3, 4]), T.rand([3, 4])];
  const tracedCell = trace(cell, [x, h]);
  const loop = new MyRNNLoop(tracedCell);
  const scripted = script(loop);
  const xs = T.randn([5, 3, 4]);

  test("the loop's class calls the traced cell's class, which calls the scripted gate", () => {
    expect(scripted.type.qualifiedName).toBe('__torch__.MyRNNLoop');
    const held = scripted.attr('cell') as ScriptModule;
    expect(held.type.qualifiedName).toBe('__torch__.MyCell');
    expect(scripted.type.findAttribute('cell')?.type.toString()).toBe('__torch__.MyCell');
    expect(scripted.code).toContain('for i in range(');
    expect(scripted.code).toContain('(cell).forward(');
    expect(kinds(scripted.graph)).toContain('prim::Loop');
    const inlined = String(scripted.inlinedGraph);
    expect(inlined).toContain('aten::linear');
    expect(inlined).toContain('prim::If');
    expect(scripted.namedModules().map(([n, m]) => [n, m.type.qualifiedName])).toEqual([
      ['', '__torch__.MyRNNLoop'],
      ['cell', '__torch__.MyCell'],
      ['cell.linear', '__torch__.torch.nn.modules.linear.Linear'],
      ['cell.dg', '__torch__.MyDecisionGate'],
    ]);
  });

  test('outputs match eager on inputs taking either branch of the gate', () => {
    for (const input of [xs, T.mul(xs, -100), T.mul(xs, 100)]) {
      expectClose(scripted.forward(input), eagerLoop(eagerCell, input), 'scripted loop');
    }
  });

  test('parameters are shared: the eager Linear, the traced cell and the scripted loop hold the same tensors', () => {
    const weight = eagerCell.linear.weight;
    expect(scripted.stateDict().get('cell.linear.weight')).toBe(weight);
    expect(tracedCell.stateDict().get('linear.weight')).toBe(weight);
    const before = flat((scripted.forward(xs) as Tensor[])[0]);
    T.add_(T.detach(weight), 0.5);
    try {
      const after = scripted.forward(xs) as Tensor[];
      expect(flat(after[0])).not.toEqual(before);
      expectClose(after, eagerLoop(eagerCell, xs), 'after the eager update');
    } finally {
      T.sub_(T.detach(weight), 0.5);
    }
  });

  test('runs on workers (forwardAsync) with the same outputs', async () => {
    try {
      const got = await scripted.forwardAsync(xs);
      expectClose(got, eagerLoop(eagerCell, xs), 'on a worker');
    } finally {
      await closeWorkers(scripted);
    }
  });

  const dir = mkdtempSync(join(tmpdir(), 'tsjit-script-calls-trace-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('saves and loads back with equal outputs', () => {
    const path = join(dir, 'loop.pt');
    save(scripted, path);
    const loaded = load(path);
    expect(loaded.code).toBe(scripted.code);
    expectClose(loaded.forward(xs), scripted.forward(xs) as Tensor[], 'loaded');
  });

  const why = torchUnavailable();
  // Skips only where /usr/bin/python3 has no torch (a user's machine); CI has PyTorch 1.13.
  test.skipIf(why !== undefined)('PyTorch 1.13 loads the archive and gives equal outputs on both branches', () => {
    const path = join(dir, 'loop-torch.pt');
    save(scripted, path);
    for (const input of [T.mul(xs, -100), T.mul(xs, 100)]) {
      const encoded = { tensor: { dtype: 'float32', shape: [5, 3, 4], values: flat(input) } };
      const theirs = torchRun(path, 'forward', [encoded]).result as { tuple: { tensor: { values: unknown[] } }[] };
      const got = theirs.tuple.map((t) => t.tensor.values.flat(4) as number[]);
      const ours = (scripted.forward(input) as Tensor[]).map(flat);
      expect(got).toHaveLength(2);
      got.forEach((values, k) => {
        expect(values).toHaveLength(ours[k]?.length ?? -1);
        values.forEach((v, i) => {
          expect(v).toBeCloseTo(ours[k]?.[i] as number, 5);
        });
      });
    }
  });

  describe('and the reverse: WrapRNN traced around the scripted loop', () => {
    const wrap = new WrapRNN(scripted);
    const traced = trace(wrap, [xs]);

    test('the loop stays a call with its control flow; outputs match eager', () => {
      expect(kinds(traced.graph)).toEqual(['prim::GetAttr', 'prim::CallMethod', 'prim::TupleUnpack', 'aten::relu']);
      expect(kinds(traced.inlinedGraph)).toContain('prim::Loop');
      // The gate's If sits in the loop's body block.
      expect(String(traced.inlinedGraph)).toContain('prim::If');
      for (const input of [xs, T.mul(xs, -100)]) {
        const [y] = eagerLoop(eagerCell, input);
        expectClose([traced.forward(input)], [T.relu(y)], 'traced WrapRNN');
      }
    });

    // Skips only where /usr/bin/python3 has no torch (a user's machine); CI has PyTorch 1.13.
    test.skipIf(why !== undefined)('its archive loads in PyTorch 1.13 with equal outputs', () => {
      const path = join(dir, 'wrap.pt');
      save(traced, path);
      const encoded = { tensor: { dtype: 'float32', shape: [5, 3, 4], values: flat(xs) } };
      const theirs = torchRun(path, 'forward', [encoded]).result as { tensor: { values: unknown[] } };
      const got = theirs.tensor.values.flat(4) as number[];
      const ours = flat(traced.forward(xs));
      expect(got).toHaveLength(ours.length);
      got.forEach((v, i) => {
        expect(v).toBeCloseTo(ours[i] as number, 5);
      });
    });
  });
});

describe('jit.script of modules holding scripted and loaded modules', () => {
  test('a held traced module that calls a scripted function: the function comes along (runs, saves, loads)', () => {
    const clamp = script('def clamp01(x: Tensor) -> Tensor:\n    return torch.clamp(x, 0.0, 1.0)\n') as unknown as {
      call(x: Tensor): Tensor;
    };
    class Squash extends nn.Module {
      override forward(x: Tensor): Tensor {
        return clamp.call(T.mul(x, 2));
      }
    }
    class Outer extends nn.Module {
      static torchscript = torchscript`
        def forward(self, x: Tensor) -> Tensor:
            return self.inner(x) + 1.0
      `;
      constructor(readonly inner: ScriptModule) {
        super();
      }
    }
    const inner = trace(new Squash(), [T.tensor([0.1, 0.2])]);
    expect(inner.code).toContain('clamp01(');
    const scripted = script(new Outer(inner));
    const x = T.tensor([-1, 0.25, 3]);
    expect(flat(scripted.forward(x))).toEqual([1, 1.5, 2]);
    const dir = mkdtempSync(join(tmpdir(), 'tsjit-script-holds-fn-'));
    try {
      save(scripted, join(dir, 'outer.pt'));
      expect(flat(load(join(dir, 'outer.pt')).forward(x))).toEqual([1, 1.5, 2]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  class Twice extends nn.Module {
    static torchscript = torchscript`
      def forward(self, x: Tensor) -> Tensor:
          return self.inner(self.proj(x)) * 2.0
    `;
    proj = new nn.Linear(4, 4);
    constructor(readonly inner: ScriptModule) {
      super();
    }
  }

  test('a scripted submodule: jit.script(scriptModule) is the module itself, and the wrapper calls it', () => {
    manualSeed(3);
    const gate = script(new MyDecisionGate());
    expect(script(gate)).toBe(gate);
    const eager = new Twice(gate);
    const scripted = script(eager);
    const x = T.randn([2, 4]);
    for (const input of [x, T.mul(x, -10)]) {
      const inner = eager.proj.call(input);
      const want = T.mul(T.gt(T.sum(inner), 0).item() ? inner : T.neg(inner), 2);
      expectClose([scripted.forward(input)], [want], 'scripted wrapper');
    }
    // The wrapper's own Linear and the held gate: two classes, neither renamed.
    expect(scripted.namedModules().map(([n, m]) => [n, m.type.qualifiedName])).toEqual([
      ['', '__torch__.Twice'],
      ['proj', '__torch__.torch.nn.modules.linear.Linear'],
      ['inner', '__torch__.MyDecisionGate'],
    ]);
  });

  test("a loaded submodule whose Linear class has the wrapper's Linear's name: the wrapper's is mangled", () => {
    manualSeed(4);
    const dir = mkdtempSync(join(tmpdir(), 'tsjit-script-holds-loaded-'));
    try {
      const path = join(dir, 'mlp.pt');
      save(script(new nn.Sequential(new nn.Linear(4, 4), new nn.ReLU())), path);
      const loaded = load(path);
      const eager = new Twice(loaded);
      const scripted = script(eager);
      const x = T.randn([2, 4]);
      expectClose([scripted.forward(x)], [T.mul(loaded.forward(eager.proj.call(x)) as Tensor, 2)], 'wrapper');
      const types = new Map(scripted.namedModules().map(([n, m]) => [n, m.type.qualifiedName]));
      expect(types.get('inner.0')).toBe('__torch__.torch.nn.modules.linear.Linear');
      expect(types.get('proj')).toBe('__torch__.torch.nn.modules.linear.___torch_mangle_0.Linear');
      const back = join(dir, 'twice.pt');
      save(scripted, back);
      expectClose([load(back).forward(x)], [scripted.forward(x) as Tensor], 'saved and loaded');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
