import { describe, expect, it } from 'vitest';
import { eliminateCommonSubexpression } from './common-subexpression-elimination.js';
import { fileCheck } from './testing/file-check.js';
import { runPass } from './testing/run-pass.js';

describe('eliminateCommonSubexpression', () => {
  it('merges equal pure nodes and equal constants', () => {
    const { text, changed } = runPass(
      `graph(%x : Tensor, %y : Tensor):
  %1 : int = prim::Constant[value=1]()
  %2 : int = prim::Constant[value=1]()
  %a : Tensor = aten::mul(%x, %y)
  %b : Tensor = aten::mul(%x, %y)
  %c : Tensor = aten::add(%a, %b, %2)
  return (%c)`,
      eliminateCommonSubexpression,
    );
    expect(changed).toBe(true);
    fileCheck(
      text,
      'CHECK-COUNT-1: prim::Constant\nCHECK-NOT: prim::Constant\nCHECK-COUNT-1: aten::mul\nCHECK-NOT: aten::mul\nCHECK: aten::add(%a, %a, %1)',
    );
  });

  it('does not merge nodes that differ in attributes or output types', () => {
    const { changed } = runPass(
      `graph():
  %1 : int = prim::Constant[value=1]()
  %2 : bool = prim::Constant[value=1]()
  %3 : float = prim::Constant[value=1.]()
  %4 : float = prim::Constant[value=-0.]()
  %5 : float = prim::Constant[value=0.]()
  return (%1, %2, %3, %4, %5)`,
      eliminateCommonSubexpression,
    );
    expect(changed).toBe(false);
  });

  it('reuses values of enclosing blocks, never of sibling blocks', () => {
    const { text } = runPass(
      `graph(%x : Tensor, %c : bool):
  %1 : int = prim::Constant[value=1]()
  %a : Tensor = aten::add(%x, %1, %1)
  %r : Tensor = prim::If(%c)
    block0():
      %b : Tensor = aten::add(%x, %1, %1)
      %m : Tensor = aten::mul(%b, %b)
      -> (%m)
    block1():
      %m2 : Tensor = aten::mul(%a, %a)
      -> (%m2)
  return (%r)`,
      eliminateCommonSubexpression,
    );
    fileCheck(
      text,
      'CHECK-COUNT-1: aten::add\nCHECK-NOT: aten::add\nCHECK: %m : Tensor = aten::mul(%a, %a)\nCHECK: %m2 : Tensor = aten::mul(%a, %a)',
    );
  });

  it('leaves random nodes, nodes around a mutation, and two graph outputs alone', () => {
    const { changed, text } = runPass(
      `graph(%x : Tensor):
  %n : NoneType = prim::Constant()
  %1 : int = prim::Constant[value=1]()
  %r1 : Tensor = aten::rand_like(%x, %n, %n, %n, %n, %n)
  %r2 : Tensor = aten::rand_like(%x, %n, %n, %n, %n, %n)
  %a : Tensor = aten::add(%x, %1, %1)
  %w : Tensor = aten::add_(%x, %1, %1)
  %b : Tensor = aten::add(%x, %1, %1)
  %y : Tensor = aten::mul(%r1, %r2)
  %o1 : Tensor = aten::mul(%y, %1)
  %o2 : Tensor = aten::mul(%y, %1)
  return (%a, %b, %o1, %o2)`,
      eliminateCommonSubexpression,
    );
    expect(changed).toBe(false);
    fileCheck(
      text,
      'CHECK-COUNT-2: aten::rand_like\nCHECK-COUNT-2: aten::add(%x, %1, %1)\nCHECK-COUNT-2: aten::mul(%y, %1)',
    );
  });
});
