import { type Graph, lint, parseIR } from '@tsjit/ir';
import { calleeName, fileCheck } from '@tsjit/passes';
import { describe, expect, it } from 'vitest';
import { inlinedGraph, optimizedGraph } from './inline-graph.js';

const CALLEE = `graph(%x : Tensor):
  %one : int = prim::Constant[value=1]()
  %two : int = prim::Constant[value=2]()
  %l : int[] = prim::ListConstruct(%one, %two)
  %n : int = aten::len(%l)
  %y : Tensor = aten::add(%x, %n, %one)
  return (%y)`;

const CALLER = `graph(%x : Tensor):
  %f : Function = prim::Constant[name="helper"]()
  %a : Tensor = prim::CallFunction(%f, %x)
  %b : Tensor = prim::CallFunction(%f, %a)
  return (%b)`;

function calleeGraph(graphs: Record<string, string>) {
  return (node: import('@tsjit/ir').Node): Graph | undefined => {
    const text = graphs[calleeName(node) ?? ''];
    return text === undefined ? undefined : parseIR(text);
  };
}

describe('inlinedGraph', () => {
  it("replaces calls by the callee's optimized graph and leaves the caller otherwise alone", () => {
    const caller = parseIR(CALLER);
    const before = caller.toString();
    const inlined = inlinedGraph(caller, { calleeGraph: calleeGraph({ helper: CALLEE }) });
    lint(inlined);
    expect(caller.toString()).toBe(before);
    const text = inlined.toString();
    // The function constant stays (PyTorch's Inline runs no dead-code elimination).
    fileCheck(
      text,
      `CHECK: prim::Constant[name="helper"]()
       CHECK-NOT: prim::CallFunction
       CHECK-NOT: aten::len
       CHECK: aten::add(%x
       CHECK: aten::add(`,
    );
    expect(text.match(/prim::ListConstruct/g)).toBeNull();
  });

  it('leaves calls it cannot resolve', () => {
    const inlined = inlinedGraph(parseIR(CALLER), { calleeGraph: () => undefined });
    expect(inlined.toString().match(/prim::CallFunction/g)).toHaveLength(2);
  });

  it('inlines calls of calls', () => {
    const middle = `graph(%x : Tensor):
  %g : Function = prim::Constant[name="helper"]()
  %y : Tensor = prim::CallFunction(%g, %x)
  return (%y)`;
    const caller = parseIR(CALLER.replaceAll('helper', 'middle'));
    const inlined = inlinedGraph(caller, { calleeGraph: calleeGraph({ helper: CALLEE, middle }) });
    lint(inlined);
    expect(inlined.toString()).not.toContain('prim::CallFunction');
    expect(inlined.toString().match(/aten::add/g)).toHaveLength(2);
  });
});

describe('optimizedGraph', () => {
  it("runs PyTorch's preoptimization: inline, peephole, constant propagation, pooling", () => {
    const graph = optimizedGraph(
      parseIR(`graph(%x : Tensor):
  %t : bool = prim::Constant[value=1]()
  %one : int = prim::Constant[value=1]()
  %r : Tensor = prim::If(%t)
    block0():
      %a : Tensor = aten::neg(%x)
      -> (%a)
    block1():
      -> (%x)
  %l : int[] = prim::ListConstruct(%one, %one)
  %n : int = aten::len(%l)
  %y : Tensor = aten::add(%r, %n, %one)
  return (%y)`),
      { calleeGraph: () => undefined },
    );
    lint(graph);
    fileCheck(
      graph.toString(),
      `CHECK-NOT: prim::If
       CHECK-NOT: aten::len
       CHECK: aten::neg(%x)
       CHECK: aten::add(`,
    );
  });
});
