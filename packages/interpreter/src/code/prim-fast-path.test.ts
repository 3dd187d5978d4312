import { parseIR } from '@tsjit/ir';
import { tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { execute } from '../run/execute.js';
import { RunState } from '../run/run-state.js';
import type { CodeProvider } from './code.js';
import { compileGraph } from './compile-graph.js';

const noCalls: CodeProvider = {
  functionCode: () => {
    throw new Error('no functions here');
  },
  methodCode: () => {
    throw new Error('no methods here');
  },
};

const run = (ir: string, args: unknown[]) =>
  execute(compileGraph(parseIR(ir), { name: 'f', provider: noCalls }), args, new RunState());

// The inline runners of aten::dim, aten::__not__ and aten::__is__/__isnot__ (primFastPath) must
// agree with the ops' implementations on every value, the unusual ones included.
describe('prim fast paths', () => {
  const checks = `graph(%x : Tensor?, %b : bool):
  %none : NoneType = prim::Constant()
  %is : bool = aten::__is__(%x, %none)
  %isnot : bool = aten::__isnot__(%x, %none)
  %n : bool = aten::__not__(%b)
  return (%is, %isnot, %n)`;

  it('`x is None`, `x is not None` and `not b` on tensors, None and bools', () => {
    expect(run(checks, [tensor([1]), true])).toEqual([false, true, false]);
    expect(run(checks, [null, false])).toEqual([true, false, true]);
    expect(run(checks, [undefined, false])).toEqual([true, false, true]);
  });

  it('`is None` on lists, tuples, ints and strings', () => {
    const ir = `graph(%x : Any):
  %none : NoneType = prim::Constant()
  %is : bool = aten::__is__(%x, %none)
  %isnot : bool = aten::__isnot__(%x, %none)
  return (%is, %isnot)`;
    for (const x of [[], [1, 2], Object.freeze([null]), 0, 3, 'a', ''])
      expect(run(ir, [x]), JSON.stringify(x)).toEqual([false, true]);
  });

  it('dim of tensors of rank 0 to 3, and the op error for a None that reached it unchecked', () => {
    const ir = `graph(%x : Tensor?):
  %t : Tensor = prim::unchecked_cast(%x)
  %d : int = aten::dim(%t)
  return (%d)`;
    expect(run(ir, [tensor(1)])).toBe(0);
    expect(run(ir, [tensor([1, 2])])).toBe(1);
    expect(run(ir, [tensor([[1], [2]])])).toBe(2);
    expect(run(ir, [tensor([[[1]]])])).toBe(3);
    expect(() => run(ir, [null])).toThrow();
  });
});
