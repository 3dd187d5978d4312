import { parseIR } from '@tsjit/ir';
import type { OpArgs, Overload } from '@tsjit/ops';
import { opRegistry, tensor, withMode } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { execute } from '../run/execute.js';
import { RunState } from '../run/run-state.js';
import type { CodeProvider } from './code.js';
import { compileGraph } from './compile-graph.js';
import { runsUndispatched } from './runs-undispatched.js';

const overload = (name: string): Overload => {
  const o = opRegistry().find(name);
  if (o === undefined) throw new Error(`no overload ${name}`);
  return o;
};

const noCalls: CodeProvider = {
  functionCode: () => {
    throw new Error('no functions here');
  },
  methodCode: () => {
    throw new Error('no methods here');
  },
};

describe('runsUndispatched', () => {
  it("takes PyTorch's prim ops: scalar ops and reads of a tensor's metadata", () => {
    for (const name of [
      'aten::eq.int',
      'aten::__not__',
      'aten::lt.float',
      'aten::__is__',
      'aten::dim',
      'prim::dtype',
      'aten::size.int',
    ])
      expect(runsUndispatched(overload(name)), name).toBe(true);
  });

  it('leaves ops that take or make tensors, generic ops and writers to the dispatcher', () => {
    for (const name of [
      'aten::add.Tensor',
      'aten::relu',
      'aten::zeros',
      'aten::add_.Tensor',
      'aten::__getitem__.t',
      'aten::append.t',
      'aten::format',
    ])
      expect(runsUndispatched(overload(name)), name).toBe(false);
  });

  it('a mode sees the tensor ops of a compiled graph but not its dim / int / bool ops', () => {
    const graph = parseIR(`graph(%x : Tensor):
  %one : int = prim::Constant[value=1]()
  %d : int = aten::dim(%x)
  %b : bool = aten::eq(%d, %one)
  %n : bool = aten::__not__(%b)
  %y : Tensor = aten::add(%x, %x, %one)
  return (%y, %n)`);
    const code = compileGraph(graph, { name: 'f', provider: noCalls });
    const seen: string[] = [];
    const mode = {
      handle(o: Overload, args: OpArgs, next: (a: OpArgs) => unknown) {
        seen.push(o.qualifiedName);
        return next(args);
      },
    };
    const [y, n] = withMode(mode, () => execute(code, [tensor([1, 2])], new RunState())) as [
      { toArray(): unknown },
      boolean,
    ];
    expect(y.toArray()).toEqual([2, 4]);
    expect(n).toBe(false);
    expect(seen).toEqual(['aten::add.Tensor']);
  });
});
