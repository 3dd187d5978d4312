import { type Graph, InternalError, parseIR } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { calleeName, inlineCalls } from './inline-calls.js';
import { fileCheck } from './testing/file-check.js';
import { runPass } from './testing/run-pass.js';

const CALLEES: Record<string, string> = {
  double: `graph(%x : Tensor):
  %1 : int = prim::Constant[value=1]() # lib.py:2:8
  %y : Tensor = aten::add(%x, %x, %1) # lib.py:2:11
  return (%y)`,
  quadruple: `graph(%x : Tensor):
  %f : Function = prim::Constant[name="double"]()
  %a : Tensor = prim::CallFunction(%f, %x) # lib.py:5:8
  %b : Tensor = prim::CallFunction(%f, %a) # lib.py:5:15
  return (%b)`,
  'Net.forward': `graph(%self : __torch__.Net, %x : Tensor):
  %s : float = prim::GetAttr[name="scale"](%self)
  %y : Tensor = aten::mul(%x, %s) # net.py:3:15
  return (%y)`,
  forever: `graph(%x : Tensor):
  %f : Function = prim::Constant[name="forever"]()
  %y : Tensor = prim::CallFunction(%f, %x)
  return (%y)`,
  pair: `graph(%x : Tensor, %y : Tensor):
  return (%x)`,
};

function resolver(): (node: import('@tsjit/ir').Node) => Graph | undefined {
  const cache = new Map<string, Graph>();
  return (node) => {
    const name = calleeName(node)?.replace(/^__torch__\./, '');
    if (!name || !(name in CALLEES)) return undefined;
    let g = cache.get(name);
    if (!g) cache.set(name, (g = parseIR(CALLEES[name])));
    return g;
  };
}

describe('inlineCalls', () => {
  it('inlines CallFunction recursively, keeping the callees source ranges and the call result name', () => {
    const { text, changed } = runPass(
      `graph(%x : Tensor):
  %q : Function = prim::Constant[name="quadruple"]()
  %r : Tensor = prim::CallFunction(%q, %x) # main.py:1:4
  return (%r)`,
      (g) => inlineCalls(g, { resolve: resolver() }),
    );
    expect(changed).toBe(true);
    expect(text).toMatch(/aten::add\(%x, %x, %\w+\) # lib\.py:2:11/);
    expect(text).toMatch(/%r : Tensor = aten::add\(%a, %a, %\w+\) # lib\.py:2:11/);
    expect(text).not.toContain('CallFunction');
  });

  it('inlines CallMethod with self as the first input', () => {
    const { text } = runPass(
      `graph(%self : __torch__.Net, %x : Tensor):
  %y : Tensor = prim::CallMethod[name="forward"](%self, %x)
  return (%y)`,
      (g) => inlineCalls(g, { resolve: resolver() }),
    );
    // The callee's %y takes the name first, so the call's own %y had become y.1 (PyTorch's renaming).
    fileCheck(
      text,
      'CHECK: prim::GetAttr[name="scale"](%self)\nCHECK: %y.1 : Tensor = aten::mul(%x, %s) # net.py:3:15',
    );
  });

  it('leaves calls the resolver does not know, and inlines inside blocks', () => {
    const { text } = runPass(
      `graph(%x : Tensor, %c : bool):
  %u : Function = prim::Constant[name="unknown"]()
  %d : Function = prim::Constant[name="double"]()
  %a : Tensor = prim::CallFunction(%u, %x)
  %b : Tensor = prim::If(%c)
    block0():
      %z : Tensor = prim::CallFunction(%d, %a)
      -> (%z)
    block1():
      -> (%a)
  return (%b)`,
      (g) => inlineCalls(g, { resolve: resolver() }),
    );
    fileCheck(
      text,
      'CHECK: prim::CallFunction(%u, %x)\nCHECK: block0():\nCHECK-NEXT: prim::Constant\nCHECK-NEXT: %z : Tensor = aten::add(%a, %a',
    );
  });

  it('reports recursion and arity mismatches as internal errors', () => {
    const recursive = parseIR(`graph(%x : Tensor):
  %f : Function = prim::Constant[name="forever"]()
  %y : Tensor = prim::CallFunction(%f, %x)
  return (%y)`);
    expect(() => inlineCalls(recursive, { resolve: resolver(), maxDepth: 20 })).toThrow(InternalError);
    expect(() => inlineCalls(recursive, { resolve: resolver(), maxDepth: 20 })).toThrow(/20 calls deep/);
    const wrong = parseIR(`graph(%x : Tensor):
  %f : Function = prim::Constant[name="pair"]()
  %y : Tensor = prim::CallFunction(%f, %x)
  return (%y)`);
    expect(() => inlineCalls(wrong, { resolve: resolver() })).toThrow(/takes 2 inputs, the call passes 1/);
  });

  it('records the calls each inlined node came through, outermost first, when asked', () => {
    const g = parseIR(`graph(%x : Tensor):
  %q : Function = prim::Constant[name="quadruple"]()
  %r : Tensor = prim::CallFunction(%q, %x) # main.py:1:4
  return (%r)`);
    inlineCalls(g, { resolve: resolver(), callName: (call) => calleeName(call) ?? '?' });
    const adds = [...g.nodes()].filter((n) => n.kind === 'aten::add');
    expect(adds).toHaveLength(2);
    for (const add of adds) {
      const stack = add.callStack?.map((c) => [c.function, c.callSite?.line, c.callSite?.col]);
      expect(stack?.[0]).toEqual(['quadruple', 1, 4]);
      expect(stack?.[1]?.[0]).toBe('double');
      expect(stack?.[1]?.[1]).toBe(5);
    }
    expect(adds.map((n) => n.callStack?.[1]?.callSite?.col)).toEqual([8, 15]);
    // Without callName nothing is recorded.
    const plain = parseIR(`graph(%x : Tensor):
  %q : Function = prim::Constant[name="quadruple"]()
  %r : Tensor = prim::CallFunction(%q, %x)
  return (%r)`);
    inlineCalls(plain, { resolve: resolver() });
    expect([...plain.nodes()].every((n) => n.callStack === undefined)).toBe(true);
  });

  it('does not change the callee graph', () => {
    const resolve = resolver();
    const graph = parseIR(`graph(%x : Tensor):
  %d : Function = prim::Constant[name="double"]()
  %a : Tensor = prim::CallFunction(%d, %x)
  return (%a)`);
    let callee: Graph | undefined;
    inlineCalls(graph, {
      resolve: (node) => {
        callee = resolve(node);
        return callee;
      },
    });
    expect(callee?.toString()).toBe(`${CALLEES.double}\n`);
  });
});
