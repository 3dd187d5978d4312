/**
 * Each built-in @tsjit/nn layer carries its TorchScript source (issue 7): here every layer's source
 * is compiled with CompilationUnit, the module object is built with ScriptClass.createModule from the
 * eager layer's parameters, buffers and configuration (submodules first, for containers), and the
 * scripted forward is compared with the eager one, in train and eval modes (dropout after the same
 * seed; BatchNorm's running stats compared after a training step).
 */
import * as nn from '@tsjit/nn';
import { manualSeed, torchOps as T, type Tensor, tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { CompilationUnit } from '../src/compilation-unit.js';
import type { ScriptModule } from '../src/script-module.js';

interface Case {
  build: () => nn.Module;
  inputs: () => unknown[];
  modes?: ('train' | 'eval')[];
}

const randn = (...sizes: number[]) => T.randn(sizes);
const longs = (values: number[] | number[][]) => tensor(values, { dtype: 'int64' });

const cases: Record<string, Case> = {
  Linear: { build: () => new nn.Linear(4, 3), inputs: () => [randn(2, 4)] },
  LinearNoBias: { build: () => new nn.Linear(4, 3, { bias: false }), inputs: () => [randn(2, 4)] },
  Bilinear: { build: () => new nn.Bilinear(3, 2, 4), inputs: () => [randn(2, 3), randn(2, 2)] },
  Identity: { build: () => new nn.Identity(), inputs: () => [randn(2, 3)] },
  Conv1d: { build: () => new nn.Conv1d(2, 3, 3, { stride: 2, padding: 1 }), inputs: () => [randn(1, 2, 7)] },
  Conv1dSameCircular: {
    build: () => new nn.Conv1d(2, 2, 4, { padding: 'same', paddingMode: 'circular' }),
    inputs: () => [randn(2, 2, 6)],
  },
  Conv2d: { build: () => new nn.Conv2d(2, 3, 3, { padding: 1 }), inputs: () => [randn(1, 2, 5, 5)] },
  Conv2dGroupsReflect: {
    build: () =>
      new nn.Conv2d(4, 4, [3, 2], { stride: [2, 1], padding: 1, dilation: [1, 2], groups: 2, paddingMode: 'reflect' }),
    inputs: () => [randn(1, 4, 6, 6)],
  },
  Conv2dSame: { build: () => new nn.Conv2d(1, 2, 3, { padding: 'same' }), inputs: () => [randn(1, 1, 4, 4)] },
  Conv3d: { build: () => new nn.Conv3d(2, 2, 2), inputs: () => [randn(1, 2, 3, 3, 3)] },
  ConvTranspose1d: {
    build: () => new nn.ConvTranspose1d(2, 3, 3, { stride: 2, padding: 1, outputPadding: 1 }),
    inputs: () => [randn(1, 2, 4)],
  },
  ConvTranspose2d: {
    build: () => new nn.ConvTranspose2d(2, 4, 3, { stride: 2, groups: 2 }),
    inputs: () => [randn(1, 2, 3, 3)],
  },
  ConvTranspose2dOutputSize: {
    build: () => new nn.ConvTranspose2d(2, 2, 3, { stride: 2 }),
    inputs: () => [randn(1, 2, 3, 3), [8, 8]],
  },
  BatchNorm1d: { build: () => new nn.BatchNorm1d(3), inputs: () => [randn(4, 3)], modes: ['train', 'eval'] },
  BatchNorm1dCumulative: {
    build: () => new nn.BatchNorm1d(3, { momentum: null }),
    inputs: () => [randn(4, 3, 2)],
    modes: ['train', 'eval'],
  },
  BatchNorm2d: { build: () => new nn.BatchNorm2d(3), inputs: () => [randn(2, 3, 2, 2)], modes: ['train', 'eval'] },
  BatchNorm2dNoStats: {
    build: () => new nn.BatchNorm2d(2, { trackRunningStats: false, affine: false }),
    inputs: () => [randn(2, 2, 2, 2)],
    modes: ['train', 'eval'],
  },
  LayerNorm: { build: () => new nn.LayerNorm([3, 2]), inputs: () => [randn(2, 3, 2)] },
  GroupNorm: { build: () => new nn.GroupNorm(2, 4), inputs: () => [randn(2, 4, 3)] },
  InstanceNorm2d: {
    build: () => new nn.InstanceNorm2d(3),
    inputs: () => [randn(2, 3, 4, 4)],
    modes: ['train', 'eval'],
  },
  InstanceNorm2dAffineStats: {
    build: () => new nn.InstanceNorm2d(2, { affine: true, trackRunningStats: true }),
    inputs: () => [randn(2, 2, 3, 3)],
    modes: ['train', 'eval'],
  },
  InstanceNorm1dUnbatched: { build: () => new nn.InstanceNorm1d(3), inputs: () => [randn(3, 5)] },
  Embedding: {
    build: () => new nn.Embedding(10, 3, { paddingIdx: 0 }),
    inputs: () => [
      longs([
        [0, 2, 4],
        [9, 1, 0],
      ]),
    ],
  },
  EmbeddingMaxNorm: { build: () => new nn.Embedding(6, 4, { maxNorm: 1.0 }), inputs: () => [longs([1, 3, 3, 5])] },
  EmbeddingBagSum: {
    build: () => new nn.EmbeddingBag(8, 3, { mode: 'sum' }),
    inputs: () => [longs([1, 2, 4, 5, 4, 3, 2, 7]), longs([0, 3])],
  },
  EmbeddingBagMean2d: {
    build: () => new nn.EmbeddingBag(8, 3),
    inputs: () => [
      longs([
        [1, 2, 4],
        [4, 3, 7],
      ]),
    ],
  },
  EmbeddingBagMaxPadding: {
    build: () => new nn.EmbeddingBag(8, 2, { mode: 'max', paddingIdx: 2 }),
    inputs: () => [longs([1, 2, 4, 5, 2, 3]), longs([0, 2, 4])],
  },
  EmbeddingBagWeights: {
    build: () => new nn.EmbeddingBag(5, 2, { mode: 'sum' }),
    inputs: () => [longs([0, 1, 4, 2]), longs([0, 1]), T.rand([4])],
  },
  Dropout: { build: () => new nn.Dropout(0.3), inputs: () => [randn(4, 5)], modes: ['train', 'eval'] },
  Dropout2d: { build: () => new nn.Dropout2d(0.5), inputs: () => [randn(2, 4, 2, 2)], modes: ['train', 'eval'] },
  Dropout1dUnbatched: { build: () => new nn.Dropout1d(0.4), inputs: () => [randn(4, 3)], modes: ['train', 'eval'] },
  AlphaDropout: { build: () => new nn.AlphaDropout(0.2), inputs: () => [randn(4, 5)], modes: ['train', 'eval'] },
  ReLU: { build: () => new nn.ReLU(), inputs: () => [randn(2, 6)] },
  ReLUInplace: { build: () => new nn.ReLU(true), inputs: () => [randn(2, 6)] },
  ReLU6: { build: () => new nn.ReLU6(), inputs: () => [T.mul(randn(2, 6), 4)] },
  LeakyReLU: { build: () => new nn.LeakyReLU(0.2), inputs: () => [randn(2, 6)] },
  ELU: { build: () => new nn.ELU(0.7), inputs: () => [randn(2, 6)] },
  SELU: { build: () => new nn.SELU(), inputs: () => [randn(2, 6)] },
  CELU: { build: () => new nn.CELU(1.5), inputs: () => [randn(2, 6)] },
  GELU: { build: () => new nn.GELU(), inputs: () => [randn(2, 6)] },
  GELUTanh: { build: () => new nn.GELU({ approximate: 'tanh' }), inputs: () => [randn(2, 6)] },
  SiLU: { build: () => new nn.SiLU(), inputs: () => [randn(2, 6)] },
  Mish: { build: () => new nn.Mish(), inputs: () => [randn(2, 6)] },
  Hardswish: { build: () => new nn.Hardswish(), inputs: () => [T.mul(randn(2, 6), 4)] },
  Hardsigmoid: { build: () => new nn.Hardsigmoid(), inputs: () => [T.mul(randn(2, 6), 4)] },
  Hardtanh: { build: () => new nn.Hardtanh(-2, 1.5), inputs: () => [T.mul(randn(2, 6), 3)] },
  Threshold: { build: () => new nn.Threshold(0.5, -1), inputs: () => [randn(2, 6)] },
  Sigmoid: { build: () => new nn.Sigmoid(), inputs: () => [randn(2, 6)] },
  Tanh: { build: () => new nn.Tanh(), inputs: () => [randn(2, 6)] },
  LogSigmoid: { build: () => new nn.LogSigmoid(), inputs: () => [randn(2, 6)] },
  Softsign: { build: () => new nn.Softsign(), inputs: () => [randn(2, 6)] },
  Tanhshrink: { build: () => new nn.Tanhshrink(), inputs: () => [randn(2, 6)] },
  Softplus: { build: () => new nn.Softplus(2, 3), inputs: () => [T.mul(randn(2, 6), 3)] },
  Softshrink: { build: () => new nn.Softshrink(0.7), inputs: () => [randn(2, 6)] },
  Hardshrink: { build: () => new nn.Hardshrink(), inputs: () => [randn(2, 6)] },
  GLU: { build: () => new nn.GLU(1), inputs: () => [randn(2, 6)] },
  Softmax: { build: () => new nn.Softmax(1), inputs: () => [randn(2, 6)] },
  SoftmaxImplicitDim: { build: () => new nn.Softmax(), inputs: () => [randn(2, 3, 2)] },
  Softmin: { build: () => new nn.Softmin(0), inputs: () => [randn(2, 6)] },
  LogSoftmax: { build: () => new nn.LogSoftmax(-1), inputs: () => [randn(2, 6)] },
  RReLU: { build: () => new nn.RReLU(), inputs: () => [randn(3, 4)], modes: ['train', 'eval'] },
  Softmax2d: { build: () => new nn.Softmax2d(), inputs: () => [randn(1, 3, 2, 2)] },
  ConstantPad2d: { build: () => new nn.ConstantPad2d([1, 0, 2, 1], -1.0), inputs: () => [randn(1, 1, 2, 2)] },
  ZeroPad2d: { build: () => new nn.ZeroPad2d(1), inputs: () => [randn(1, 1, 2, 3)] },
  ReflectionPad1d: { build: () => new nn.ReflectionPad1d([2, 1]), inputs: () => [randn(1, 2, 4)] },
  ReplicationPad2d: { build: () => new nn.ReplicationPad2d([0, 2, 1, 1]), inputs: () => [randn(1, 1, 2, 2)] },
  PReLU: { build: () => new nn.PReLU(3), inputs: () => [randn(2, 3, 2)] },
  MaxPool1d: { build: () => new nn.MaxPool1d(3, { stride: 2, padding: 1 }), inputs: () => [randn(1, 2, 7)] },
  MaxPool2d: { build: () => new nn.MaxPool2d(2), inputs: () => [randn(1, 2, 4, 5)] },
  MaxPool2dIndices: {
    build: () => new nn.MaxPool2d(3, { stride: 2, padding: 1, ceilMode: true, returnIndices: true }),
    inputs: () => [randn(1, 1, 6, 5)],
  },
  AvgPool1d: { build: () => new nn.AvgPool1d(3, { stride: 2 }), inputs: () => [randn(1, 2, 7)] },
  AvgPool2d: {
    build: () => new nn.AvgPool2d(3, { stride: 2, padding: 1, countIncludePad: false }),
    inputs: () => [randn(1, 2, 5, 5)],
  },
  AdaptiveAvgPool1d: { build: () => new nn.AdaptiveAvgPool1d(3), inputs: () => [randn(1, 2, 7)] },
  AdaptiveAvgPool2d: { build: () => new nn.AdaptiveAvgPool2d([2, null]), inputs: () => [randn(1, 2, 5, 3)] },
  AdaptiveMaxPool1d: { build: () => new nn.AdaptiveMaxPool1d(2), inputs: () => [randn(1, 2, 5)] },
  AdaptiveMaxPool2dIndices: { build: () => new nn.AdaptiveMaxPool2d(2, true), inputs: () => [randn(1, 2, 5, 5)] },
  UpsampleNearest: { build: () => new nn.Upsample({ scaleFactor: 2 }), inputs: () => [randn(1, 1, 2, 3)] },
  UpsampleBilinear: {
    build: () => new nn.Upsample({ size: [5, 4], mode: 'bilinear', alignCorners: true }),
    inputs: () => [randn(1, 2, 3, 2)],
  },
  UpsampleLinearRecompute: {
    build: () => new nn.Upsample({ scaleFactor: 1.5, mode: 'linear', recomputeScaleFactor: true }),
    inputs: () => [randn(1, 2, 4)],
  },
  UpsampleBicubic: {
    build: () => new nn.Upsample({ scaleFactor: 2, mode: 'bicubic' }),
    inputs: () => [randn(1, 1, 3, 3)],
  },
  PixelShuffle: { build: () => new nn.PixelShuffle(2), inputs: () => [randn(1, 8, 2, 3)] },
  PixelUnshuffle: { build: () => new nn.PixelUnshuffle(2), inputs: () => [randn(1, 2, 4, 2)] },
  Flatten: { build: () => new nn.Flatten(), inputs: () => [randn(2, 3, 2)] },
  Unflatten: { build: () => new nn.Unflatten(1, [2, 3]), inputs: () => [randn(2, 6)] },
  SequentialCnn: {
    build: () =>
      new nn.Sequential(
        new nn.Conv2d(1, 4, 3),
        new nn.BatchNorm2d(4),
        new nn.ReLU(),
        new nn.MaxPool2d(2),
        new nn.Flatten(),
        new nn.Dropout(0.5),
        new nn.Linear(16, 3),
      ),
    inputs: () => [randn(2, 1, 6, 6)],
    modes: ['train', 'eval'],
  },
  SequentialNamed: {
    build: () =>
      new nn.Sequential(
        new Map<string, nn.Module>([
          ['fc', new nn.Linear(3, 3)],
          ['act', new nn.Tanh()],
          ['inner', new nn.Sequential(new nn.LayerNorm(3), new nn.Identity())],
        ]),
      ),
    inputs: () => [randn(2, 3)],
  },
};

/** Compiles a module tree's classes in one unit (one class per module instance) and builds the script module. */
function scriptModuleTree(root: nn.Module): ScriptModule {
  const names = new Map<nn.Module, string>();
  const order: nn.Module[] = [];
  const visit = (m: nn.Module) => {
    if (names.has(m)) return;
    for (const child of m.children()) visit(child);
    names.set(m, `${m.constructor.name}_${names.size}`);
    order.push(m);
  };
  visit(root);
  const sources = order.map((m) => {
    const def = nn.torchScriptOf(m);
    if (def === undefined) throw new Error(`${m.constructor.name} has no TorchScript definition`);
    return def.source(m, { className: names.get(m), childType: (c) => names.get(c) as string });
  });
  const unit = new CompilationUnit(sources.join('\n'));
  const built = new Map<nn.Module, ScriptModule>();
  for (const m of order) {
    const attributes: Record<string, unknown> = { ...nn.torchScriptOf(m)?.attributes(m) };
    for (const [name, child] of m.namedChildren()) attributes[name] = built.get(child);
    const cls = unit.getClass(names.get(m) as string);
    if (cls === undefined) throw new Error(`class ${names.get(m)} was not compiled`);
    built.set(m, cls.createModule(attributes));
  }
  return built.get(root) as ScriptModule;
}

function expectSame(actual: unknown, expected: unknown, where: string): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), where).toBe(true);
    expected.forEach((e, i) => {
      expectSame((actual as unknown[])[i], e, `${where}[${i}]`);
    });
    return;
  }
  const a = actual as Tensor;
  const e = expected as Tensor;
  expect(a.dtype, where).toBe(e.dtype);
  expect(a.sizes, where).toEqual(e.sizes);
  const av = a.toFlatArray() as number[];
  const ev = e.toFlatArray() as number[];
  for (let i = 0; i < ev.length; i++) {
    if (Math.abs(av[i] - ev[i]) > 1e-6 * (1 + Math.abs(ev[i]))) expect(av[i], `${where} element ${i}`).toBe(ev[i]);
  }
}

