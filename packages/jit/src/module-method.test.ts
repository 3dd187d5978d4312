import { describe, expect, it } from 'vitest';
import { CompilationUnit } from './compilation-unit.js';
import { classMethods, ModuleMethod, moduleMethod, moduleMethods } from './module-method.js';
import type { ScriptModule } from './script-module.js';

const cu = new CompilationUnit(`
class Scale(torch.nn.Module):
    k: float
    def forward(self, x: Tensor) -> Tensor:
        return x * self.k

class M(torch.nn.Module):
    scale: Scale
    calls: int
    def forward(self, x: Tensor) -> Tensor:
        self.calls += 1
        return self.twice(self.scale(x))
    def twice(self, y: Tensor) -> Tensor:
        return y + y
`);
const scale = cu.getClass('Scale')?.createModule({ k: 2 }) as ScriptModule;
const m = cu.getClass('M')?.createModule({ scale, calls: 0 }) as ScriptModule;

describe('moduleMethod', () => {
  it("shows a method's code as PyTorch's module.<method>.code: self without its type", () => {
    const fn = moduleMethod(m, 'twice');
    expect(fn).toBeInstanceOf(ModuleMethod);
    expect(fn?.code).toBe('def twice(self,\n    y: Tensor) -> Tensor:\n  return torch.add(y, y)\n');
    expect(String(fn?.schema)).toBe('twice(M self, Tensor y) -> Tensor');
  });

  it('gives the graph with calls kept, and the inlined graph with callees inlined', () => {
    const fn = moduleMethod(m, 'forward');
    const graph = String(fn?.graph);
    expect(graph).toContain('prim::CallMethod[name="forward"]');
    expect(graph).toContain('prim::CallMethod[name="twice"]');
    const inlined = String(fn?.inlinedGraph);
    expect(inlined).not.toContain('prim::CallMethod');
    expect(inlined).toContain('aten::mul');
    expect(inlined).toContain('aten::add(%');
    // Inlining works on a copy: the method's own graph keeps its calls.
    expect(String(fn?.graph)).toBe(graph);
  });

  it('is undefined for a method the class does not have', () => {
    expect(moduleMethod(m, 'nope')).toBeUndefined();
  });
});

describe('moduleMethods and classMethods', () => {
  it('list the methods in definition order, for the module and for a submodule class', () => {
    expect(moduleMethods(m).map((fn) => fn.name)).toEqual(['forward', 'twice']);
    expect(classMethods(m, scale.type).map((fn) => fn.code)).toEqual([
      'def forward(self,\n    x: Tensor) -> Tensor:\n  k = self.k\n  return torch.mul(x, k)\n',
    ]);
  });
});
