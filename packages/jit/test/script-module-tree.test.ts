/**
 * jit.script(module): nn.Module trees of built-in layers, containers and user classes with their
 * own TorchScript, scripted into ScriptModules that run like the eager modules, print their graph
 * and code, share the eager tensors, and save archives PyTorch 1.13 loads with equal outputs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as nn from '@tsjit/nn';
import { manualSeed, torchOps as T, type Tensor } from '@tsjit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { load } from '../src/load/load.js';
import { save } from '../src/save/save.js';
import { script } from '../src/script.js';
import { inferAttributeType, torchscript } from '../src/script-module-tree/torchscript.js';
import { closeWorkers } from '../src/workers/index.js';
import { torchRun, torchUnavailable } from './support/torch-oracle.js';

function expectClose(actual: unknown, expected: unknown, where = 'output', tol = 1e-5): void {
  const a = actual as Tensor;
  const e = expected as Tensor;
  expect(a.sizes, where).toEqual(e.sizes);
  expect(a.dtype, where).toBe(e.dtype);
  const av = a.toFlatArray() as number[];
  const ev = e.toFlatArray() as number[];
  for (let i = 0; i < ev.length; i++) {
    if (Math.abs(av[i] - ev[i]) > tol * (1 + Math.abs(ev[i]))) expect(av[i], `${where}[${i}]`).toBe(ev[i]);
  }
}

const encode = (t: Tensor) => ({ tensor: { dtype: t.dtype, shape: [...t.sizes], values: t.toFlatArray() } });

function mlp(): nn.Module {
  return new nn.Sequential(
    new nn.Linear(8, 16),
    new nn.ReLU(),
    new nn.Linear(16, 16),
    new nn.Tanh(),
    new nn.Linear(16, 3),
  );
}

function cnn(): nn.Module {
  return new nn.Sequential(
    new nn.Conv2d(1, 4, 3, { padding: 1 }),
    new nn.BatchNorm2d(4),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Conv2d(4, 6, 3),
    new nn.ReLU(),
    new nn.Flatten(),
    new nn.Dropout(0.25),
    new nn.Linear(6 * 2 * 2, 5),
  );
}

/** A user module: its forward in TorchScript, calling submodules, a helper, a ModuleList and typed attributes. */
class Gate extends nn.Module {
  static torchscript = torchscript`
    def forward(self, x: Tensor) -> Tensor:
        if bool(x.sum() > 0):
            return x
        return -x
  `;
  override forward(x: Tensor): Tensor {
    return (T.sum(x).item() as number) > 0 ? x : T.neg(x);
  }
}

class Cell extends nn.Module {
  static torchscript = torchscript`
    scale: float
    def forward(self, x: Tensor, h: Tensor) -> Tuple[Tensor, Tensor]:
        y = self.gate(self.linear(x)) + h
        for block in self.blocks:
            y = block(y)
        y = self.blocks[-1](y) * float(len(self.blocks))
        new_h = torch.tanh(y * self.scale + float(self.offsets[self.pick]))
        return new_h, self.twice(new_h)

    def twice(self, t: Tensor) -> Tensor:
        return t * 2

    @torch.jit.export
    def describe(self) -> str:
        return self.name + ":" + str(len(self.offsets))

    @torch.jit.unused
    def debug(self, x: Tensor) -> Tensor:
        return x
  `;
  linear = new nn.Linear(4, 4);
  gate = new Gate();
  blocks = new nn.ModuleList([new nn.Linear(4, 4), new nn.ReLU()]);
  scale = 0.5;
  offsets = [1, 2, 3];
  pick = 1;
  name = 'cell';
  memo = () => 0;

  override forward(x: Tensor, h: Tensor): [Tensor, Tensor] {
    let y = T.add(this.gate.call(this.linear.call(x)), h);
    for (const block of this.blocks) y = block.call(y);
    y = T.mul(this.blocks.at(-1).call(y), this.blocks.length);
    const newH = T.tanh(T.add(T.mul(y, this.scale), this.offsets[this.pick]));
    return [newH, T.mul(newH, 2)];
  }
}

