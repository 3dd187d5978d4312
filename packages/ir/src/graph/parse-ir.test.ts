import { describe, expect, it } from 'vitest';
import { IRParseError } from '../errors/ir-parse-error.js';
import { lint } from './lint.js';
import { parseIR } from './parse-ir.js';
import type { ParsedTensor } from './tensor-attribute.js';

function roundTrip(text: string): ReturnType<typeof parseIR> {
  const graph = parseIR(text);
  expect(graph.toString()).toBe(text);
  lint(graph);
  return graph;
}

describe('parseIR', () => {
  it('reads names, ids, types, attributes, blocks and source ranges', () => {
    const text = `graph(%x.1 : Tensor,
      %y : int):
  %2 : int = prim::Constant[value=1]()
  %3 : Tensor = aten::add(%x.1, %x.1, %2) # t.py:3:10
  %c : bool = aten::Bool(%3)
  %4 : Tensor = prim::If(%c)
    block0():
      -> (%x.1)
    block1():
      -> (%3)
  return (%4)
`;
    const graph = roundTrip(text);
    const [constant, add, , ifNode] = [...graph.nodes()];
    expect(constant.i('value')).toBe(1);
    expect(add.sourceRange).toEqual({ file: 't.py', line: 3, col: 10 });
    expect(add.output().unique).toBe(3);
    expect(add.output().hasDebugName()).toBe(false);
    expect(graph.inputs[0].debugName()).toBe('x.1');
    expect(graph.inputs[1].type.annotationStr()).toBe('int');
    expect(ifNode.blocks.length).toBe(2);
    expect(ifNode.blocks[1].outputs[0]).toBe(add.output());
    // Fresh values do not collide with ids read from the text.
    expect(graph.insertConstant(5).unique).toBeGreaterThan(4);
  });

  it('reads every attribute kind the printer writes', () => {
    const text = `graph():
  %0 : int = prim::Constant[value=-3]()
  %1 : float = prim::Constant[value=1e+20]()
  %2 : complex = prim::Constant[value=0.+3.j]()
  %3 : str = prim::Constant[value="a\\n\\"b\\'\\001"]()
  %4 : Tensor = prim::Constant[value={2.5}]()
  %5 : Tensor = prim::Constant[value=<Tensor>]()
  %6 : Tensor = prim::Constant[value= 1 2 3 [ CPULongType{3} ]]()
  %7 : (int, float[], NoneType, bool) = prim::Constant[value=(1, [2., inf], None, True)]()
  %8 : bool = prim::isinstance[types=[int, Tensor?]](%0)
  %9 : int = prim::Test[ty=Dict(str, int), big=9223372036854775807]()
  return (%0)
`;
    const graph = roundTrip(text);
    const n = [...graph.nodes()];
    expect(n[0].getAttribute('value')).toEqual({ kind: 'i', value: -3 });
    expect(n[1].f('value')).toBe(1e20);
    expect(n[2].c('value')).toEqual({ kind: 'complex', re: 0, im: 3 });
    expect(n[3].s('value')).toBe('a\n"b\'\x01');
    expect((n[4].t('value') as ParsedTensor).scalar).toEqual({ value: 2.5, isFloatingPoint: true });
    expect((n[5].t('value') as ParsedTensor).text).toBe('<Tensor>');
    expect(n[6].attributeKind('value')).toBe('t');
    expect(n[7].ival('value')).toEqual({
      kind: 'tuple',
      items: [
        { kind: 'int', value: 1 },
        [
          { kind: 'float', value: 2 },
          { kind: 'float', value: Number.POSITIVE_INFINITY },
        ],
        null,
        true,
      ],
    });
    expect(n[8].tys('types').map((t) => t.annotationStr())).toEqual(['int', 'Tensor?']);
    expect(n[9].ty('ty').annotationStr()).toBe('Dict(str, int)');
    expect(n[9].i('big')).toBe(9223372036854775807n);
  });

  it('reads subgraphs of group nodes, nested ones included', () => {
    const text = `graph(%x : Tensor):
  %1 : Future[Tensor] = prim::fork_0(%x)
  %2 : Future[Tensor] = prim::fork_1(%x)
  return (%1, %2)
with prim::fork_0 = graph(%y : Tensor):
  %1 : Future[Tensor] = prim::fork_0(%y)
  %2 : Tensor = aten::wait(%1)
  return (%2)
with prim::fork_0 = graph(%z : Tensor):
  return (%z)
with prim::fork_1 = graph(%w : Tensor):
  return (%w)
`;
    const graph = roundTrip(text);
    const [first, second] = [...graph.nodes()];
    expect(first.kind).toBe('prim::fork');
    expect(first.g('Subgraph').inputs[0].debugName()).toBe('y');
    expect([...first.g('Subgraph').nodes()][0].g('Subgraph').inputs[0].debugName()).toBe('z');
    expect(second.g('Subgraph').inputs[0].debugName()).toBe('w');
  });

  it('reads what PyTorch prints for frozen and reloaded modules', () => {
    // A tensor display that starts with a negative value, and a source comment without a file.
    const graph = roundTrip(`graph(%x : Tensor):
  %b : Tensor = prim::Constant[value=-0.3694 -0.4002 [ CPUFloatType{2} ]]()
  %6 : NoneType = prim::Constant() # :0:0
  %2 : Tensor = aten::mul(%x, %b)
  return (%2)
`);
    const [constant, none] = [...graph.nodes()];
    expect((constant.t('value') as ParsedTensor).text).toBe('-0.3694 -0.4002 [ CPUFloatType{2} ]');
    expect(none.sourceRange).toEqual({ file: '', line: 0, col: 0 });
  });

  it('reads kinds with dots and names with non-ASCII letters', () => {
    const graph = roundTrip('graph(%é.1 : Tensor):\n  %1 : Tensor = aten::add.Tensor(%é.1)\n  return (%1)\n');
    expect([...graph.nodes()][0].kind).toBe('aten::add.Tensor');
  });

  it('reads class, NamedTuple, Union, Optional, Future and nested container types', () => {
    const text = `graph(%self : __torch__.m.Counter,
      %p : NamedTuple(x : int, y : float),
      %u : Union(int, str),
      %o : Dict(str, Tensor[])?,
      %f : Future[(int, Tensor)],
      %l : int[][]):
  return (%self)
`;
    const graph = roundTrip(text);
    expect(graph.inputs.map((v) => v.type.kind)).toEqual([
      'ClassType',
      'TupleType',
      'UnionType',
      'OptionalType',
      'FutureType',
      'ListType',
    ]);
  });

  const malformed: [string, string, RegExp, number][] = [
    ['an empty text', '', /expected 'graph'/, 1],
    ['a missing return', 'graph(%x : Tensor):\n', /expected a statement or 'return'/, 2],
    ['an undefined value', 'graph():\n  %1 : int = aten::neg(%q)\n  return (%1)\n', /value %q is not defined here/, 2],
    [
      'a value used outside its block',
      'graph(%c : bool):\n   = prim::If(%c)\n    block0():\n      %v : int = prim::Constant[value=1]()\n      -> ()\n  return (%v)\n',
      /value %v is not defined here/,
      6,
    ],
    [
      'a block using its owner’s output',
      'graph(%c : bool):\n  %r : int = prim::If(%c)\n    block0():\n      -> (%r)\n  return (%r)\n',
      /value %r is not defined here/,
      4,
    ],
    ['a value defined twice', 'graph(%x : Tensor,\n      %x : Tensor):\n  return ()\n', /%x is defined twice/, 2],
    ['an id defined twice', 'graph(%1 : Tensor,\n      %1 : int):\n  return ()\n', /%1 is defined twice/, 2],
    ['an unknown type', 'graph(%x : Tenser):\n  return ()\n', /unknown type 'Tenser'/, 1],
    ['a bad Dict key', 'graph(%x : Dict(int[], int)):\n  return ()\n', /cannot be a Dict key type/, 1],
    ['a bad kind', 'graph():\n   = add()\n  return ()\n', /expected a node kind/, 2],
    [
      'an unterminated string',
      'graph():\n  %0 : str = prim::Constant[value="abc]()\n  return (%0)\n',
      /unterminated string/,
      2,
    ],
    ['a bad escape', 'graph():\n  %0 : str = prim::Constant[value="\\q"]()\n  return (%0)\n', /bad escape/, 2],
    ['a repeated attribute', 'graph():\n   = prim::T[a=1, a=2]()\n  return ()\n', /attribute 'a' is given twice/, 2],
    [
      'a wrong block number',
      'graph(%c : bool):\n   = prim::If(%c)\n    block1():\n      -> ()\n  return ()\n',
      /expected 'block0'/,
      3,
    ],
    ['a bad source comment', 'graph():\n   = prim::T() # nowhere\n  return ()\n', /source location comment/, 2],
    ['a too large int', 'graph():\n   = prim::T[v=9223372036854775808]()\n  return ()\n', /does not fit in 64 bits/, 2],
    ['trailing text', 'graph():\n  return ()\nextra\n', /expected the end of the text/, 3],
    [
      'an unfinished subgraph',
      'graph(%x : Tensor):\n   = prim::fork_0(%x)\n  return ()\nwith prim::fork_0 = graph(%y : Tensor):\n',
      /expected a statement or 'return'/,
      5,
    ],
    ['a one-element tuple without comma', 'graph():\n   = prim::T[v=(1)]()\n  return ()\n', /one-element tuple/, 2],
  ];
  for (const [what, text, message, line] of malformed) {
    it(`rejects ${what} with an IRParseError at line ${line}`, () => {
      let caught: unknown;
      try {
        parseIR(text);
      } catch (error) {
        caught = error;
      }
      expect(IRParseError.isInstance(caught)).toBe(true);
      const error = caught as IRParseError;
      expect(error.reason).toMatch(message);
      expect(error.line).toBe(line);
      expect(error.message).toContain('^');
    });
  }
});
