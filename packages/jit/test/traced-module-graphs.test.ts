/**
 * The graphs of traced modules as PyTorch 1.13 prints them (goldens from
 * tooling/fixtures/gen_traced_module_graphs.py): `.graph` and `.inlinedGraph` show the trace, each
 * tensor typed as seen at trace time (`Float(2, 3, strides=[3, 1], requires_grad=1, device=cpu)`),
 * attribute reads named after their attributes, submodule calls returning plain `Tensor`, each
 * call of a submodule called twice its own method, nodes recorded in a submodule marked with its
 * scope (`, scope: __module.s/__module.s.l`). Compared after dropping source comments, PyTorch's mangling of class names (it traced several modules in one
 * process) and value names (renumbered in order of first appearance). `.code` is unchanged: it is
 * the archive's code.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installAutograd, isAutogradInstalled, uninstallAutograd } from '@tsjit/autodiff';
import * as nn from '@tsjit/nn';
import { torchOps as T, type Tensor } from '@tsjit/tensor';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { load, type ScriptModule, save, script, torchscript, trace } from '../src/index.js';

const goldens = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'traced-module-graphs.json'), 'utf8'))
  .cases as Record<string, Record<string, string>>;

/** The graph text without what a JS tracer cannot match (see the file comment). */
function normalize(text: string): string {
  const names = new Map<string, string>();
  return text
    .split('\n')
    .map((line) => line.replace(/ # .*$/, ''))
    .join('\n')
    .replace(/___torch_mangle_\d+\./g, '')
    .replace(/%[\w.]+/g, (name) => {
      let canonical = names.get(name);
      if (canonical === undefined) names.set(name, (canonical = `%v${names.size}`));
      return canonical;
    })
    .trim();
}

class Sub extends nn.Module {
  l = new nn.Linear(4, 3);
  override forward(x: Tensor): Tensor {
    return T.relu(this.l.call(x));
  }
}

class M extends nn.Module {
  s = new Sub();
  override forward(x: Tensor, y: Tensor): Tensor {
    return T.add(this.s.call(x), y.mul(2));
  }
}

class MyDecisionGate extends nn.Module {
  static torchscript = torchscript`
    def forward(self, x: Tensor) -> Tensor:
        if bool(x.sum() > 0):
            return x
        else:
            return -x
  `;
}

class MyCell extends nn.Module {
  linear = new nn.Linear(4, 4);
  constructor(readonly dg: ScriptModule) {
    super();
  }
  override forward(x: Tensor, h: Tensor): [Tensor, Tensor] {
    const newH = T.tanh(T.add(this.dg.forward(this.linear.call(x)) as Tensor, h));
    return [newH, newH];
  }
}

class Sub2 extends nn.Module {
  l = new nn.Linear(3, 3);
  override forward(x: Tensor): Tensor {
    return T.relu(this.l.call(x));
  }
}

class Twice extends nn.Module {
  s = new Sub2();
  override forward(x: Tensor): Tensor {
    return this.s.call(this.s.call(x));
  }
}

// Parameters require grad as in PyTorch only with the autograd engine (the `tsjit` umbrella installs it).
let installedHere = false;
beforeAll(() => {
  if (!isAutogradInstalled()) {
    installAutograd();
    installedHere = true;
  }
});
afterAll(() => {
  if (installedHere) uninstallAutograd();
});

describe("traced graphs print as PyTorch's", () => {
  const child = (m: ScriptModule, name: string) => m.attr(name) as ScriptModule;

  test('a traced function', () => {
    const f = trace((x: Tensor, y: Tensor) => T.relu(x.add(y)).sum(0), [T.ones([3, 4]), T.ones([3, 4])]);
    expect(normalize(String(f.graph))).toBe(normalize(goldens.fn?.graph as string));
    expect(normalize(String(f.inlinedGraph))).toBe(normalize(goldens.fn?.inlined_graph as string));
  });

  test('a module with a submodule holding a Linear: graph, inlined graph, the submodules graphs', () => {
    const m = trace(new M(), [T.ones([2, 4]), T.ones([2, 3])]);
    const golden = goldens.module as Record<string, string>;
    expect(normalize(String(m.graph))).toBe(normalize(golden.graph as string));
    expect(normalize(String(m.inlinedGraph))).toBe(normalize(golden.inlined_graph as string));
    expect(normalize(String(child(m, 's').graph))).toBe(normalize(golden.s_graph as string));
    expect(normalize(String(child(child(m, 's'), 'l').graph))).toBe(normalize(golden.s_l_graph as string));
    // The trace's types, not the recompiled code's.
    expect(String(m.graph)).toContain('%x : Float(2, 4, strides=[4, 1], requires_grad=0, device=cpu)');
    // PyTorch 1.13 prints this code for the same module.
    expect(m.code).toBe(
      'def forward(self,\n    x: Tensor,\n    y: Tensor) -> Tensor:\n  s = self.s\n' +
        '  _0 = torch.add((s).forward(x, ), torch.mul(y, CONSTANTS.c0))\n  return _0\n',
    );
  });

  test('a cell calling a scripted gate (a tuple output)', () => {
    const cell = trace(new MyCell(script(new MyDecisionGate())), [T.ones([3, 4]), T.ones([3, 4])]);
    const golden = goldens.cell_with_scripted_gate as Record<string, string>;
    expect(normalize(String(cell.graph))).toBe(normalize(golden.graph as string));
    expect(normalize(String(child(cell, 'linear').graph))).toBe(normalize(golden.linear_graph as string));
  });

  test('a submodule called twice: forward and forward1, each its own trace', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const t = trace(new Twice(), [T.ones([2, 3])]);
      const golden = goldens.twice as Record<string, string>;
      expect(normalize(String(t.graph))).toBe(normalize(golden.graph as string));
      expect(normalize(String(child(t, 's').graph))).toBe(normalize(golden.s_graph as string));
      expect(normalize(String(child(t, 's').method('forward1').graph))).toBe(
        normalize(golden.s_forward1_graph as string),
      );
    } finally {
      emit.mockRestore();
    }
  });

  test('a submodule returning a tuple: scopes on its nodes, the unpacked call in the caller', () => {
    class Pair extends nn.Module {
      override forward(x: Tensor): [Tensor, Tensor] {
        return [T.mul(x.sum(0), 2), x.view(-1)];
      }
    }
    class UsesPair extends nn.Module {
      s = new Pair();
      override forward(x: Tensor): [Tensor, Tensor] {
        const [a, b] = this.s.call(x) as [Tensor, Tensor];
        return [T.add(a, 1), b];
      }
    }
    const m = trace(new UsesPair(), [T.ones([2, 3])]);
    const golden = goldens.tuple_submodule as Record<string, string>;
    expect(normalize(String(child(m, 's').graph))).toBe(normalize(golden.s_graph as string));
    expect(normalize(String(m.graph))).toBe(normalize(golden.graph as string));
    expect(normalize(String(m.inlinedGraph))).toBe(normalize(golden.inlined_graph as string));
  });

  test('a Sequential: numbered children read as %_0, %_1, last first', () => {
    const seq = trace(new nn.Sequential(new nn.Linear(2, 2), new nn.ReLU()), [T.ones([1, 2])]);
    const golden = goldens.sequential as Record<string, string>;
    expect(normalize(String(seq.graph))).toBe(normalize(golden.graph as string));
    expect(normalize(String(seq.inlinedGraph))).toBe(normalize(golden.inlined_graph as string));
    expect(String(seq.graph)).toContain('%_0 : __torch__.torch.nn.modules.linear.Linear = prim::GetAttr[name="0"]');
  });

  test('a traced module saved and loaded back shows the recompiled graph (plain Tensor), as in PyTorch', () => {
    const m = trace(new M(), [T.ones([2, 4]), T.ones([2, 3])]);
    const dir = mkdtempSync(join(tmpdir(), 'tsjit-traced-graphs-'));
    let loaded: ScriptModule;
    try {
      save(m, join(dir, 'm.pt'));
      loaded = load(join(dir, 'm.pt'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(String(loaded.graph)).toContain('%x.1 : Tensor');
    expect(loaded.code).toBe(m.code);
  });
});
