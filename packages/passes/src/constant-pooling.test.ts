import { describe, expect, it } from 'vitest';
import { constantPooling } from './constant-pooling.js';
import { fileCheck } from './testing/file-check.js';
import { runPass } from './testing/run-pass.js';

describe('constantPooling', () => {
  it('hoists constants out of blocks to the start, deduped, in reverse order of first appearance', () => {
    const { text, changed } = runPass(
      `graph(%x : Tensor, %c : bool):
  %a : int = prim::Constant[value=1]()
  %y : Tensor = prim::If(%c)
    block0():
      %b : int = prim::Constant[value=1]()
      %p : Tensor = aten::add(%x, %b, %b)
      -> (%p)
    block1():
      %f : float = prim::Constant[value=2.]()
      %q : Tensor = aten::mul(%x, %f)
      -> (%q)
  %z : Tensor = aten::add(%y, %a, %a)
  return (%z)`,
      constantPooling,
    );
    expect(changed).toBe(true);
    fileCheck(
      text,
      `CHECK: graph(
       CHECK: %f : float = prim::Constant[value=2.]()
       CHECK-NEXT: %a : int = prim::Constant[value=1]()
       CHECK-NEXT: prim::If
       CHECK: aten::add(%x, %a, %a)
       CHECK-NOT: prim::Constant`,
    );
  });

  it('does not merge list constants that something writes', () => {
    const { text } = runPass(
      `graph(%x : int):
  %a : int[] = prim::Constant[value=[1, 2]]()
  %b : int[] = prim::Constant[value=[1, 2]]()
  %w : int[] = aten::append(%a, %x)
  return (%a, %b)`,
      constantPooling,
    );
    fileCheck(text, 'CHECK-COUNT-2: prim::Constant[value=[1, 2]]()');
  });

  it('reports no change when the constants already lead and are distinct', () => {
    const { changed } = runPass(
      'graph(%x : int):\n  %1 : int = prim::Constant[value=1]()\n  %y : int = aten::add(%x, %1)\n  return (%y)',
      constantPooling,
    );
    expect(changed).toBe(false);
  });
});
