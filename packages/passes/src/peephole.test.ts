import { describe, expect, it } from 'vitest';
import { peephole } from './peephole.js';
import { fileCheck } from './testing/file-check.js';
import { runPass } from './testing/run-pass.js';

const REFINED = 'Float(2, 3, strides=[3, 1], requires_grad=0, device=cpu)';

describe('peephole', () => {
  it('folds size, dim, len(size()), dtype and device of refined tensor types', () => {
    const { text } = runPass(
      `graph(%x : ${REFINED}):
  %1 : int = prim::Constant[value=-1]()
  %s : int[] = aten::size(%x)
  %d : int = aten::dim(%x)
  %n : int = aten::len(%s)
  %k : int = aten::size(%x, %1)
  %t : int = prim::dtype(%x)
  %v : Device = prim::device(%x)
  return (%s, %d, %n, %k, %t, %v)`,
      peephole,
    );
    // len() read aten::size, which became a constant first: it is left for constant propagation, as in PyTorch.
    fileCheck(text, 'CHECK: aten::len\nCHECK-NOT: aten::size\nCHECK-NOT: aten::dim\nCHECK-NOT: prim::dtype');
    for (const constant of ['value=[2, 3]', 'value=2]', 'value=3]', 'value=6]', 'value="cpu"'])
      expect(text).toContain(constant);
  });

  it('leaves shape queries alone without refined types or with disableShapePeepholes', () => {
    const plain = runPass('graph(%x : Tensor):\n  %d : int = aten::dim(%x)\n  return (%d)', peephole);
    expect(plain.changed).toBe(false);
    const disabled = runPass(`graph(%x : ${REFINED}):\n  %d : int = aten::dim(%x)\n  return (%d)`, (g) =>
      peephole(g, { disableShapePeepholes: true }),
    );
    fileCheck(disabled.text, 'CHECK: aten::dim');
  });

  it('folds dim(conv2d(x)) to 4 (batch norm input checks), unless the convolution output is written', () => {
    const conv = `%w : Tensor, %b : NoneType):
  %one : int = prim::Constant[value=1]()
  %s : int[] = prim::ListConstruct(%one, %one)
  %y : Tensor = aten::conv2d(%x, %w, %b, %s, %s, %s, %one)`;
    const { text } = runPass(
      `graph(%x : Tensor, ${conv}
  %d : int = aten::dim(%y)
  return (%y, %d)`,
      peephole,
    );
    fileCheck(text, 'CHECK-NOT: aten::dim');
    expect(text).toContain('value=4]');
    const written = runPass(
      `graph(%x : Tensor, ${conv}
  %z : Tensor = aten::relu_(%y)
  %d : int = aten::dim(%y)
  return (%z, %d)`,
      peephole,
    );
    fileCheck(written.text, 'CHECK: aten::dim');
  });

  it('removes x.t().t(), no-op expand and type_as, _grad_sum_to_size(x, None)', () => {
    const { text } = runPass(
      `graph(%x : ${REFINED}, %y : Float(4, strides=[1], requires_grad=0, device=cpu)):
  %f : bool = prim::Constant[value=0]()
  %n : NoneType = prim::Constant()
  %s : int[] = prim::Constant[value=[2, 3]]()
  %a : Tensor = aten::t(%x)
  %b : Tensor = aten::t(%a)
  %c : Tensor = aten::expand(%x, %s, %f)
  %d : Tensor = aten::type_as(%x, %y)
  %e : Tensor = aten::_grad_sum_to_size(%x, %n)
  return (%b, %c, %d, %e)`,
      peephole,
    );
    fileCheck(text, 'CHECK-NOT: aten::\nCHECK: return (%x, %x, %x, %x)');
  });

  it('folds is / is not None on values that cannot be None, and unwraps that cannot fail', () => {
    const { text } = runPass(
      `graph(%x : int, %o : int?):
  %n : NoneType = prim::Constant()
  %a : bool = aten::__is__(%x, %n)
  %b : bool = aten::__isnot__(%n, %x)
  %c : bool = aten::__is__(%o, %n)
  %u : int = aten::_unwrap_optional(%x)
  %k : int = prim::unchecked_cast(%x)
  return (%a, %b, %c, %u, %k)`,
      peephole,
    );
    fileCheck(
      text,
      `CHECK: prim::Constant[value=0]()
       CHECK: prim::Constant[value=1]()
       CHECK: aten::__is__(%o, %n)
       CHECK-NOT: unwrap
       CHECK-NOT: unchecked_cast`,
    );
    expect(text).toMatch(/return \(%\w+, %\w+, %c, %x, %x\)/);
  });

  it('simplifies int arithmetic as PyTorch does', () => {
    const { text } = runPass(
      `graph(%i : int):
  %0 : int = prim::Constant[value=0]()
  %1 : int = prim::Constant[value=1]()
  %2 : int = prim::Constant[value=2]()
  %a : int = aten::add(%i, %0)
  %b : int = aten::mul(%1, %a)
  %c : int = aten::add(%b, %2)
  %d : int = aten::add(%c, %2)
  %e : int = aten::floordiv(%d, %1)
  %q : bool = aten::eq(%i, %i)
  return (%e, %q)`,
      peephole,
    );
    fileCheck(
      text,
      'CHECK: prim::Constant[value=4]()\nCHECK: %d : int = aten::add(%i, %\nCHECK-NOT: aten::floordiv\nCHECK: return (%d, %',
    );
  });

  it('drops tensor x + 0 and x * 1 only where type promotion cannot change', () => {
    const { text } = runPass(
      `graph(%x : Tensor, %y : Float(2, strides=[1], requires_grad=0, device=cpu)):
  %0 : int = prim::Constant[value=0]()
  %1 : int = prim::Constant[value=1]()
  %f : float = prim::Constant[value=0.]()
  %a : Tensor = aten::add(%x, %f, %1)
  %b : Tensor = aten::add(%y, %f, %1)
  %z : Tensor = aten::neg(%x)
  %c : Tensor = aten::mul(%z, %1)
  %r : Tensor = aten::mul(%b, %c)
  %o : Tensor = aten::mul(%x, %1)
  return (%a, %r, %o)`,
      peephole,
    );
    // A float 0 added to a tensor of unknown dtype may promote it: that add stays. `x * 1` as a
    // graph output stays too: it would make an output alias an input.
    fileCheck(
      text,
      `CHECK: %a : Tensor = aten::add(%x, %f, %1)
       CHECK-NOT: aten::add
       CHECK: %r : Tensor = aten::mul(%y, %z)
       CHECK: %o : Tensor = aten::mul(%x, %1)`,
    );
  });

  it('reads lists built by ListConstruct that nothing writes', () => {
    const source = (write: string) => `graph(%x : int, %y : int):
  %0 : int = prim::Constant[value=0]()
  %l : int[] = prim::ListConstruct(%x, %y)
  ${write}
  %n : int = aten::len(%l)
  %a : int = aten::__getitem__(%l, %0)
  return (%n, %a)`;
    const pure = runPass(source(''), peephole).text;
    fileCheck(pure, 'CHECK: prim::Constant[value=2]()\nCHECK-NOT: aten::len\nCHECK-NOT: __getitem__');
    expect(pure).toMatch(/return \(%\w+, %x\)/);
    const written = runPass(source('%w : int[] = aten::append(%l, %x)'), peephole).text;
    fileCheck(written, 'CHECK: aten::len\nCHECK: aten::__getitem__');
  });

  it('replaces an If output that restates the condition, and narrows Optional outputs', () => {
    const { text } = runPass(
      `graph(%c : bool, %x : int):
  %t : bool = prim::Constant[value=1]()
  %f : bool = prim::Constant[value=0]()
  %y : bool = prim::If(%c)
    block0():
      -> (%t)
    block1():
      -> (%f)
  %z : int? = prim::If(%c)
    block0():
      -> (%x)
    block1():
      -> (%x)
  return (%y, %z)`,
      peephole,
    );
    fileCheck(text, 'CHECK: %z : int = prim::If(%c)\nCHECK: return (%c, %z)');
  });
});
