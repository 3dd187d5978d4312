import { FrontendError } from '@tsjit/frontend';
import { describe, expect, it } from 'vitest';
import { script } from './script.js';
import { ScriptClass } from './script-class.js';
import { ScriptFunction } from './script-function.js';

const HELPERS = `def square(x: int) -> int:
    return x * x

def sum_squares(xs: List[int]) -> int:
    t = 0
    for x in xs:
        t += square(x)
    return t
`;

describe('script', () => {
  it('returns the last function of the source, compiled with its helpers', () => {
    const fn = script(HELPERS);
    expect(fn).toBeInstanceOf(ScriptFunction);
    expect(fn.name).toBe('sum_squares');
    expect((fn as ScriptFunction).schema.toString()).toBe('sum_squares(int[] xs) -> int');
    // PyTorch's `torch.jit.CompilationUnit(HELPERS).sum_squares.code`:
    expect(fn.code).toBe(
      [
        'def sum_squares(xs: List[int]) -> int:',
        '  t = 0',
        '  for _0 in range(torch.len(xs)):',
        '    x = xs[_0]',
        '    t = torch.add(t, square(x, ))',
        '  return t',
        '',
      ].join('\n'),
    );
  });

  it('returns the function or class named', () => {
    expect(script(HELPERS, { name: 'square' }).name).toBe('square');
    const point = script(
      'class Point:\n    def __init__(self, x: int):\n        self.x = x\n\ndef f() -> int:\n    return 1\n',
      {
        name: 'Point',
        prefix: '__torch__',
      },
    );
    expect(point).toBeInstanceOf(ScriptClass);
    expect(point.qualifiedName).toBe('__torch__.Point');
  });

  it('returns a class when the source ends with one', () => {
    const cls = script(
      'class Box:\n    def __init__(self, v: int):\n        self.v = v\n\n    def get(self) -> int:\n        return self.v\n',
    );
    expect(cls).toBeInstanceOf(ScriptClass);
    expect((cls as ScriptClass).methods.map((m) => m.name)).toEqual(['__init__', 'get']);
  });

  it('skips NamedTuples: they are types, not functions or classes to return', () => {
    const fn = script('def f(p: Pair) -> int:\n    return p.a\n\nclass Pair(NamedTuple):\n    a: int\n');
    expect(fn.name).toBe('f');
  });

  it('throws a FrontendError when there is nothing to return', () => {
    expect(() => script('')).toThrow(FrontendError);
    expect(() => script('class Pair(NamedTuple):\n    a: int\n')).toThrow(
      /expected the source to define a function or class/,
    );
    let error: unknown;
    try {
      script(HELPERS, { name: 'cube', file: 'helpers.py' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FrontendError);
    expect((error as FrontendError).reason).toBe(
      "script() expected the source to define 'cube' (it defines: square, sum_squares)",
    );
    expect((error as FrontendError).file).toBe('helpers.py');
  });

  it('throws compile errors as FrontendErrors pointing at the source', () => {
    let error: unknown;
    try {
      script('def f(x: int) -> int:\n    y = x\n    return z\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FrontendError);
    expect((error as FrontendError).line).toBe(3);
    expect((error as FrontendError).column).toBe(12);
    expect((error as FrontendError).message).toContain('undefined value z');
  });
});
