import { CallCancelledError, ScriptRuntimeError } from '@tsjit/interpreter';
import { type Tensor, tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { CompilationUnit } from '../src/compilation-unit.js';
import type { ScriptModule } from '../src/script-module.js';

/** A tensor's values as nested arrays. */
const values = (t: unknown): unknown => (t as { toArray(): unknown }).toArray();

// Expected values below were checked against PyTorch 1.13 (torch.jit.script / CompilationUnit).
describe('the interpreter through the jit API', () => {
  it('runs enums: name, value, equality', () => {
    const cu = new CompilationUnit(`
class Color(Enum):
    RED = 1
    GREEN = 2

def enums(c: int) -> Tuple[str, int, bool]:
    x = Color.RED if c == 1 else Color.GREEN
    return x.name, x.value, x == Color.GREEN
`);
    expect(cu.get('enums')?.call(1)).toEqual(['RED', 1, false]);
    expect(cu.get('enums')?.call(2)).toEqual(['GREEN', 2, true]);
  });

  it('reports an error of a forked call at wait, with the forked call traceback inside, as PyTorch does', () => {
    const cu = new CompilationUnit(`
def failing(x: int) -> int:
    if x > 2:
        raise RuntimeError("too big: " + str(x))
    return x

def forked(x: int) -> int:
    f = torch.jit.fork(failing, x)
    return torch.jit.wait(f) + 1
`);
    expect(cu.get('forked')?.call(1)).toBe(2);
    let error: unknown;
    try {
      cu.get('forked')?.call(5);
    } catch (e) {
      error = e;
    }
    expect(ScriptRuntimeError.isInstance(error)).toBe(true);
    const e = error as ScriptRuntimeError;
    expect(e.pythonType).toBe('RuntimeError');
    expect(e.frames.map((f) => [f.function, f.line])).toEqual([['forked', 9]]);
    expect(e.message).toMatch(
      /^The following operation failed in the TorchScript interpreter\.\nTraceback of TorchScript \(most recent call last\):\n {2}File "<string>", line 9, in forked\n/,
    );
    expect(e.message).toMatch(/RuntimeError: The following operation failed in the TorchScript interpreter\./);
    expect(e.message).toMatch(/ {2}File "<string>", line 4, in <forked function>\n/);
    expect(e.message).toMatch(/builtins\.RuntimeError: too big: 5\n\n$/);
  });

  it('names every TorchScript frame of a failing call, outermost first', () => {
    const cu = new CompilationUnit(`
def inner(xs: List[int], i: int) -> int:
    return xs[i]

def outer(xs: List[int], i: int) -> int:
    y = 1
    return inner(xs, i) + y
`);
    let error: unknown;
    try {
      cu.get('outer')?.call([1, 2], 5);
    } catch (e) {
      error = e;
    }
    const e = error as ScriptRuntimeError;
    expect(e.frames.map((f) => [f.function, f.line])).toEqual([
      ['outer', 7],
      ['inner', 3],
    ]);
    expect(e.message.split('\n').at(-2)).toBe('RuntimeError: list index out of range');
  });

  it('keeps module state across calls and runs methods of submodules and script classes', () => {
    const cu = new CompilationUnit(`
class Counter:
    def __init__(self, start: int):
        self.n = start
    def bump(self) -> int:
        self.n += 1
        return self.n

class Scale(torch.nn.Module):
    k: float
    def forward(self, x: Tensor) -> Tensor:
        return x * self.k

class M(torch.nn.Module):
    scale: Scale
    calls: int
    history: List[int]
    def forward(self, x: Tensor) -> Tensor:
        self.calls += 1
        self.history.append(self.calls)
        c = Counter(10)
        return self.scale(x) + c.bump()
`);
    const scale = cu.getClass('Scale')?.createModule({ k: 2 }) as ScriptModule;
    const m = cu.getClass('M')?.createModule({ scale, calls: 0, history: [] }) as ScriptModule;
    expect(values(m.forward(tensor([1, 2], { dtype: 'float32' })))).toEqual([13, 15]);
    expect(values(m.forward(tensor([0], { dtype: 'float32' })))).toEqual([11]);
    expect(m.attr('calls')).toBe(2);
    expect(m.attr('history')).toEqual([1, 2]);
    expect((m.attr('scale') as ScriptModule).attr('k')).toBe(2);
    m.eval();
    expect(m.training).toBe(false);
    expect((m.attr('scale') as ScriptModule).training).toBe(false);
    const counter = cu.getClass('Counter')?.create(5);
    expect(counter?.runMethod('bump')).toBe(6);
    expect(counter?.attr('n')).toBe(6);
  });

  it('calls __exit__ of a with-statement object when the body raises', () => {
    const cu = new CompilationUnit(`
class Recorder:
    def __init__(self, log: List[str]):
        self.log = log
    def __enter__(self):
        self.log.append("enter")
    def __exit__(self, a: Any, b: Any, c: Any):
        self.log.append("exit")

class M(torch.nn.Module):
    log: List[str]
    def forward(self, fail: bool) -> List[str]:
        with Recorder(self.log):
            self.log.append("body")
            if fail:
                raise ValueError("boom")
        return self.log
`);
    const m = cu.getClass('M')?.createModule({ log: [] }) as ScriptModule;
    expect(m.forward(false)).toEqual(['enter', 'body', 'exit']);
    expect(() => m.forward(true)).toThrow(/builtins\.ValueError: boom/);
    expect(m.attr('log')).toEqual(['enter', 'body', 'exit', 'enter', 'body', 'exit']);
  });

  it('dispatches interface method calls on the object class at run time', () => {
    const cu = new CompilationUnit(`
@torch.jit.interface
class Shape:
    def area(self) -> float:
        pass

class Square:
    def __init__(self, s: float):
        self.s = s
    def area(self) -> float:
        return self.s * self.s

class Circle:
    def __init__(self, r: float):
        self.r = r
    def area(self) -> float:
        return 3.0 * self.r * self.r

def area_of(s: Shape) -> float:
    return s.area()

def total() -> float:
    t = 0.0
    for k in range(3):
        t += area_of(Square(2.0)) + area_of(Circle(1.0))
    return t
`);
    expect(cu.get('total')?.call()).toBe(21);
  });

  it('stops a call by its deadline and runs the next call normally', () => {
    const cu = new CompilationUnit(`
def spin(n: int) -> int:
    i = 0
    while True:
        i += 1
        if i == n:
            break
    return i
`);
    const fn = cu.get('spin');
    let error: unknown;
    try {
      fn?.callWith([-1], { deadline: Date.now() + 30 });
    } catch (e) {
      error = e;
    }
    expect(CallCancelledError.isInstance(error)).toBe(true);
    expect(fn?.call(1000)).toBe(1000);
  });

  it('returns fresh lists (as PyTorch converts values at the boundary) and keeps aliasing inside', () => {
    const cu = new CompilationUnit(`
def alias(xs: List[int]) -> Tuple[List[int], List[int]]:
    ys = xs
    ys.append(4)
    return xs, ys
`);
    const input = [1, 2, 3];
    const [xs, ys] = cu.get('alias')!.call(input) as [number[], number[]];
    expect(xs).toEqual([1, 2, 3, 4]);
    expect(ys).toEqual([1, 2, 3, 4]);
    expect(input).toEqual([1, 2, 3]);
    const t = tensor([1], { dtype: 'float32' }) as Tensor;
    expect(values(t)).toEqual([1]);
  });
});
