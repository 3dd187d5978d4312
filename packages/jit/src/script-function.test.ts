import { lint, printFunctionCode } from '@tsjit/ir';
import { type Tensor, tensor } from '@tsjit/tensor';
import { describe, expect, it } from 'vitest';
import { CompilationUnit } from './compilation-unit.js';
import type { ScriptFunction } from './script-function.js';

const SOURCE = `def scale(x: Tensor, k: int = 3) -> Tensor:
    a = (k, 2)
    b, c = a
    return x * b + c

def twice(x: Tensor) -> Tensor:
    return scale(scale(x), 2)
`;

function fn(name: string, source = SOURCE): ScriptFunction {
  const found = new CompilationUnit(source).get(name);
  if (!found) throw new Error(name);
  return found;
}

/** A tensor's values as nested arrays. */
const values = (t: unknown): unknown => (t as { toArray(): unknown }).toArray();

describe('ScriptFunction', () => {
  it('has the name, qualified name and schema PyTorch gives', () => {
    const scale = fn('scale');
    expect(scale.name).toBe('scale');
    expect(scale.qualifiedName).toBe('scale');
    expect(scale.isMethod).toBe(false);
    expect(scale.schema.toString()).toBe('scale(Tensor x, int k=3) -> Tensor');
  });

  it('shows the graph after the frontend cleanup: tuples lowered, constants pooled at the top', () => {
    const graph = fn('scale').graph;
    lint(graph);
    const kinds = [...graph.nodes()].map((n) => n.kind);
    expect(kinds).not.toContain('prim::TupleConstruct');
    expect(kinds).not.toContain('prim::TupleUnpack');
    expect(kinds.slice(0, 2)).toEqual(['prim::Constant', 'prim::Constant']);
    expect(graph.toString()).toContain('aten::mul(%x.1, %k.1)');
  });

  it('gives its own graph each time, and a new inlined copy each time', () => {
    const twice = fn('twice');
    // Identity as booleans: printing a Graph in a failure message would walk all of it.
    const graph = twice.graph;
    expect(graph === twice.graph).toBe(true);
    const inlined = twice.inlinedGraph;
    expect(inlined === twice.inlinedGraph).toBe(false);
    expect(inlined.toString()).toBe(twice.inlinedGraph.toString());
    // The calls are inlined in the copy only.
    expect(twice.graph.toString()).toContain('prim::CallFunction');
    expect(inlined.toString()).not.toContain('prim::CallFunction');
    expect(inlined.toString().match(/aten::mul/g)).toHaveLength(2);
    lint(inlined);
  });

  it('prints its code from its graph and schema, as PyTorch prints fn.code', () => {
    const scale = fn('scale');
    expect(scale.code).toBe(printFunctionCode(scale.graph, scale.schema).code);
    expect(scale.code).toBe('def scale(x: Tensor,\n    k: int=3) -> Tensor:\n  return torch.add(torch.mul(x, k), 2)\n');
    expect(String(scale)).toBe(scale.code);
    // As PyTorch prints it: calls of script functions spell out every argument.
    expect(fn('twice').code).toBe('def twice(x: Tensor) -> Tensor:\n  return scale(scale(x, 3, ), 2, )\n');
  });

  it('runs in the interpreter: defaults fill the arguments left out, calls of script functions too', () => {
    const x = tensor([1, 2], { dtype: 'float32' });
    expect(values(fn('scale').call(x))).toEqual([5, 8]);
    expect(values(fn('scale').call(x, 1))).toEqual([3, 4]);
    // twice(x) = scale(scale(x, 3), 2) = (x * 3 + 2) * 2 + 2
    expect(values(fn('twice').call(x))).toEqual([12, 18]);
    expect(() => fn('scale').call()).toThrow(/missing value for argument 'x'/);
    expect(() => fn('scale').call(x, 1, 2)).toThrow(/expected at most 2 argument\(s\) but received 3/);
    expect(() => fn('scale').call(x, 'a')).toThrow(
      /Expected a value of type 'int' for argument 'k' but instead found type 'str'/,
    );
  });

  it('inlines methods of script classes into their callers', () => {
    const cu = new CompilationUnit(
      [
        'class Acc:',
        '    def __init__(self, start: int):',
        '        self.total = start',
        '    def add(self, v: int) -> int:',
        '        self.total += v',
        '        return self.total',
        '',
        'def run(v: int) -> int:',
        '    a = Acc(v)',
        '    return a.add(1)',
        '',
      ].join('\n'),
      { prefix: '__torch__' },
    );
    const run = cu.get('run') as ScriptFunction;
    expect(run.graph.toString()).toContain('prim::CallMethod[name="add"]');
    const inlined = run.inlinedGraph.toString();
    expect(inlined).not.toContain('prim::CallMethod');
    expect(inlined).toContain('prim::SetAttr[name="total"]');
    const add = cu.getClass('Acc')?.method('add') as ScriptFunction;
    expect(add.isMethod).toBe(true);
    expect(add.qualifiedName).toBe('__torch__.Acc.add');
    expect(add.schema.toString()).toBe('add(__torch__.Acc self, int v) -> int');
  });
});
