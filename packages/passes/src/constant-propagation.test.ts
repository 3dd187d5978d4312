import { defineOp, OpRegistry } from '@tsjit/ops';
import { describe, expect, it } from 'vitest';
import { constantPropagation } from './constant-propagation.js';
import { fileCheck } from './testing/file-check.js';
import { runPass } from './testing/run-pass.js';

describe('constantPropagation', () => {
  // A folded constant has no source range, as in PyTorch (its tryInsertConstant gets none).
  it('folds int, float and str arithmetic through the registry overloads', () => {
    const { text, changed } = runPass(
      `graph(%x : Tensor):
  %a : int = prim::Constant[value=2]()
  %b : int = aten::mul(%a, %a)
  %c : int = aten::add(%b, %a) # f.py:2:4
  %f : float = prim::Constant[value=1.5]()
  %d : float = aten::mul(%f, %c)
  %s : str = prim::Constant[value="ab"]()
  %t : str = aten::add(%s, %s)
  %y : Tensor = aten::add(%x, %d, %a)
  return (%y, %c, %t)`,
      constantPropagation,
    );
    expect(changed).toBe(true);
    fileCheck(
      text,
      `CHECK: prim::Constant[value=6]()
       CHECK-NOT: f.py:2:4
       CHECK: prim::Constant[value=9.]()
       CHECK: prim::Constant[value="abab"]()
       CHECK-NOT: aten::mul
       CHECK: aten::add(%x`,
    );
  });

  it('evaluates whatever overload the registry resolves by the node schema', () => {
    const lenOp = defineOp({
      schemas: ['aten::len.t(t[] a) -> int', 'aten::len.str(str s) -> int'],
      impl: { t: (args) => args.a.length, str: (args) => [...args.s].length },
      samples: () => [],
    });
    const registry = new OpRegistry([lenOp]);
    const { text } = runPass(
      `graph():
  %1 : int = prim::Constant[value=1]()
  %l : int[] = prim::ListConstruct(%1, %1, %1)
  %n : int = aten::len(%l)
  %s : str = prim::Constant[value="hello"]()
  %m : int = aten::len(%s)
  return (%n, %m)`,
      (g) => constantPropagation(g, { registry }),
    );
    fileCheck(text, 'CHECK: prim::Constant[value=3]()\nCHECK: prim::Constant[value=5]()\nCHECK-NOT: aten::len');
  });

  it('folds tensor ops with their implementations, within the size limit', () => {
    const source = `graph():
  %n : NoneType = prim::Constant()
  %2 : int = prim::Constant[value=2]()
  %3 : int = prim::Constant[value=3]()
  %s : int[] = prim::ListConstruct(%2, %3)
  %o : Tensor = aten::ones(%s, %n, %n, %n, %n)
  %k : Tensor = aten::sum(%o, %n)
  return (%o, %k)`;
    const folded = runPass(source, constantPropagation).text;
    fileCheck(
      folded,
      `CHECK: Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu) = prim::Constant[value=<Tensor>]()
       CHECK: Float(requires_grad=0, device=cpu) = prim::Constant[value={6}]()
       CHECK-NOT: aten::`,
    );
    const limited = runPass(source, (g) => constantPropagation(g, { maxTensorElements: 4 })).text;
    fileCheck(limited, 'CHECK: aten::ones\nCHECK: aten::sum\nCHECK-NOT: prim::Constant[value=<Tensor>]');
  });

  it('never folds random, side-effecting, mutating or throwing nodes', () => {
    const { text } = runPass(
      `graph():
  %n : NoneType = prim::Constant()
  %0 : int = prim::Constant[value=0]()
  %1 : int = prim::Constant[value=1]()
  %s : int[] = prim::ListConstruct(%1)
  %r : Tensor = aten::rand(%s, %n, %n, %n, %n)
  %l : int[] = prim::ListConstruct(%1, %1)
  %a : int[] = aten::append(%l, %1)
  %z : int = aten::floordiv(%1, %0)
   = prim::Print(%1)
  return (%r, %l, %z)`,
      constantPropagation,
    );
    fileCheck(
      text,
      `CHECK: aten::rand
       CHECK: prim::ListConstruct(%1, %1)
       CHECK: aten::append
       CHECK: aten::floordiv(%1, %0)
       CHECK: prim::Print`,
    );
  });

  it('inlines the taken branch of an If on a constant and drops a Loop that cannot run', () => {
    const { text } = runPass(
      `graph(%x : Tensor):
  %t : bool = prim::Constant[value=0]()
  %1 : int = prim::Constant[value=1]()
  %0 : int = prim::Constant[value=0]()
  %y : Tensor = prim::If(%t)
    block0():
      %a : Tensor = aten::add(%x, %1, %1)
      -> (%a)
    block1():
      %2 : int = aten::add(%1, %1)
      %b : Tensor = aten::mul(%x, %2)
      -> (%b)
  %z : Tensor = prim::Loop(%0, %t, %y)
    block0(%i : int, %c : Tensor):
      %d : Tensor = aten::mul(%c, %c)
      -> (%t, %d)
  return (%z)`,
      constantPropagation,
    );
    fileCheck(
      text,
      `CHECK-NOT: prim::If
       CHECK: prim::Constant[value=2]()
       CHECK: %b : Tensor = aten::mul(%x, %
       CHECK-NOT: prim::Loop
       CHECK: return (%b)`,
    );
  });

  it('reports no change on a graph without constants to fold', () => {
    const { changed } = runPass('graph(%x : int):\n  %y : int = aten::add(%x, %x)\n  return (%y)', constantPropagation);
    expect(changed).toBe(false);
  });
});
