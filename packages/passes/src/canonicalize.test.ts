import { lint, parseIR } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { canonicalize } from './canonicalize.js';

const SOURCE = `graph(%x : Tensor, %c : bool):
  %7 : int = prim::Constant[value=1]()
  %y.3 : Tensor = prim::If(%c)
    block0():
      %inner : Tensor = aten::add(%x, %7, %7)
      -> (%inner)
    block1():
      -> (%x)
  %42 : Tensor = prim::Loop(%7, %c, %y.3)
    block0(%i : int, %acc : Tensor):
      %99 : Tensor = aten::mul(%acc, %acc)
      -> (%c, %99)
  return (%42)
`;

describe('canonicalize', () => {
  it('numbers values in program order (outputs, then each block: inputs, nodes) and drops top-level names', () => {
    const graph = parseIR(SOURCE);
    expect(canonicalize(graph, { keepUniqueNames: false })).toBe(true);
    lint(graph);
    expect(graph.toString()).toBe(`graph(%0 : Tensor,
      %1 : bool):
  %2 : int = prim::Constant[value=1]()
  %3 : Tensor = prim::If(%1)
    block0():
      %inner : Tensor = aten::add(%0, %2, %2)
      -> (%inner)
    block1():
      -> (%0)
  %5 : Tensor = prim::Loop(%2, %1, %3)
    block0(%i : int, %acc : Tensor):
      %8 : Tensor = aten::mul(%acc, %acc)
      -> (%1, %8)
  return (%5)
`);
  });

  it('keeps names by default, and is idempotent', () => {
    const graph = parseIR(SOURCE);
    canonicalize(graph);
    const once = graph.toString();
    expect(once).toContain('%y.3 : Tensor = prim::If(%c)');
    expect(once).toContain('%5 : Tensor = prim::Loop(%2, %c, %y.3)');
    expect(canonicalize(graph)).toBe(false);
    expect(graph.toString()).toBe(once);
  });

  it('makes graphs that differ only in naming print the same', () => {
    const a = parseIR('graph(%a : int):\n  %b : int = aten::add(%a, %a)\n  return (%b)');
    const b = parseIR('graph(%x.1 : int):\n  %9 : int = aten::add(%x.1, %x.1)\n  return (%9)');
    canonicalize(a, { keepUniqueNames: false });
    canonicalize(b, { keepUniqueNames: false });
    expect(a.toString()).toBe(b.toString());
  });
});
