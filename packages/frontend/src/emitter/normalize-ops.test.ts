import { readFileSync } from 'node:fs';
import { BoolType, parseIR, printGraph } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { testContext, torchRegistryForTests } from '../../test/support/emit-context.js';
import { normalizeOps, OPERATOR_ALIASES } from './normalize-ops.js';

describe('normalizeOps', () => {
  it('has every alias PyTorch 1.13 was seen to normalize (tooling/fixtures/gen_operator_aliases.py)', () => {
    const seen = JSON.parse(
      readFileSync(new URL('../../test/fixtures/operator-aliases-torch-1.13.json', import.meta.url), 'utf8'),
    ) as Record<string, string>;
    for (const [alias, canonical] of Object.entries(seen)) {
      if (alias === 'aten::rsub') continue; // a rewrite with swapped operands, not an alias
      expect(OPERATOR_ALIASES[alias], alias).toBe(canonical);
    }
    expect(Object.keys(seen).length).toBeGreaterThan(60);
  });

  it('renames aliases, swaps rsub of tensors into sub, turns `is` between bools into eq', () => {
    const graph = parseIR(`graph(%x : Tensor, %y : Tensor, %s : float, %b : bool):
  %one : int = prim::Constant[value=1]()
  %a : Tensor = aten::arccos(%x)
  %r : Tensor = aten::rsub(%x, %y, %one)
  %q : Tensor = aten::rsub(%x, %s, %one)
  %i : bool = aten::__is__(%b, %b)
  %n : bool = aten::__isnot__(%b, %b)
  %t : (Tensor, Tensor, Tensor, bool, bool) = prim::TupleConstruct(%a, %r, %q, %i, %n)
  return (%t)
`);
    const registry = torchRegistryForTests();
    normalizeOps(graph, registry);
    const text = printGraph(graph, { sourceRanges: false });
    expect(text).toContain('%a : Tensor = aten::acos(%x)');
    expect(text).toContain('%r : Tensor = aten::sub(%y, %x, %one)');
    expect(text).toContain('%q : Tensor = aten::rsub(%x, %s, %one)');
    expect(text).toContain('%i : bool = aten::eq(%b, %b)');
    expect(text).toContain('%n : bool = aten::ne(%b, %b)');
    const acos = [...graph.nodes()].find((n) => n.kind === 'aten::acos');
    expect(acos?.explicitSchema()?.operatorName).toBe('aten::acos');
  });

  it('reaches nodes inside blocks', () => {
    const ctx = testContext();
    const b = ctx.input('b', BoolType.get());
    const node = ctx.graph.insert('prim::If', [b], 0);
    const block = node.addBlock();
    node.addBlock();
    ctx.graph.withInsertPoint(block, () => ctx.graph.insert('aten::negative_', [ctx.input('x', BoolType.get())], 1));
    normalizeOps(ctx.graph);
    expect([...block.nodes()].map((n) => n.kind)).toEqual(['aten::neg_']);
  });
});
