import { lint, parseIR } from '@tsjit/ir';
import { fileCheck } from '@tsjit/passes';
import { describe, expect, it } from 'vitest';
import { frontendCleanup } from './frontend-cleanup.js';

function cleaned(text: string): string {
  const graph = parseIR(text);
  frontendCleanup(graph);
  lint(graph);
  return graph.toString();
}

describe('frontendCleanup', () => {
  it('lowers tuples, drops dead values, folds immutable values only, and pools constants', () => {
    const text = cleaned(`graph(%x : Tensor, %n : int):
  %u : int = prim::Uninitialized()
  %a : int = prim::Constant[value=1]()
  %t : (int, int) = prim::TupleConstruct(%a, %n)
  %b : int, %c : int = prim::TupleUnpack(%t)
  %two : int = aten::add(%a, %a) # f.py:3:4
  %l : int[] = prim::ListConstruct(%a)
  %len : int = aten::len(%l)
  %y : Tensor = aten::mul(%x, %two)
  %z : Tensor = aten::add(%y, %len, %c)
  return (%z)`);
    fileCheck(
      text,
      `CHECK: prim::Constant[value=2]()
       CHECK-NOT: f.py
       CHECK: prim::Constant[value=1]()
       CHECK-NOT: prim::Uninitialized
       CHECK-NOT: prim::Tuple
       CHECK: prim::ListConstruct
       CHECK: aten::len
       CHECK: aten::mul(%x, %
       CHECK: aten::add(%y, %len, %n)`,
    );
  });

  it('orders the outputs of an If by first use', () => {
    const text = cleaned(`graph(%c : bool, %a : int, %b : int):
  %p : int, %q : int = prim::If(%c)
    block0():
      -> (%a, %b)
    block1():
      -> (%b, %a)
  %r : int = aten::sub(%q, %p)
  return (%r)`);
    fileCheck(
      text,
      `CHECK: %q : int, %p : int = prim::If(%c)
       CHECK-NEXT: block0():
       CHECK-NEXT: -> (%b, %a)
       CHECK: aten::sub(%q, %p)`,
    );
  });

  it('cleans the subgraph of a fork too', () => {
    const graph = parseIR(`graph(%x : Tensor):
  %f : Future[Tensor] = prim::fork_0(%x)
  %y : Tensor = aten::wait(%f)
  return (%y)
with prim::fork_0 = graph(%x : Tensor):
  %u : bool = prim::Uninitialized()
  %one : int = prim::Constant[value=1]()
  %t : (Tensor, int) = prim::TupleConstruct(%x, %one)
  %a : Tensor, %b : int = prim::TupleUnpack(%t)
  %y : Tensor = aten::add(%a, %a, %b)
  return (%y)`);
    frontendCleanup(graph);
    const sub = [...graph.nodes()].find((n) => n.kind === 'prim::fork')?.g('Subgraph');
    expect(sub?.toString()).toBe(
      'graph(%x : Tensor):\n  %one : int = prim::Constant[value=1]()\n  %y : Tensor = aten::add(%x, %x, %one)\n  return (%y)\n',
    );
  });
});
