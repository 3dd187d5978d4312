import { SymbolicGradientError } from '@tsjit/autodiff';
import { lint } from '@tsjit/ir';
import { callOp, readValues, type Tensor, tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { CompilationUnit, type ScriptFunction, type ScriptModule, SymbolicGradients } from '../src/index.js';

function t64(vals: number[], sizes: number[]): Tensor {
  return callOp('reshape', [tensor(vals, { dtype: 'float64' }), sizes]) as Tensor;
}
const flat = (t: Tensor) => readValues(t).map(Number);
const seq = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.sin(seed * 3.1 + i * 1.3) * 0.8);

/** d/d args[i] of sum(f(args)) by central differences in float64. */
function numeric(f: (...a: unknown[]) => unknown, args: unknown[], i: number): number[] {
  const x = args[i] as Tensor;
  const base = flat(x);
  const loss = (v: number[]) => {
    const a = [...args];
    a[i] = t64(v, [...x.sizes]);
    return flat(f(...a) as Tensor).reduce((s, e) => s + e, 0);
  };
  return base.map((_, k) => {
    const p = [...base];
    p[k] += 1e-6;
    const m = [...base];
    m[k] -= 1e-6;
    return (loss(p) - loss(m)) / 2e-6;
  });
}

function expectClose(got: number[], want: number[]) {
  expect(got.length).toBe(want.length);
  got.forEach((g, k) => {
    expect(Math.abs(g - want[k]), `element ${k}: ${g} vs ${want[k]}`).toBeLessThan(1e-6 + 1e-5 * Math.abs(want[k]));
  });
}

const cu = new CompilationUnit(`
def branchy(x: Tensor, y: Tensor) -> Tensor:
    if bool(x.sum() > 0):
        return torch.sin(x) * y
    else:
        return torch.exp(y) * x

def masked(x: Tensor, m: Tensor) -> Tensor:
    return (x[m] * x[m]).sum() + torch.tanh(x).sum()

def looped(x: Tensor, n: int) -> Tensor:
    for i in range(n):
        x = torch.sin(x) * (i + 1) + x
    return x

def mutating(x: Tensor, n: int) -> Tensor:
    outs: List[Tensor] = []
    h = x * 1.5
    for i in range(n):
        h = torch.tanh(h) * x
        h.relu_()
        h.add_(0.25)
        outs.append(h)
    return torch.stack(outs, 0).sum(0)

def until(x: Tensor) -> Tensor:
    while bool(x.sum() < 100.0):
        x = x * 2.0
    return x

def shapes(x: Tensor, w: Tensor) -> Tuple[Tensor, Tensor]:
    y = x.view(x.size(0), -1)
    z = torch.softmax(torch.matmul(y, w), dim=1)
    return z[:, 0:2].sum(1), torch.tanh(y).sum(1)

class Lin(torch.nn.Module):
    __parameters__ = ["weight", "bias", ]
    weight : Tensor
    bias : Tensor
    training : bool
    def forward(self, x: Tensor, target: Tensor) -> Tensor:
        d = torch.tanh(torch.matmul(x, self.weight.t()) + self.bias) - target
        return (d * d).mean()
`);
const fn = (name: string) => cu.get(name) as ScriptFunction;

