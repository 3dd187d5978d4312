import { describe, expect, it } from 'vitest';
import { eliminateDeadCode } from './dead-code-elimination.js';
import { fileCheck } from './testing/file-check.js';
import { runPass } from './testing/run-pass.js';

describe('eliminateDeadCode', () => {
  it('removes unused pure nodes and keeps side effects and the signature', () => {
    const { text, changed } = runPass(
      `graph(%x : Tensor, %unused : int):
  %1 : int = prim::Constant[value=1]()
  %a : Tensor = aten::mul(%x, %x)
  %b : Tensor = aten::add(%a, %1, %1)
  %s : str = prim::Constant[value="hi"]()
   = prim::Print(%s)
  return (%x)`,
      eliminateDeadCode,
    );
    expect(changed).toBe(true);
    fileCheck(
      text,
      `CHECK: graph(%x : Tensor,
       CHECK-NEXT: %unused : int
       CHECK-NOT: aten::mul
       CHECK-NOT: aten::add
       CHECK: prim::Print(%s)`,
    );
  });

  it('keeps writes to live values and to graph inputs, drops writes to dead fresh values', () => {
    const { text } = runPass(
      `graph(%x : Tensor):
  %1 : int = prim::Constant[value=1]()
  %2 : int = prim::Constant[value=2]()
  %s : int[] = prim::ListConstruct(%2)
  %live : Tensor = aten::mul(%x, %1)
  %v : Tensor = aten::view(%live, %s)
  %w1 : Tensor = aten::add_(%v, %1, %1)
  %dead : Tensor = aten::mul(%x, %2)
  %w2 : Tensor = aten::relu_(%dead)
  %w3 : Tensor = aten::sub_(%x, %1, %1)
  return (%live)`,
      eliminateDeadCode,
    );
    fileCheck(
      text,
      `CHECK: aten::view(%live
       CHECK: aten::add_(%v
       CHECK-NOT: aten::relu_
       CHECK: aten::sub_(%x
       CHECK-NOT: %dead`,
    );
  });

  it('keeps every write without alias analysis (as torch._C._jit_pass_dce)', () => {
    const { text } = runPass(
      `graph(%x : Tensor):
  %1 : int = prim::Constant[value=1]()
  %dead : Tensor = aten::mul(%x, %1)
  %w : Tensor = aten::relu_(%dead)
  return (%x)`,
      (g) => eliminateDeadCode(g, { aliasAnalysis: false }),
    );
    fileCheck(text, 'CHECK: aten::mul\nCHECK: aten::relu_');
  });

  it('removes unused If outputs and the branch code behind them', () => {
    const { text } = runPass(
      `graph(%x : Tensor, %c : bool):
  %1 : int = prim::Constant[value=1]()
  %y : Tensor, %z : Tensor = prim::If(%c)
    block0():
      %a : Tensor = aten::add(%x, %1, %1)
      %b : Tensor = aten::mul(%x, %1)
      -> (%a, %b)
    block1():
      -> (%x, %x)
  return (%z)`,
      eliminateDeadCode,
    );
    fileCheck(
      text,
      `CHECK: %z : Tensor = prim::If(%c)
       CHECK-NOT: aten::add
       CHECK: aten::mul
       CHECK: -> (%b)
       CHECK: -> (%x)`,
    );
  });

  it('keeps an If whose branch has a side effect, without its unused outputs', () => {
    const { text } = runPass(
      `graph(%x : Tensor, %c : bool):
  %s : str = prim::Constant[value="boom"]()
  %y : Tensor = prim::If(%c)
    block0():
       = prim::RaiseException(%s)
      -> (%x)
    block1():
      -> (%x)
  return (%x)`,
      eliminateDeadCode,
    );
    fileCheck(text, 'CHECK: = prim::If(%c)\nCHECK: prim::RaiseException\nCHECK: -> ()');
  });

  it('drops loop-carried values unused after the loop and in its body (PyTorch rule)', () => {
    const { text } = runPass(
      `graph(%x : Tensor, %n : int):
  %t : bool = prim::Constant[value=1]()
  %1 : int = prim::Constant[value=1]()
  %y : Tensor, %z : Tensor, %w : Tensor = prim::Loop(%n, %t, %x, %x, %x)
    block0(%i : int, %a : Tensor, %b : Tensor, %c : Tensor):
      %d : Tensor = aten::add(%a, %1, %1)
      -> (%t, %d, %b, %x)
  return (%y)`,
      eliminateDeadCode,
    );
    // %w's block input %c is unused: it goes. %z's block input %b feeds the body's output: it stays.
    fileCheck(
      text,
      'CHECK: %y : Tensor, %z : Tensor = prim::Loop(%n, %t, %x, %x)\nCHECK: block0(%i : int, %a : Tensor, %b : Tensor)',
    );
  });

  it('keeps a loop whose body computes something even when no output is used (as torch._C._jit_pass_dce)', () => {
    // Checked with PyTorch 1.13: the first loop stays (running it may raise or not end), with the
    // lookup feeding its trip count; the second, whose body computes nothing, goes.
    const { text } = runPass(
      `graph(%n : int):
  %t : bool = prim::Constant[value=1]()
  %one : int = prim::Constant[value=1]()
  %d : Dict(str, int) = prim::DictConstruct()
  %k : str = prim::Constant[value="z"]()
  %x : int = aten::__getitem__(%d, %k)
  %w : int = prim::Loop(%x, %t, %one)
    block0(%i : int, %c : int):
      %y : int = aten::add(%i, %c)
      -> (%t, %y)
  %w2 : int = prim::Loop(%n, %t, %one)
    block0(%j : int, %cc : int):
      -> (%t, %cc)
  %z : int = aten::__getitem__(%d, %k)
  return (%n)`,
      eliminateDeadCode,
    );
    fileCheck(
      text,
      'CHECK: aten::__getitem__\nCHECK: prim::Loop(%x, %t, %one)\nCHECK: aten::add\nCHECK-NOT: prim::Loop\nCHECK-NOT: aten::__getitem__',
    );
  });

  it('reports no change when nothing is dead', () => {
    expect(runPass('graph(%x : int):\n  %y : int = aten::add(%x, %x)\n  return (%y)', eliminateDeadCode).changed).toBe(
      false,
    );
  });
});