describe('jit.script(module)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'script-module-tree-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const torchMissing = torchUnavailable();

  it('an MLP of built-in layers runs as the eager module and is named as PyTorch names it', () => {
    manualSeed(0);
    const model = mlp();
    const scripted = script(model);
    const x = T.randn([5, 8]);
    expectClose(scripted.forward(x), model.call(x));
    expect(scripted.type.qualifiedName).toBe('__torch__.torch.nn.modules.container.Sequential');
    const types = scripted.namedChildren().map(([n, m]) => [n, m.type.qualifiedName]);
    expect(types).toEqual([
      ['0', '__torch__.torch.nn.modules.linear.Linear'],
      ['1', '__torch__.torch.nn.modules.activation.ReLU'],
      ['2', '__torch__.torch.nn.modules.linear.Linear'],
      ['3', '__torch__.torch.nn.modules.activation.Tanh'],
      ['4', '__torch__.torch.nn.modules.linear.Linear'],
    ]);
    // One class for every Linear: their classes are the same.
    expect(scripted.namedChildren()[0]?.[1].type).toBe(scripted.namedChildren()[2]?.[1].type);
    expect(scripted.code).toContain('def forward(self,');
    expect(scripted.code).toContain('_0 = getattr(self, "0")');
    expect(String(scripted.graph)).toContain('prim::CallMethod[name="forward"]');
    expect(String(scripted.inlinedGraph)).toContain('aten::linear');
  });

  it('shares the eager tensors: training the eager module is seen by the script module', () => {
    manualSeed(1);
    const model = mlp();
    const scripted = script(model);
    const eager = model.stateDict({ keepVars: true });
    for (const [key, t] of scripted.stateDict()) expect(t.storage, key).toBe(eager.get(key)?.storage);
    expect([...scripted.stateDict().keys()]).toEqual([...eager.keys()]);
    const first = model.parameters()[0] as Tensor;
    T.add_(T.detach(first), 1);
    const x = T.randn([2, 8]);
    expectClose(scripted.forward(x), model.call(x), 'after an in-place update');
  });

  it('a small CNN (Conv2d, BatchNorm2d, ReLU, MaxPool2d, Flatten, Dropout, Linear) in train and eval modes', () => {
    manualSeed(2);
    const model = cnn();
    manualSeed(2);
    const twin = cnn();
    const scripted = script(twin);
    expect(scripted.training).toBe(true);
    const x = T.randn([3, 1, 8, 8]);
    manualSeed(7);
    const eagerTrain = model.call(x);
    manualSeed(7);
    expectClose(scripted.forward(x), eagerTrain, 'train');
    // BatchNorm's running stats, updated by the scripted forward, are the eager twin's tensors.
    expectClose(twin.stateDict().get('1.running_mean'), model.stateDict().get('1.running_mean'), 'running_mean');
    expect(Number((twin.stateDict().get('1.num_batches_tracked') as Tensor).item())).toBe(1);
    model.eval();
    scripted.eval();
    expect(scripted.namedModules().every(([, m]) => !m.training)).toBe(true);
    expectClose(scripted.forward(x), model.call(x), 'eval');
  });

  it('the training flag is taken from the instance', () => {
    const model = mlp().eval();
    const scripted = script(model);
    expect(scripted.training).toBe(false);
    expect(scripted.namedModules().map(([, m]) => m.training)).toEqual([false, false, false, false, false, false]);
  });

  it('a user module with TorchScript forward calling submodules, iterating and indexing a ModuleList, helpers and typed attributes', () => {
    manualSeed(3);
    const cell = new Cell();
    const scripted = script(cell);
    expect(scripted.type.qualifiedName).toBe('__torch__.Cell');
    const attr = (name: string) => scripted.type.findAttribute(name)?.type.toString();
    expect([attr('scale'), attr('offsets'), attr('pick'), attr('name'), attr('memo')]).toEqual([
      'float',
      'int[]',
      'int',
      'str',
      undefined,
    ]);
    const x = T.randn([2, 4]);
    const h = T.randn([2, 4]);
    const [a, b] = scripted.forward(x, h) as Tensor[];
    const [ea, eb] = cell.call(x, h);
    expectClose(a, ea, 'new_h');
    expectClose(b, eb, 'twice');
    // The gate takes the other branch on a negated input: the control flow is kept.
    const [na] = scripted.forward(T.neg(x), h) as Tensor[];
    expectClose(na, cell.call(T.neg(x), h)[0], 'other branch');
    expect(scripted.runMethod('describe')).toBe('cell:3');
    expect(() => scripted.runMethod('debug', x)).toThrow(/Cannot call @unused methods/);
    expect(scripted.code).toContain('torch.tanh');
    expect(scripted.methodNames).toContain('twice');
  });

  it('containers: nested and named Sequentials, ModuleDicts indexed and iterated in a user module', () => {
    class Heads extends nn.Module {
      static torchscript = torchscript`
        def forward(self, x: Tensor) -> Tensor:
            y = self.trunk(x)
            out = self.heads["a"](y) + self.heads.b(y)
            for name, head in self.heads.items():
                if name != "a":
                    out = out + head(y)
            for head in self.tails.values():
                out = out * head(y)
            return out
      `;
      trunk = new nn.Sequential(
        new Map<string, nn.Module>([
          ['fc', new nn.Linear(3, 5)],
          ['inner', new nn.Sequential(new nn.LayerNorm(5), new nn.GELU())],
        ]),
      );
      heads = new nn.ModuleDict({
        a: new nn.Linear(5, 2),
        b: new nn.Sequential(new nn.Linear(5, 2), new nn.Sigmoid()),
      });
      tails = new nn.ModuleDict({ t: new nn.Linear(5, 2) });
      override forward(x: Tensor): Tensor {
        const y = this.trunk.call(x);
        let out = T.add(this.heads.get('a').call(y), this.heads.get('b').call(y));
        for (const [name, head] of this.heads.items()) if (name !== 'a') out = T.add(out, head.call(y));
        for (const head of this.tails.values()) out = T.mul(out, head.call(y));
        return out;
      }
    }
    manualSeed(4);
    const model = new Heads();
    const scripted = script(model);
    const x = T.randn([4, 3]);
    expectClose(scripted.forward(x), model.call(x));
    const names = new Set(scripted.namedModules().map(([, m]) => m.type.qualifiedName));
    // Three Sequentials of different children: three types, two of them mangled as PyTorch mangles.
    expect([...names].filter((n) => n.endsWith('Sequential')).sort()).toEqual([
      '__torch__.torch.nn.modules.container.Sequential',
      '__torch__.torch.nn.modules.container.___torch_mangle_0.Sequential',
      '__torch__.torch.nn.modules.container.___torch_mangle_1.Sequential',
    ]);
    expect(names.has('__torch__.torch.nn.modules.container.ModuleDict')).toBe(true);
  });

  it('runs on worker threads (forwardAsync) with the same result', async () => {
    manualSeed(8);
    const model = new Cell();
    const scripted = script(model);
    const x = T.randn([3, 4]);
    const h = T.randn([3, 4]);
    try {
      const [a] = (await scripted.forwardAsync(x, h)) as Tensor[];
      expectClose(a, model.call(x, h)[0], 'async new_h');
    } finally {
      await closeWorkers(scripted);
    }
  });

  it('a submodule held under two names is one script module; a declaration in the source overrides inference', () => {
    class Tied extends nn.Module {
      static torchscript = torchscript`
        gain: float
        def forward(self, x: Tensor) -> Tensor:
            return self.decoder(self.encoder(x)) * self.gain / 4
      `;
      encoder = new nn.Linear(3, 3);
      decoder = this.encoder;
      gain = 2;
      override forward(x: Tensor): Tensor {
        return T.div(T.mul(this.decoder.call(this.encoder.call(x)), this.gain), 4);
      }
    }
    manualSeed(9);
    const model = new Tied();
    const scripted = script(model);
    expect(scripted.type.findAttribute('gain')?.type.toString()).toBe('float');
    expect(scripted.attr('gain')).toBe(2);
    const children = scripted.namedChildren();
    expect(children.map(([n]) => n)).toEqual(['encoder', 'decoder']);
    expect(children[0]?.[1].object).toBe(children[1]?.[1].object);
    expect(scripted.namedParameters().map(([n]) => n)).toEqual(['encoder.weight', 'encoder.bias']);
    const x = T.randn([2, 3]);
    expectClose(scripted.forward(x), model.call(x));
    const path = join(dir, 'tied.pt');
    save(scripted, path);
    const loaded = load(path);
    expectClose(loaded.forward(x), model.call(x), 'loaded');
    expect(loaded.namedParameters().length).toBe(2);
  });

  it('a module without TorchScript is reported with its path', () => {
    class Plain extends nn.Module {
      inner = new nn.Sequential(new nn.Linear(2, 2), new (class Opaque extends nn.Module {})());
    }
    expect(() => script(new Plain())).toThrow(/cannot script module 'inner.1' of class Opaque: it has no TorchScript/);
  });

  it('infers attribute types from JS values', () => {
    expect(
      [true, 'a', 3, 2.5, [1, 2], [1, 2.5], Object.freeze([1, 'a']), new Map([['k', 1.5]]), [], {}, null].map(
        inferAttributeType,
      ),
    ).toEqual([
      'bool',
      'str',
      'int',
      'float',
      'List[int]',
      'List[float]',
      'Tuple[int, str]',
      'Dict[str, float]',
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('save() writes an archive that load() reads back with equal outputs', () => {
    manualSeed(5);
    const model = cnn().eval();
    const scripted = script(model);
    const path = join(dir, 'cnn.pt');
    save(scripted, path);
    const loaded = load(path);
    const x = T.randn([2, 1, 8, 8]);
    expectClose(loaded.forward(x), model.call(x));
    expect(loaded.type.qualifiedName).toBe('__torch__.torch.nn.modules.container.Sequential');
  });

  // PyTorch 1.13 is the oracle for the archives: without it there is nothing to compare with.
  describe.skipIf(torchMissing !== undefined)(
    `PyTorch loads the saved archives (${torchMissing ?? 'available'})`,
    () => {
      const cases: [string, () => nn.Module, () => Tensor[]][] = [
        ['mlp', () => mlp().eval(), () => [T.randn([4, 8])]],
        ['cnn', () => cnn().eval(), () => [T.randn([2, 1, 8, 8])]],
        ['cell', () => new Cell(), () => [T.randn([2, 4]), T.randn([2, 4])]],
      ];
      for (const [name, build, inputs] of cases) {
        it(name, () => {
          manualSeed(6);
          const model = build();
          const path = join(dir, `${name}.pt`);
          save(script(model), path);
          const xs = inputs();
          const { result } = torchRun(path, 'forward', xs.map(encode));
          const ours = model.call(...xs) as Tensor | Tensor[];
          const expected = Array.isArray(ours) ? { tuple: ours.map(encode) } : encode(ours);
          type Encoded = { tensor: { shape: number[]; values: number[] } };
          const close = (r: Encoded, e: Encoded) => {
            expect(r.tensor.shape).toEqual(e.tensor.shape);
            r.tensor.values.forEach((v: number, i: number) => {
              expect(v).toBeCloseTo(e.tensor.values[i], 4);
            });
          };
          if ('tuple' in expected) {
            expected.tuple.forEach((e, i) => {
              close((result as { tuple: Encoded[] }).tuple[i] as Encoded, e as Encoded);
            });
          } else close(result as Encoded, expected as Encoded);
        });
      }
    },
  );
});
