import { FrontendError } from '@tsjit/frontend';
import { describe, expect, it } from 'vitest';
import { CompilationUnit } from './compilation-unit.js';
import type { ScriptClass } from './script-class.js';

const SOURCE = `class Box:
    def twice(self) -> int:
        return self.get() * 2

    def get(self) -> int:
        return self.v

    def __init__(self, v: int):
        self.v = v
`;

function box(): ScriptClass {
  const cls = new CompilationUnit(SOURCE, { prefix: '__torch__.m' }).getClass('Box');
  if (!cls) throw new Error('no Box');
  return cls;
}

describe('ScriptClass', () => {
  it('has the name, qualified name and type of the class', () => {
    const cls = box();
    expect(cls.name).toBe('Box');
    expect(cls.qualifiedName).toBe('__torch__.m.Box');
    expect(cls.type.qualifiedName).toBe('__torch__.m.Box');
    // __init__ declares the attributes (it is compiled first, wherever it is defined).
    expect(cls.type.attributes.map((a) => a.name)).toEqual(['v']);
  });

  it("lists its methods by name, as PyTorch's @torch.jit.script lists a class's", () => {
    const cls = box();
    expect(cls.methods.map((m) => m.name)).toEqual(['__init__', 'get', 'twice']);
    expect(cls.method('twice')?.qualifiedName).toBe('__torch__.m.Box.twice');
    expect(cls.method('missing')).toBeUndefined();
  });

  it('prints as torch.jit.save writes the class into code/', () => {
    // What torch.jit.save writes for this class (code/__torch__/m.py).
    expect(box().code).toBe(
      [
        'class Box:',
        '  v : int',
        '  def __init__(self: __torch__.m.Box,',
        '    v: int) -> NoneType:',
        '    self.v = v',
        '    return None',
        '  def get(self: __torch__.m.Box) -> int:',
        '    return self.v',
        '  def twice(self: __torch__.m.Box) -> int:',
        '    return torch.mul((self).get(), 2)',
        '',
      ].join('\n'),
    );
    expect(String(box())).toBe(box().code);
  });

  it('reports errors in methods when the unit is made', () => {
    const source =
      'class Bad:\n    def __init__(self):\n        self.v = 1\n\n    def get(self) -> str:\n        return self.v\n';
    let error: unknown;
    try {
      new CompilationUnit(source);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FrontendError);
    expect((error as FrontendError).line).toBe(6);
  });
});
