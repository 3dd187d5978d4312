import { parseIR } from '@tsjit/ir';
import { FloatScalar } from '@tsjit/ops';
import { Tensor, tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { CallCancelledError } from '../errors/call-cancelled-error.js';
import { ScriptRuntimeError } from '../errors/script-runtime-error.js';
import { execute } from '../run/execute.js';
import { INTERRUPT_ABORT, RunState } from '../run/run-state.js';
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

function compile(ir: string, provider: CodeProvider = noCalls) {
  return compileGraph(parseIR(ir), { name: 'f', provider });
}

const run = (ir: string, ...args: unknown[]) => execute(compile(ir), args, new RunState());

/** A tensor's values as nested arrays. */
const values = (t: unknown): unknown => (t as { toArray(): unknown }).toArray();

describe('compileGraph', () => {
  it('runs int arithmetic in a loop with the carried value written in place (no back-edge MOVE)', () => {
    const ir = `graph(%n : int):
  %t : bool = prim::Constant[value=1]()
  %z : int = prim::Constant[value=0]()
  %s : int = prim::Loop(%n, %t, %z)
    block0(%i : int, %acc : int):
      %next : int = aten::add(%acc, %i)
      -> (%t, %next)
  return (%s)`;
    const code = compile(ir);
    expect(code.dump()).toMatch(/ADD_INT (\d+) \d+ \1 /);
    expect(code.dump()).not.toMatch(/MOVE.*\n.*LOOP_NEXT/);
    expect(execute(code, [100000], new RunState())).toBe(4999950000);
    expect(execute(code, [0], new RunState())).toBe(0);
    expect(execute(code, [-5], new RunState())).toBe(0);
  });

  it('leaves the int fast path for values beyond 2^53 (the op wraps like int64)', () => {
    const ir = `graph(%a : int, %b : int):
  %c : int = aten::add(%a, %b)
  %d : int = aten::mul(%c, %c)
  return (%d)`;
    expect(run(ir, 2, 3)).toBe(25);
    expect(run(ir, 2 ** 31, 2 ** 31)).toBe(0); // (2^32)^2 = 2^64 wraps to 0
    expect(run(ir, 2 ** 26, 1)).toBe((2 ** 26 + 1) ** 2); // 2^52 + ...: still exact as a number
    expect(run(ir, 3037000499, 1)).toBe(BigInt.asIntN(64, 3037000500n ** 2n));
    expect(run(ir, 2 ** 53, 2 ** 53)).toBe(0); // (2^54)^2 wraps to 0, an exact int again
  });

  it('swaps carried values through temporaries (a, b = b, a)', () => {
    const ir = `graph(%n : int):
  %t : bool = prim::Constant[value=1]()
  %one : int = prim::Constant[value=1]()
  %two : int = prim::Constant[value=2]()
  %a : int, %b : int = prim::Loop(%n, %t, %one, %two)
    block0(%i : int, %x : int, %y : int):
      %s : int = aten::add(%x, %y)
      -> (%t, %y, %s)
  %r : (int, int) = prim::TupleConstruct(%a, %b)
  return (%r)`;
    expect(run(ir, 10)).toEqual([144, 233]);
    expect(Object.isFrozen(run(ir, 0))).toBe(true);
  });

  it('runs while loops (condition carried) and if/else with outputs', () => {
    const ir = `graph(%n : int):
  %max : int = prim::Constant[value=9223372036854775807]()
  %z : int = prim::Constant[value=0]()
  %three : int = prim::Constant[value=3]()
  %c0 : bool = aten::lt(%z, %n)
  %r : int = prim::Loop(%max, %c0, %z)
    block0(%i : int, %x : int):
      %y : int = aten::add(%x, %three)
      %c : bool = aten::lt(%y, %n)
      -> (%c, %y)
  %big : bool = aten::gt(%r, %three)
  %out : int = prim::If(%big)
    block0():
      -> (%r)
    block1():
      %neg : int = aten::neg(%r)
      -> (%neg)
  return (%out)`;
    expect(run(ir, 10)).toBe(12);
    expect(run(ir, 2)).toBe(-3);
    expect(run(ir, 0)).toBe(0);
  });

  it('drops a tensor after its last use, and a value read in a loop only after the loop', () => {
    const ir = `graph(%x : Tensor, %n : int):
  %t : bool = prim::Constant[value=1]()
  %one : int = prim::Constant[value=1]()
  %y : Tensor = aten::mul(%x, %x)
  %r : Tensor = prim::Loop(%n, %t, %y)
    block0(%i : int, %acc : Tensor):
      %next : Tensor = aten::add(%acc, %x, %one)
      -> (%t, %next)
  %z : Tensor = aten::neg(%r)
  return (%z)`;
    const code = compile(ir);
    const dump = code.dump();
    const loopEnd = dump.indexOf('LOOP_NEXT');
    // %x (register 0) is read in the body: dropped after the loop, not inside it.
    const dropX = dump.indexOf('DROP 0\n');
    expect(dropX).toBeGreaterThan(loopEnd);
    const out = execute(code, [tensor([1, 2], { dtype: 'float32' }), 3], new RunState()) as Tensor;
    expect(values(out)).toEqual([-4, -10]);
  });

  it('keeps integral float results floats', () => {
    const ir = `graph(%a : float, %b : float):
  %c : float = aten::add(%a, %b)
  %s : str = aten::str(%c)
  %r : (float, str) = prim::TupleConstruct(%c, %s)
  return (%r)`;
    const [c, s] = run(ir, 0.5, new FloatScalar(1.5)) as [unknown, string];
    expect(c).toBeInstanceOf(FloatScalar);
    expect(s).toBe('2.');
  });

  it('raises a ScriptRuntimeError with the frame of the failing node', () => {
    const source = 'def f(xs: List[int]):\n    return xs[5]\n';
    const graph = parseIR(`graph(%xs : int[]):
  %i : int = prim::Constant[value=5]()
  %v : int = aten::__getitem__(%xs, %i) # <string>:2:11
  return (%v)`);
    const code = compileGraph(graph, { name: 'f', provider: { ...noCalls, sourceText: () => source } });
    let error: unknown;
    try {
      execute(code, [[1, 2]], new RunState());
    } catch (e) {
      error = e;
    }
    expect(ScriptRuntimeError.isInstance(error)).toBe(true);
    const e = error as ScriptRuntimeError;
    expect(e.pythonType).toBe('RuntimeError');
    expect(e.reason).toBe('list index out of range');
    expect(e.frames).toEqual([expect.objectContaining({ function: 'f', file: '<string>', line: 2, col: 11 })]);
    expect(e.message).toBe(
      'The following operation failed in the TorchScript interpreter.\n' +
        'Traceback of TorchScript (most recent call last):\n' +
        '  File "<string>", line 2, in f\n' +
        'def f(xs: List[int]):\n' +
        '    return xs[5]\n' +
        '           ~~ <--- HERE\n' +
        '\n' +
        'RuntimeError: list index out of range\n',
    );
  });

  it('stops an infinite loop when the interrupt flag is set, and by a deadline', () => {
    const ir = `graph(%n : int):
  %max : int = prim::Constant[value=9223372036854775807]()
  %t : bool = prim::Constant[value=1]()
  %one : int = prim::Constant[value=1]()
  %r : int = prim::Loop(%max, %t, %n)
    block0(%i : int, %x : int):
      %y : int = aten::add(%x, %one)
      -> (%t, %y)
  return (%r)`;
    const code = compile(ir);
    const flag = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(flag, 0, INTERRUPT_ABORT);
    expect(() => execute(code, [0], new RunState({ interrupt: flag }))).toThrow(CallCancelledError);
    let error: unknown;
    try {
      execute(code, [0], new RunState({ deadline: Date.now() + 20 }));
    } catch (e) {
      error = e;
    }
    expect(CallCancelledError.isInstance(error)).toBe(true);
    expect((error as CallCancelledError).reason).toBe('deadline');
  });

  it('reports an operator without an implementation only when it runs', () => {
    const ir = `graph(%c : bool, %x : Tensor):
  %r : Tensor = prim::If(%c)
    block0():
      %y : Tensor = aten::no_such_op(%x)
      -> (%y)
    block1():
      -> (%x)
  return (%r)`;
    const code = compile(ir);
    const x = tensor([1], { dtype: 'float32' });
    expect(execute(code, [false, x], new RunState())).toBe(x);
    expect(() => execute(code, [true, x], new RunState())).toThrow(/unknown operator aten::no_such_op/);
  });

  it('builds lists, tuples and dicts with Python key semantics', () => {
    const ir = `graph(%a : float, %b : int):
  %k : str = prim::Constant[value="k"]()
  %l : int[] = prim::ListConstruct(%b, %b)
  %d : Dict(float, int) = prim::DictConstruct(%a, %b)
  %n : int = aten::len(%l)
  %r : (int[], Dict(float, int), int) = prim::TupleConstruct(%l, %d, %n)
  return (%r)`;
    const [l, d, n] = run(ir, new FloatScalar(1), 7) as [number[], Map<unknown, unknown>, number];
    expect(l).toEqual([7, 7]);
    expect(Object.isFrozen(l)).toBe(false);
    expect([...d.entries()]).toEqual([[1, 7]]);
    expect(n).toBe(2);
    expect(Tensor).toBeDefined();
  });
});
