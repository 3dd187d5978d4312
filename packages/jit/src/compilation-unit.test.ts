import { FrontendError } from '@tsjit/frontend';
import { describe, expect, it } from 'vitest';
import { CompilationUnit } from './compilation-unit.js';
import { ScriptClass } from './script-class.js';
import { ScriptFunction } from './script-function.js';

const SOURCE = `def double(x: Tensor) -> Tensor:
    return x * 2

def quadruple(x: Tensor) -> Tensor:
    return double(double(x))
`;

function errorOf(f: () => unknown): FrontendError {
  try {
    f();
  } catch (e) {
    if (e instanceof FrontendError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('CompilationUnit', () => {
  it('is made with or without new, as PyTorch spells torch.jit.CompilationUnit(src)', () => {
    const made = new CompilationUnit(SOURCE);
    const called = CompilationUnit(SOURCE);
    expect(made).toBeInstanceOf(CompilationUnit);
    expect(called).toBeInstanceOf(CompilationUnit);
    expect(called.get('quadruple')?.code).toBe(made.get('quadruple')?.code);
  });

  it('finds functions by name and lists them in source order', () => {
    const cu = new CompilationUnit(SOURCE);
    expect(cu.functions.map((fn) => fn.name)).toEqual(['double', 'quadruple']);
    expect(cu.get('double')).toBeInstanceOf(ScriptFunction);
    expect(cu.get('double')).toBe(cu.functions[0]);
    expect(cu.get('triple')).toBeUndefined();
    expect(cu.getClass('double')).toBeUndefined();
  });

  it('names functions without a namespace by default, as PyTorch, or under a prefix', () => {
    expect(new CompilationUnit(SOURCE).get('double')?.qualifiedName).toBe('double');
    const cu = new CompilationUnit(SOURCE, { prefix: '__torch__.m' });
    expect(cu.get('double')?.qualifiedName).toBe('__torch__.m.double');
    expect(cu.get('__torch__.m.double')).toBe(cu.get('double'));
    // Calls print the callee's qualified name.
    expect(cu.get('quadruple')?.code).toContain('__torch__.m.double(__torch__.m.double(x, ), )');
  });

  it('adds the functions of later sources, which see only their own (as in PyTorch)', () => {
    const cu = new CompilationUnit(SOURCE);
    const { functions, classes, all } = cu.define('def eight(x: Tensor) -> Tensor:\n    return x * 8\n');
    expect(functions.map((fn) => fn.name)).toEqual(['eight']);
    expect(classes).toEqual([]);
    expect(all).toEqual(functions);
    expect(cu.functions.map((fn) => fn.name)).toEqual(['double', 'quadruple', 'eight']);
    // torch.jit.CompilationUnit.define resolves a source's names in that source only.
    const error = errorOf(() => cu.define('def sixteen(x: Tensor) -> Tensor:\n    return double(eight(x))\n'));
    expect(error.reason).toContain('undefined value double');
  });

  it('holds classes beside functions, in source order', () => {
    const cu = new CompilationUnit(
      [
        'class Point:',
        '    def __init__(self, x: int):',
        '        self.x = x',
        '    def get(self) -> int:',
        '        return self.x',
        '',
        'def make(x: int) -> int:',
        '    return Point(x).get()',
        '',
      ].join('\n'),
      { prefix: '__torch__' },
    );
    const point = cu.getClass('Point');
    expect(point).toBeInstanceOf(ScriptClass);
    expect(cu.getClass('__torch__.Point')).toBe(point);
    expect(cu.classes).toEqual([point]);
    expect(cu.functions.map((fn) => fn.name)).toEqual(['make']);
    expect(point?.methods.map((m) => m.qualifiedName)).toEqual(['__torch__.Point.__init__', '__torch__.Point.get']);
  });

  it('compiles everything at once: an error in any function is thrown by the constructor', () => {
    const source = 'def ok(x: int) -> int:\n    return x\n\ndef bad(x: int) -> int:\n    return x + "a"\n';
    const error = errorOf(() => new CompilationUnit(source, { file: 'model.py' }));
    expect(error.line).toBe(5);
    expect(error.file).toBe('model.py');
    expect(error.message).toContain('model.py:5:');
    expect(error.message).toContain('return x + "a"');
    expect(error.message).toMatch(/\n\s+\^/);
    const cu = new CompilationUnit(SOURCE);
    expect(() => cu.define(source)).toThrow(FrontendError);
    expect(cu.get('ok')).toBeUndefined();
    expect(cu.functions).toHaveLength(2);
  });

  it('reports syntax errors and top-level statements other than defs as FrontendErrors', () => {
    expect(errorOf(() => new CompilationUnit('def f(x):\n    return (x\n')).line).toBe(2);
    const statement = errorOf(() => new CompilationUnit('x = 1\n'));
    expect(statement.line).toBe(1);
    expect(statement.reason).toContain('expected def or class');
  });

  it('refuses a second definition of a name, as PyTorch', () => {
    const twice = errorOf(() => new CompilationUnit(`${SOURCE}\ndef double(x: int) -> int:\n    return x\n`));
    expect(twice.reason).toBe("method 'double' already defined.");
    expect(twice.line).toBe(7);
    const cu = new CompilationUnit(SOURCE);
    expect(errorOf(() => cu.define('def quadruple(x: int) -> int:\n    return x\n')).line).toBe(1);
    expect(cu.get('quadruple')?.schema.toString()).toBe('quadruple(Tensor x) -> Tensor');
  });

  it('names the file given to define in its errors', () => {
    const cu = new CompilationUnit(SOURCE, { file: 'first.py' });
    const error = errorOf(() => cu.define('def g(x: int) -> str:\n    return x\n', { file: 'second.py' }));
    expect(error.file).toBe('second.py');
    expect(error.line).toBe(2);
  });

  it('is empty without a source', () => {
    const cu = new CompilationUnit();
    expect(cu.functions).toEqual([]);
    expect(cu.classes).toEqual([]);
    cu.define(SOURCE);
    expect(cu.functions).toHaveLength(2);
  });
});
