import { describe, expect, it } from 'vitest';
import { lowerSimpleTuples } from './lower-simple-tuples.js';
import { fileCheck } from './testing/file-check.js';
import { runPass } from './testing/run-pass.js';

describe('lowerSimpleTuples', () => {
  it('forwards tuple elements to TupleUnpack and constant TupleIndex, then drops the tuple', () => {
    const { text, changed } = runPass(
      `graph(%x : Tensor, %y : int):
  %1 : int = prim::Constant[value=1]()
  %m : int = prim::Constant[value=-2]()
  %t : (Tensor, int) = prim::TupleConstruct(%x, %y)
  %a : Tensor, %b : int = prim::TupleUnpack(%t)
  %c : int = prim::TupleIndex(%t, %1)
  %d : Tensor = prim::TupleIndex(%t, %m)
  %e : Tensor = aten::mul(%d, %c)
  %f : Tensor = aten::mul(%a, %b)
  return (%e, %f)`,
      lowerSimpleTuples,
    );
    expect(changed).toBe(true);
    fileCheck(text, 'CHECK-NOT: prim::Tuple\nCHECK: aten::mul(%x, %y)\nCHECK: aten::mul(%x, %y)');
  });

  it('keeps tuples that escape, and indexes that are not constant or out of range', () => {
    const { text } = runPass(
      `graph(%x : Tensor, %y : int):
  %5 : int = prim::Constant[value=5]()
  %t : (Tensor, int) = prim::TupleConstruct(%x, %y)
  %a : Tensor, %b : int = prim::TupleUnpack(%t)
  %c : int = prim::TupleIndex(%t, %y)
  %d : int = prim::TupleIndex(%t, %5)
  return (%t, %a, %c, %d)`,
      lowerSimpleTuples,
    );
    fileCheck(
      text,
      'CHECK: prim::TupleConstruct\nCHECK-NOT: TupleUnpack\nCHECK-COUNT-2: prim::TupleIndex\nCHECK: return (%t, %x, %c, %d)',
    );
  });
});