describe('SymbolicGradients on compiled TorchScript (float64 finite differences)', () => {
  it('differentiates a function through views, softmax and slicing, returning a tuple', () => {
    const x = t64(seq(12, 1), [3, 2, 2]);
    const w = t64(seq(8, 2), [4, 2]);
    const engine = new SymbolicGradients(fn('shapes'));
    const r = engine.run([x, w], { inputsRequiringGrad: [0, 1] });
    const both = (...a: unknown[]) => {
      const [p, q] = fn('shapes').call(...a) as Tensor[];
      return callOp('add', [callOp('sum', [p]), callOp('sum', [q])]);
    };
    expectClose(flat(r.inputGrads[0]!), numeric(both, [x, w], 0));
    expectClose(flat(r.inputGrads[1]!), numeric(both, [x, w], 1));
    const g = engine.gradientFor([x, w], { inputsRequiringGrad: [0, 1] });
    lint(g.forward);
    lint(g.backward);
    expect(g.backward.toString()).toContain('aten::_softmax_backward_data');
  });

  it('specializes on the branch an If takes, guards it, and re-specializes when it flips', () => {
    const engine = new SymbolicGradients(fn('branchy'));
    const y = t64(seq(4, 3), [4]);
    for (const sign of [1, -1]) {
      const x = t64(
        seq(4, 4).map((v) => Math.abs(v) * sign + 0.1 * sign),
        [4],
      );
      const r = engine.run([x, y], { inputsRequiringGrad: [0, 1] });
      const f = (...a: unknown[]) => fn('branchy').call(...a);
      expectClose(flat(r.inputGrads[0]!), numeric(f, [x, y], 0));
      expectClose(flat(r.inputGrads[1]!), numeric(f, [x, y], 1));
      expectClose(flat(r.outputs as Tensor), flat(f(x, y) as Tensor));
    }
    // Same argument signature both times: the second call failed the first specialization's guard.
    expect(engine.specializations).toBe(1);
  });

  it('builds data-dependent shapes from profiled masks and re-specializes when a mask changes', () => {
    const engine = new SymbolicGradients(fn('masked'));
    const x = t64(seq(6, 11), [6]);
    const f = (...a: unknown[]) => fn('masked').call(...a);
    for (const bits of [
      [true, false, true, true, false, false],
      [false, true, false, false, false, true],
      [true, true, true, true, true, false],
    ]) {
      const m = tensor(bits, { dtype: 'bool' });
      const r = engine.run([x, m], { inputsRequiringGrad: [0] });
      expectClose(flat(r.inputGrads[0]!), numeric(f, [x, m], 0));
    }
  });

  it('unrolls counted loops for the profiled trip count (guarded), and refuses other loops', () => {
    const engine = new SymbolicGradients(fn('looped'));
    const x = t64(seq(3, 12), [3]);
    const f = (...a: unknown[]) => fn('looped').call(...a);
    for (const n of [3, 1, 0]) {
      const r = engine.run([x, n], { inputsRequiringGrad: [0] });
      expectClose(flat(r.inputGrads[0]!), numeric(f, [x, n], 0));
    }
    let error: unknown;
    try {
      new SymbolicGradients(fn('until')).run([t64([1, 2], [2])], { inputsRequiringGrad: [0] });
    } catch (e) {
      error = e;
    }
    // The condition is computed in the body: no trip count to specialize on.
    expect(SymbolicGradientError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('prim::Loop');
  });

  it('removes mutation first: in-place ops on fresh tensors, lists built by appends', () => {
    const engine = new SymbolicGradients(fn('mutating'));
    const x = t64(seq(4, 13), [4]);
    const f = (...a: unknown[]) => fn('mutating').call(...a);
    const r = engine.run([x, 3], { inputsRequiringGrad: [0] });
    expectClose(flat(r.inputGrads[0]!), numeric(f, [x, 3], 0));
    expectClose(flat(r.outputs as Tensor), flat(f(x, 3) as Tensor));
    const g = engine.gradientFor([x, 3], { inputsRequiringGrad: [0] });
    expect(g.forward.toString()).not.toContain('aten::relu_');
    expect(g.forward.toString()).not.toContain('aten::append');
  });

  it('trains a module: parameter gradients by dotted name, one specialization per input signature', () => {
    const lin = cu.getClass('Lin')!.createModule({
      weight: t64(seq(6, 5), [2, 3]),
      bias: t64(seq(2, 6), [2]),
    }) as ScriptModule;
    for (const name of ['weight', 'bias']) (lin.attr(name) as Tensor).requiresGrad = true;
    const x = t64(seq(12, 7), [4, 3]);
    const target = t64(
      seq(8, 8).map((v) => v * 0.5),
      [4, 2],
    );
    const engine = new SymbolicGradients(lin);
    const first = engine.run([x, target]);
    // The weight's gradient against finite differences of the loss in the weight.
    const weight = lin.attr('weight') as Tensor;
    const lossOf = (w: Tensor) => {
      lin.setAttr('weight', w);
      const l = flat(lin.forward(x, target) as Tensor)[0];
      lin.setAttr('weight', weight);
      return l;
    };
    const fd = flat(weight).map((_, k) => {
      const p = flat(weight);
      p[k] += 1e-6;
      const m = flat(weight);
      m[k] -= 1e-6;
      return (lossOf(t64(p, [2, 3])) - lossOf(t64(m, [2, 3]))) / 2e-6;
    });
    expectClose(flat(first.paramGrads.get('weight')!), fd);
    expect([...first.paramGrads.keys()].sort()).toEqual(['bias', 'weight']);
    // Plain SGD: the loss goes down step after step.
    let loss = flat(first.outputs as Tensor)[0];
    for (let step = 0; step < 30; step++) {
      const r = engine.run([x, target]);
      for (const name of ['weight', 'bias']) {
        const p = lin.attr(name) as Tensor;
        const next = callOp('sub', [p, r.paramGrads.get(name)!, { alpha: 0.5 }]) as Tensor;
        next.requiresGrad = true;
        lin.setAttr(name, next);
      }
      const now = flat(r.outputs as Tensor)[0];
      expect(now).toBeLessThanOrEqual(loss + 1e-12);
      loss = now;
    }
    expect(loss).toBeLessThan(flat(first.outputs as Tensor)[0] * 0.8);
    expect(engine.specializations).toBe(1);
    // A frozen parameter gets no gradient.
    (lin.attr('bias') as Tensor).requiresGrad = false;
    expect([...engine.run([x, target]).paramGrads.keys()]).toEqual(['weight']);
    (lin.attr('bias') as Tensor).requiresGrad = true;
    // accumulateGrad adds into .grad, as backward() does.
    const w = lin.attr('weight') as Tensor;
    w.grad = null;
    const a = engine.run([x, target], { accumulateGrad: true });
    engine.run([x, target], { accumulateGrad: true });
    expectClose(
      flat(w.grad!),
      flat(a.paramGrads.get('weight')!).map((v) => 2 * v),
    );
    engine.run([t64(seq(6, 9), [2, 3]), t64(seq(4, 10), [2, 2])]);
    // Kinds of call so far: the training one, the one with a frozen bias, and new input sizes.
    expect(engine.specializations).toBe(3);
  });
});
