import { lint, parseIR } from '@tsjit/ir';
import type { Tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { differentiate, SymbolicGradientError } from '../src/index.js';
import { flat, floatLeaves, numericGradient, profileOf, runGraph, shaped } from './symbolic-helpers.js';

/** Deterministic float64 inputs in (-1, 1), away from kinks. */
function input(sizes: number[], seed: number): Tensor {
  const n = sizes.reduce((a, b) => a * b, 1);
  const vals = Array.from({ length: n }, (_, i) => Math.sin(seed * 7.3 + i * 1.7) * 0.9);
  return shaped(vals, sizes, 'float64');
}

/** Differentiates `ir` (profiled on `inputs`), runs forward then backward, checks against finite differences. */
function check(ir: string, inputs: Tensor[]) {
  const graph = parseIR(ir);
  const run = runGraph(graph, inputs);
  const grad = differentiate(graph, { profile: profileOf(run.values) });
  lint(grad.forward);
  lint(grad.backward);
  const fwd = runGraph(grad.forward, inputs).outputs;
  const ones = floatLeaves(fwd.slice(0, grad.realOutputs)).map((t) =>
    shaped(new Array(t.numel()).fill(1), [...t.sizes], t.dtype),
  );
  expect(ones.length).toBe(grad.gradOutputs.length);
  const captured = fwd.slice(grad.realOutputs, grad.realOutputs + grad.captured);
  const back = runGraph(grad.backward, [...ones, ...captured]).outputs;
  expect(back.length).toBe(grad.gradInputs.length);
  grad.gradInputs.forEach((i, k) => {
    const numeric = numericGradient(graph, inputs, i);
    const analytic = flat(back[k] as Tensor);
    expect(analytic.length).toBe(numeric.length);
    analytic.forEach((a, j) => {
      expect(Math.abs(a - numeric[j])).toBeLessThan(1e-6 + 1e-5 * Math.abs(numeric[j]));
    });
  });
  return grad;
}

describe('differentiate (hand-written IR, float64 finite differences)', () => {
  it('broadcasting mul, sin, sum over a dim', () => {
    const g = check(
      `graph(%x : Tensor, %y : Tensor):
  %one : int = prim::Constant[value=1]()
  %dims : int[] = prim::ListConstruct(%one)
  %false : bool = prim::Constant[value=0]()
  %none : NoneType = prim::Constant()
  %a : Tensor = aten::mul(%x, %y)
  %b : Tensor = aten::sin(%a)
  %c : Tensor = aten::sum(%b, %dims, %false, %none)
  return (%c)`,
      [input([2, 3], 1), input([3], 2)],
    );
    expect(g.backward.toString()).toContain('aten::cos');
  });

  it('multi-output ops: max over a dim (values differentiable, indices not) inside a returned tuple', () => {
    const g = check(
      `graph(%x : Tensor):
  %one : int = prim::Constant[value=1]()
  %f : bool = prim::Constant[value=0]()
  %v : Tensor, %i : Tensor = aten::max(%x, %one, %f)
  %e : Tensor = aten::exp(%x)
  %t : (Tensor, Tensor, Tensor) = prim::TupleConstruct(%v, %i, %e)
  return (%t)`,
      [input([3, 4], 3)],
    );
    // One incoming gradient per floating leaf of the tuple (the int64 indices get none).
    expect(g.gradOutputs).toEqual([
      { output: 0, path: [0] },
      { output: 0, path: [2] },
    ]);
  });

  it('lists: cat of a ListConstruct, split_with_sizes unpacked, a value used twice', () => {
    check(
      `graph(%a : Tensor, %b : Tensor):
  %one : int = prim::Constant[value=1]()
  %alpha : int = prim::Constant[value=1]()
  %l : Tensor[] = prim::ListConstruct(%a, %b)
  %c : Tensor = aten::cat(%l, %one)
  %sizes : int[] = prim::Constant[value=[1, 3]]()
  %parts : Tensor[] = aten::split_with_sizes(%c, %sizes, %one)
  %p0 : Tensor, %p1 : Tensor = prim::ListUnpack(%parts)
  %q : Tensor = aten::mul(%p0, %p1)
  %r : Tensor = aten::add(%q, %a, %alpha)
  return (%r)`,
      [input([2, 1], 4), input([2, 3], 5)],
    );
  });

  it('scalar arguments from constants: add with alpha, pow with a float exponent, clamp', () => {
    check(
      `graph(%x : Tensor, %y : Tensor):
  %alpha : float = prim::Constant[value=2.5]()
  %e : float = prim::Constant[value=3.]()
  %lo : float = prim::Constant[value=-0.5]()
  %none : NoneType = prim::Constant()
  %a : Tensor = aten::add(%x, %y, %alpha)
  %b : Tensor = aten::pow(%a, %e)
  %c : Tensor = aten::clamp(%b, %lo, %none)
  return (%c)`,
      [input([5], 6), input([5], 7)],
    );
  });

  it('refined tensor types stand in for a profile', () => {
    const graph = parseIR(
      `graph(%x : Double(2, 3), %w : Double(4, 3)):
  %y : Double(2, 4) = aten::matmul(%x, %w.t)
  %w.t : Double(3, 4) = aten::t(%w)
  return (%y)`.replace(
        `  %y : Double(2, 4) = aten::matmul(%x, %w.t)
  %w.t : Double(3, 4) = aten::t(%w)`,
        `  %w.t : Double(3, 4) = aten::t(%w)
  %y : Double(2, 4) = aten::matmul(%x, %w.t)`,
      ),
    );
    const g = differentiate(graph);
    lint(g.backward);
    expect(g.gradInputs).toEqual([0, 1]);
    const x = input([2, 3], 8);
    const w = input([4, 3], 9);
    const fwd = runGraph(g.forward, [x, w]).outputs;
    const ones = shaped(new Array(8).fill(1), [2, 4], 'float64');
    const back = runGraph(g.backward, [ones, ...fwd.slice(g.realOutputs, g.realOutputs + g.captured)]).outputs;
    const nx = numericGradient(graph, [x, w], 0);
    flat(back[0] as Tensor).forEach((v, i) => {
      expect(v).toBeCloseTo(nx[i], 6);
    });
  });

  it('reports what it cannot do: unknown shapes, control flow on the gradient path', () => {
    const untyped = parseIR(`graph(%x : Tensor):
  %none : NoneType = prim::Constant()
  %s : Tensor = aten::sum(%x, %none)
  return (%s)`);
    expect(() => differentiate(untyped)).toThrow(/sizes of %x/);
    const branchy = parseIR(`graph(%x : Double(3), %c : bool):
  %y : Tensor = prim::If(%c)
    block0():
      %a : Tensor = aten::sin(%x)
      -> (%a)
    block1():
      %b : Tensor = aten::cos(%x)
      -> (%b)
  return (%y)`);
    let error: unknown;
    try {
      differentiate(branchy, { inputsRequiringGrad: [0] });
    } catch (e) {
      error = e;
    }
    expect(SymbolicGradientError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/prim::If/);
  });

  it('refuses mutation: an in-place op on a value that requires grad, a tensor appended to a list', () => {
    const inplace = parseIR(`graph(%x : Double(3)):
  %one : int = prim::Constant[value=1]()
  %y : Double(3) = aten::mul(%x, %x)
  %z : Double(3) = aten::add_(%y, %x, %one)
  return (%y)`);
    expect(() => differentiate(inplace)).toThrow(/writes in place into %y/);
    const appended = parseIR(`graph(%x : Double(3)):
  %l : Tensor[] = prim::ListConstruct()
  %r : Tensor[] = aten::append(%l, %x)
  %zero : int = prim::Constant[value=0]()
  %s : Double(1, 3) = aten::stack(%l, %zero)
  return (%s)`);
    expect(() => differentiate(appended)).toThrow(SymbolicGradientError);
  });

  it('control flow off the gradient path is left alone', () => {
    const graph = parseIR(`graph(%x : Double(3), %n : int):
  %zero : int = prim::Constant[value=0]()
  %pos : bool = aten::gt(%n, %zero)
  %k : int = prim::If(%pos)
    block0():
      -> (%n)
    block1():
      -> (%zero)
  %y : Double(3) = aten::mul(%x, %k)
  return (%y, %k)`);
    const g = differentiate(graph, {
      inputsRequiringGrad: [0],
      profile: (v) => (v.debugName() === 'k' ? { value: 2 } : undefined),
    });
    lint(g.forward);
    lint(g.backward);
    // The rule read the non-constant scalar %k: the backward is built for k == 2 and says so.
    expect(g.guards.some((guard) => guard.value === 2)).toBe(true);
    const back = runGraph(g.backward, [shaped([1, 1, 1], [3], 'float64'), ...[]]).outputs;
    expect(flat(back[0] as Tensor)).toEqual([2, 2, 2]);
  });

  it('captures sizes rather than tensors read only for their shape', () => {
    const graph = parseIR(`graph(%x : Double(2, 3), %b : Double(3)):
  %alpha : int = prim::Constant[value=1]()
  %y : Double(2, 3) = aten::add(%x, %b, %alpha)
  return (%y)`);
    const g = differentiate(graph);
    // The bias gradient is a sum back to b's sizes: the forward hands over aten::size(b), not b.
    const captured = g.forward.outputs.slice(g.realOutputs, g.realOutputs + g.captured);
    expect(captured.map((v) => v.type.annotationStr())).toEqual(['int[]']);
    expect(g.forward.toString()).toContain('aten::size(%b)');
  });
});