const clone = (v: unknown) => (v instanceof Object && 'storage' in (v as object) ? T.clone(v as Tensor) : v);

describe('built-in nn layers: TorchScript source vs eager forward', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      manualSeed(0);
      const eager = c.build();
      manualSeed(0);
      const twin = c.build();
      const scripted = scriptModuleTree(twin);
      // __parameters__ / __buffers__ make the script module list the same parameters and state.
      expect(scripted.namedParameters().map(([n]) => n)).toEqual(twin.namedParameters().map(([n]) => n));
      expect([...scripted.stateDict().keys()]).toEqual([...twin.stateDict().keys()]);
      manualSeed(1);
      const inputs = c.inputs();
      for (const mode of c.modes ?? ['eval']) {
        eager.train(mode === 'train');
        scripted.train(mode === 'train');
        manualSeed(2);
        const expected = eager.call(...inputs.map(clone));
        manualSeed(2);
        const actual = scripted.forward(...inputs.map(clone));
        expectSame(actual, expected, `${name} ${mode}`);
      }
      // Running stats (and anything else the forward updates) end up the same.
      const after = eager.stateDict();
      for (const [key, t] of twin.stateDict()) expectSame(t, after.get(key), `${name} state ${key}`);
    });
  }

  it('a script class declares every attribute its definition supplies (Linear)', () => {
    const layer = new nn.Linear(2, 2);
    const def = nn.torchScriptOf(layer);
    expect(def?.source(layer)).toContain('return torch.nn.functional.linear(input, self.weight, self.bias)');
    expect(Object.keys(def?.attributes(layer) ?? {})).toEqual([
      'training',
      'weight',
      'bias',
      'in_features',
      'out_features',
    ]);
  });

  it('ModuleList and ModuleDict compile to method-less classes holding their children', () => {
    manualSeed(0);
    const list = new nn.ModuleList([new nn.Linear(2, 2), new nn.ReLU(), new nn.BatchNorm1d(2)]);
    const dict = new nn.ModuleDict({ enc: new nn.Linear(2, 3), emb: new nn.Embedding(4, 2) });
    for (const m of [list, dict]) {
      const scripted = scriptModuleTree(m);
      const eager = m.stateDict();
      const keys = [...scripted.stateDict().keys()];
      expect(keys).toEqual([...eager.keys()]);
      for (const key of keys) expect((scripted.stateDict().get(key) as Tensor).storage).toBe(eager.get(key)?.storage);
    }
  });

  it('user-defined subclasses have no built-in definition', () => {
    class MyLinear extends nn.Linear {}
    expect(nn.torchScriptOf(new MyLinear(2, 2))).toBeUndefined();
  });
});
