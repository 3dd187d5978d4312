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
});
