import { describe, expect, it } from 'vitest';
import { InternalError } from '../errors/internal-error.js';
import { floatValue, intValue } from '../schema/default-value.js';
import { parseSchema } from '../schema/parse-schema.js';
import { DictType } from '../types/dict-type.js';
import { ListType } from '../types/list-type.js';
import { OptionalType } from '../types/optional-type.js';
import { BoolType, FloatType, IntType, NoneType, StringType } from '../types/simple-types.js';
import { TensorType } from '../types/tensor-type.js';
import { Graph } from './graph.js';
import { complexValue, deviceValue, dictValue, tensorValue, tupleValue } from './ivalue.js';
import { lint } from './lint.js';
import { Node } from './node.js';
import { ParsedTensor } from './tensor-attribute.js';

/** graph(%x, %c : bool): %y = aten::add(%x, %x, 1); %r = prim::If(%c) {block0: -> %x; block1: -> %y}; return %r */
function sample() {
  const graph = new Graph();
  const x = graph.addInput('x.1');
  const c = graph.addInput('c', BoolType.get());
  const one = graph.insertConstant(1);
  const add = graph.insert('aten::add', [x, x, one]);
  add.setSourceRange({ file: 't.py', line: 3, col: 10 });
  const ifNode = graph.insert('prim::If', [c]);
  const b0 = ifNode.addBlock();
  b0.registerOutput(x);
  const b1 = ifNode.addBlock();
  b1.registerOutput(add.output());
  graph.registerOutput(ifNode.output());
  return { graph, x, c, one, add, ifNode, b0, b1 };
}

describe('Graph construction and printing', () => {
  it("prints PyTorch's IR format", () => {
    const { graph } = sample();
    expect(graph.toString()).toBe(
      [
        'graph(%x.1 : Tensor,',
        '      %c : bool):',
        '  %2 : int = prim::Constant[value=1]()',
        '  %3 : Tensor = aten::add(%x.1, %x.1, %2) # t.py:3:10',
        '  %4 : Tensor = prim::If(%c)',
        '    block0():',
        '      -> (%x.1)',
        '    block1():',
        '      -> (%3)',
        '  return (%4)',
        '',
      ].join('\n'),
    );
    lint(graph);
  });

  it('leaves source ranges out on request', () => {
    const { graph } = sample();
    expect(graph.toString({ sourceRanges: false })).toContain('  %3 : Tensor = aten::add(%x.1, %x.1, %2)\n');
    expect(graph.toString({ sourceRanges: false })).not.toContain('#');
    expect(graph.toString()).toContain(' # t.py:3:10\n');
  });

  it('prints a node on its own, with its blocks', () => {
    const { ifNode, add } = sample();
    expect(add.toString()).toBe(' %3 : Tensor = aten::add(%x.1, %x.1, %2) # t.py:3:10\n'.slice(1));
    expect(ifNode.toString()).toBe(
      '%4 : Tensor = prim::If(%c)\n  block0():\n    -> (%x.1)\n  block1():\n    -> (%3)\n',
    );
  });

  it('prints nodes without outputs, several outputs and block inputs', () => {
    const graph = new Graph();
    const n = graph.addInput('n', IntType.get());
    const t = graph.insertConstant(true);
    const loop = graph.insert('prim::Loop', [n, t], 0);
    const body = loop.addBlock();
    body.addInput('i', IntType.get());
    body.registerOutput(t);
    const pair = graph.insert('prim::TupleUnpack', [], 2);
    pair.outputs[1].setType(IntType.get());
    graph.registerOutput(pair.output(0));
    expect(graph.toString()).toBe(
      [
        'graph(%n : int):',
        '  %1 : bool = prim::Constant[value=1]()',
        '   = prim::Loop(%n, %1)',
        '    block0(%i : int):',
        '      -> (%1)',
        '  %3 : Tensor, %4 : int = prim::TupleUnpack()',
        '  return (%3)',
        '',
      ].join('\n'),
    );
  });

  it('creates nodes with qualified kinds only', () => {
    const graph = new Graph();
    expect(() => graph.create('add')).toThrow(InternalError);
    expect(graph.create('aten::add', [], 2).outputs.length).toBe(2);
  });
});

describe('insertConstant', () => {
  const cases: [string, Parameters<Graph['insertConstant']>[0], string][] = [
    ['int', 1, '%0 : int = prim::Constant[value=1]()'],
    ['bigint', 2n ** 62n, '%0 : int = prim::Constant[value=4611686018427387904]()'],
    ['negative int', intValue(-7), '%0 : int = prim::Constant[value=-7]()'],
    ['float', 2.5, '%0 : float = prim::Constant[value=2.5]()'],
    ['integral float', floatValue(1), '%0 : float = prim::Constant[value=1.]()'],
    ['float 0.1', 0.1, '%0 : float = prim::Constant[value=0.10000000000000001]()'],
    ['negative zero', floatValue(-0), '%0 : float = prim::Constant[value=-0.]()'],
    ['infinity', floatValue(Number.NEGATIVE_INFINITY), '%0 : float = prim::Constant[value=-inf]()'],
    ['bool', true, '%0 : bool = prim::Constant[value=1]()'],
    ['false', false, '%0 : bool = prim::Constant[value=0]()'],
    ['None', null, '%0 : NoneType = prim::Constant()'],
    ['string', 'a"b\n', '%0 : str = prim::Constant[value="a\\"b\\n"]()'],
    ['device', deviceValue('cpu'), '%0 : Device = prim::Constant[value="cpu"]()'],
    ['complex', complexValue(1.5, -2), '%0 : complex = prim::Constant[value=1.5-2.j]()'],
    ['int list', [intValue(1), intValue(2)], '%0 : int[] = prim::Constant[value=[1, 2]]()'],
    ['float list', [floatValue(1), floatValue(2.5)], '%0 : float[] = prim::Constant[value=[1., 2.5]]()'],
    ['bool list', [true, false], '%0 : bool[] = prim::Constant[value=[True, False]]()'],
    ['str list', ['a', 'b'], '%0 : str[] = prim::Constant[value=["a", "b"]]()'],
    [
      'tuple',
      tupleValue([intValue(1), 'x', null, [floatValue(2)]]),
      '%0 : (int, str, NoneType, float[]) = prim::Constant[value=(1, "x", None, [2.])]()',
    ],
    ['one-element tuple', tupleValue([intValue(4)]), '%0 : (int) = prim::Constant[value=(4,)]()'],
    [
      'dict',
      dictValue([
        ['k', intValue(1)],
        ['j', intValue(2)],
      ]),
      '%0 : Dict(str, int) = prim::Constant[value={"k": 1, "j": 2}]()',
    ],
    ['opaque tensor', tensorValue({}), '%0 : Tensor = prim::Constant[value=<Tensor>]()'],
    [
      'tensor with irRepr',
      tensorValue(new ParsedTensor('{3}', { value: 3, isFloatingPoint: false })),
      '%0 : Tensor = prim::Constant[value={3}]()',
    ],
  ];
  for (const [name, value, line] of cases) {
    it(`inserts ${name} as PyTorch does`, () => {
      const graph = new Graph();
      const v = graph.insertConstant(value);
      expect(v.node.kind).toBe('prim::Constant');
      expect(graph.toString()).toBe(`graph():\n  ${line}\n  return ()\n`);
    });
  }

  it('needs a type for an empty list, and takes it', () => {
    const graph = new Graph();
    expect(() => graph.insertConstant([])).toThrow(/empty list/);
    const v = graph.insertConstant([], { type: ListType.of(IntType.get()) });
    expect(v.type.annotationStr()).toBe('int[]');
    expect(v.node.ival('value')).toEqual([]);
    expect(v.node.toString()).toBe('%0 : int[] = prim::Constant[value=annotate(List[int], [])]()\n');
  });

  it('annotates lists and dicts whose type PyTorch cannot read from their members', () => {
    const graph = new Graph();
    const optional = ListType.of(OptionalType.of(IntType.get()));
    expect(graph.insertConstant([null, intValue(1)], { type: optional }).node.toString()).toBe(
      '%0 : int?[] = prim::Constant[value=annotate(List[Optional[int]], [None, 1])]()\n',
    );
    const dict = DictType.of(StringType.get(), FloatType.get());
    expect(graph.insertConstant(dictValue([]), { type: dict }).node.toString()).toBe(
      '%1 : Dict(str, float) = prim::Constant[value=annotate(Dict[str, float],{})]()\n',
    );
    expect(() => graph.insertConstant(dictValue([]))).toThrow(/empty dict/);
  });

  it('rejects a list of mixed element types', () => {
    expect(() => new Graph().insertConstant([intValue(1), 'a'])).toThrow(/one type/);
  });

  it('keeps attribute kinds: bool as i, string as s, None without attribute', () => {
    const graph = new Graph();
    expect(graph.insertConstant(true).node.i('value')).toBe(1);
    expect(graph.insertConstant('s').node.s('value')).toBe('s');
    expect(graph.insertConstant(null).node.hasAttributes()).toBe(false);
    expect(graph.insertConstant(null).type).toBe(NoneType.get());
    expect(() => graph.insertConstant('s').node.i('value')).toThrow(/kind s, not i/);
  });
});

describe('value names', () => {
  it("renames the previous owner of a name with PyTorch's suffix rule", () => {
    const graph = new Graph();
    const a = graph.addInput('x');
    const b = graph.addInput('x');
    expect(b.debugName()).toBe('x');
    expect(a.debugName()).toBe('x.1');
    const c = graph.addInput('x');
    expect(c.debugName()).toBe('x');
    // PyTorch remembers the next suffix per base name (x.2 was never used): torch 1.13 gives x.3 too.
    expect(b.debugName()).toBe('x.3');
    // A name that ends in .<digits> counts on from those digits.
    const d = graph.addInput('y.5');
    const e = graph.addInput('y.5');
    expect(e.debugName()).toBe('y.5');
    expect(d.debugName()).toBe('y.6');
    lint(graph);
  });

  it('skips suffixes already taken', () => {
    const graph = new Graph();
    const taken = graph.addInput('z.1');
    const first = graph.addInput('z');
    graph.addInput('z');
    expect(taken.debugName()).toBe('z.1');
    expect(first.debugName()).toBe('z.2');
  });

  it('clears a name with the empty string, frees it, and rejects digit-only names', () => {
    const graph = new Graph();
    const a = graph.addInput('a');
    a.setDebugName('');
    expect(a.hasDebugName()).toBe(false);
    expect(a.debugName()).toBe(String(a.unique));
    const b = graph.addInput('a');
    expect(b.debugName()).toBe('a');
    expect(a.debugName()).toBe(String(a.unique));
    expect(() => b.setDebugName('12')).toThrow(InternalError);
    expect(() => b.setDebugName('a b')).toThrow(/invalid value name/);
    expect(() => b.setDebugName('%q')).toThrow(/invalid value name/);
    b.setDebugName('π.2');
    expect(b.debugName()).toBe('π.2');
  });
});

describe('mutation', () => {
  it('keeps use lists in step with inputs', () => {
    const { graph, x, one, add, ifNode } = sample();
    expect(x.uses.map((u) => [u.user.kind, u.offset])).toEqual([
      ['aten::add', 0],
      ['aten::add', 1],
      ['prim::Return', 0],
    ]);
    add.removeInput(0);
    expect(one.uses).toEqual([{ user: add, offset: 1 }]);
    expect(x.uses.filter((u) => u.user === add)).toEqual([{ user: add, offset: 0 }]);
    add.insertInput(0, one);
    expect(one.uses).toContainEqual({ user: add, offset: 0 });
    expect(one.uses).toContainEqual({ user: add, offset: 2 });
    const old = add.replaceInput(1, x);
    expect(old).toBe(x);
    lint(graph);
    add.replaceInputWith(one, x);
    expect(one.hasUses()).toBe(false);
    expect(add.inputs).toEqual([x, x, x]);
    lint(graph);
    expect(ifNode.inputs.length).toBe(1);
  });

  it('replaceAllUsesWith moves every use, nested blocks included', () => {
    const { graph, x, add, b0 } = sample();
    const y = graph.addInput('y');
    x.replaceAllUsesWith(y);
    expect(x.hasUses()).toBe(false);
    expect(add.inputs.slice(0, 2)).toEqual([y, y]);
    expect(b0.outputs[0]).toBe(y);
    lint(graph);
  });

  it('replaceAllUsesAfterNodeWith leaves earlier uses alone', () => {
    const { graph, x, add, ifNode, b0 } = sample();
    const neg = graph.withInsertPoint(ifNode, () => graph.insert('aten::neg', [x]));
    x.replaceAllUsesAfterNodeWith(neg, neg.output());
    expect(add.input(0)).toBe(x);
    expect(neg.input(0)).toBe(x);
    expect(b0.outputs[0]).toBe(neg.output());
    lint(graph);
    // Uses inside the blocks of the node itself are not after it (PyTorch's isAfter).
    const y = graph.addInput('y');
    x.replaceAllUsesAfterNodeWith(ifNode, y);
    expect(b0.outputs[0]).toBe(neg.output());
    expect(ifNode.blocks[1].outputs[0]).toBe(add.output());
  });

  it('destroy() refuses while outputs are used, then removes the node', () => {
    const { graph, add, one, b1 } = sample();
    expect(() => add.destroy()).toThrow(InternalError);
    expect(() => add.destroy()).toThrow(/still used by prim::Return/);
    expect(add.inBlockList).toBe(true);
    lint(graph);
    b1.replaceOutput(0, graph.inputs[0]);
    add.destroy();
    expect(add.isDestroyed).toBe(true);
    expect(one.uses.length).toBe(0);
    expect([...graph.nodes()].map((n) => n.kind)).toEqual(['prim::Constant', 'prim::If']);
    lint(graph);
    expect(() => add.destroy()).toThrow(/already destroyed/);
  });

  it('destroys nested blocks with their owner and frees their names', () => {
    const { graph, ifNode, add } = sample();
    const inner = graph.withInsertPoint(ifNode.blocks[1], () => graph.insert('aten::relu', [add.output()]));
    inner.output().setDebugName('inner');
    graph.eraseOutput(0);
    ifNode.destroy();
    expect(add.output().uses).toEqual([]);
    expect(graph._valueNamed('inner')).toBeUndefined();
    lint(graph);
  });

  it('refuses to destroy sentinels and to erase used outputs', () => {
    const { graph, add } = sample();
    expect(() => graph.returnNode.destroy()).toThrow(/sentinel/);
    expect(() => add.eraseOutput(0)).toThrow(/still has 1 use/);
    const extra = add.addOutput(IntType.get());
    add.eraseOutput(1);
    expect(add.outputs.length).toBe(1);
    expect(extra.node).toBe(add);
  });

  it('eraseOutput and insertOutput renumber offsets', () => {
    const graph = new Graph();
    const n = graph.insert('prim::TupleUnpack', [], 3);
    const [a, , c] = n.outputs;
    n.eraseOutput(1);
    expect(c.offset).toBe(1);
    const fresh = n.insertOutput(0, StringType.get());
    expect(fresh.offset).toBe(0);
    expect(a.offset).toBe(1);
    expect(c.offset).toBe(2);
    lint(graph);
  });

  it('addBlock and eraseBlock', () => {
    const { graph, ifNode } = sample();
    const extra = ifNode.addBlock();
    expect(extra.owningNode).toBe(ifNode);
    expect(ifNode.blocks.length).toBe(3);
    lint(graph);
    ifNode.eraseBlock(0);
    expect(ifNode.blocks.length).toBe(2);
    expect(graph.inputs[0].uses.some((u) => u.user.kind === 'prim::Return' && u.user.owningBlock !== graph.block)).toBe(
      false,
    );
    lint(graph);
  });

  it('moves nodes before and after others, across blocks', () => {
    const { graph, one, add, ifNode, b1 } = sample();
    add.moveAfter(ifNode);
    expect(() => lint(graph)).toThrow(/not defined before it/);
    add.moveBefore(ifNode);
    lint(graph);
    one.node.moveBefore(b1.returnNode);
    expect(() => lint(graph)).toThrow(/not defined before it/);
    one.node.moveBefore(add);
    lint(graph);
    expect(() => ifNode.moveBefore(b1.returnNode)).toThrow(/its own blocks/);
    expect(() => add.insertBefore(ifNode)).toThrow(/already in a block/);
    expect(() => graph.paramNode.moveAfter(add)).toThrow(/sentinel/);
    // A refused move leaves the node where it was.
    expect(() => add.moveBefore(graph.paramNode)).toThrow(/param node/);
    expect(() => add.moveAfter(b1.returnNode)).toThrow(/return node/);
    expect(add.inBlockList).toBe(true);
    lint(graph);
  });

  it('answers isBefore/isAfter inside a block and across nested blocks', () => {
    const { graph, one, add, ifNode, b0 } = sample();
    const inner = graph.withInsertPoint(b0, () => graph.insert('aten::neg', [one]));
    expect(one.node.isBefore(add)).toBe(true);
    expect(add.isAfter(one.node)).toBe(true);
    expect(add.isBefore(add)).toBe(false);
    expect(add.isBefore(inner)).toBe(true);
    expect(inner.isBefore(add)).toBe(false);
    expect(inner.isAfter(one.node)).toBe(true);
    expect(ifNode.isBefore(inner)).toBe(false);
  });

  it('keeps topological order through many insertions at one point (renumbering)', () => {
    const graph = new Graph();
    const first = graph.insert('aten::a', [], 0);
    const last = graph.insert('aten::z', [], 0);
    const inserted = [];
    for (let i = 0; i < 200; i++) inserted.push(graph.create('aten::m', [], 0).insertAfter(first));
    for (let i = 1; i < inserted.length; i++) expect(inserted[i].isBefore(inserted[i - 1])).toBe(true);
    expect(first.isBefore(inserted[199])).toBe(true);
    expect(last.isAfter(inserted[0])).toBe(true);
    lint(graph);
  });
});

describe('iteration', () => {
  it('nodes() survives destroying the node just yielded', () => {
    const graph = new Graph();
    for (let i = 0; i < 5; i++) graph.insertConstant(i);
    const seen: number[] = [];
    for (const node of graph.nodes()) {
      seen.push(Number(node.i('value')));
      node.destroy();
    }
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(graph.block.isEmpty()).toBe(true);
    const again = [3, 4].map((v) => graph.insertConstant(v).node);
    const reversed: number[] = [];
    for (const node of graph.block.reverseNodes()) {
      reversed.push(Number(node.i('value')));
      node.destroy();
    }
    expect(reversed).toEqual([4, 3]);
    expect(again.every((n) => n.isDestroyed)).toBe(true);
  });

  it('allNodes() walks nested blocks in program order', () => {
    const { graph, b0, b1, one } = sample();
    graph.withInsertPoint(b0, () => graph.insert('aten::neg', [one]));
    graph.withInsertPoint(b1, () => graph.insert('aten::relu', [one]));
    expect([...graph.allNodes()].map((n) => n.kind)).toEqual([
      'prim::Constant',
      'aten::add',
      'prim::If',
      'aten::neg',
      'aten::relu',
    ]);
  });
});

describe('insertion points', () => {
  it('withInsertPoint restores the previous point, also when the body throws', () => {
    const { graph, add, b1 } = sample();
    const inBlock = graph.withInsertPoint(b1, () => graph.insert('aten::relu', [add.output()]));
    expect(inBlock.owningBlock).toBe(b1);
    expect(() =>
      graph.withInsertPoint(add, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(graph.insertPoint()).toBe(graph.returnNode);
    const before = graph.withInsertPoint(add, () => graph.insertConstant(2.5));
    expect(before.node.next).toBe(add);
    expect(() => graph.setInsertPoint(graph.paramNode)).toThrow(InternalError);
    expect(() => graph.setInsertPoint(new Graph().returnNode)).toThrow(/another graph/);
  });
});

describe('copy', () => {
  it('deep-copies nested blocks, keeping ids, names, types and attributes', () => {
    const { graph, b1, add } = sample();
    graph.withInsertPoint(b1, () => graph.insert('aten::relu', [add.output()])).setS('mode', 'x');
    const copy = graph.copy();
    expect(copy.toString()).toBe(graph.toString());
    lint(copy);
    const original = new Set([...graph.allNodes()]);
    for (const node of copy.allNodes()) {
      expect(original.has(node)).toBe(false);
      expect(node.graph).toBe(copy);
    }
    // The copy is independent of the original.
    copy.eraseOutput(0);
    copy.insertConstant(3);
    expect(graph.outputs.length).toBe(1);
    lint(graph);
    // New values of the copy do not reuse ids of copied ones.
    const ids = [...copy.allNodes()].flatMap((n) => n.outputs.map((v) => v.unique));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('attributes and schema hook', () => {
  it('stores typed attributes in insertion order and prints them', () => {
    const graph = new Graph();
    const n = graph.insert('prim::Test', [], 0);
    n.setI('i', 3)
      .setF('f', 0.5)
      .setS('s', 'q')
      .setIs('is', [1, 2])
      .setFs('fs', [1, 0.25])
      .setSs('ss', ['a'])
      .setTy('ty', IntType.get())
      .setTys('types', [IntType.get(), ListType.of(TensorType.get())])
      .setTs('ts', [{}])
      .setG('g', new Graph());
    expect(n.attributeNames()).toEqual(['i', 'f', 's', 'is', 'fs', 'ss', 'ty', 'types', 'ts', 'g']);
    expect(n.fs('fs')).toEqual([1, 0.25]);
    expect(n.toString()).toBe(
      ' = prim::Test[i=3, f=0.5, s="q", is=[1, 2], fs=[1., 0.25], ss=["a"], ty=int, types=[int, Tensor[]], ts=[<Tensors>], g=<Graph>]()\n',
    );
    n.setI('i', 4);
    expect(n.attributeNames()[0]).toBe('i');
    n.removeAttribute('i');
    expect(n.hasAttribute('i')).toBe(false);
    expect(() => n.i('i')).toThrow(/no attribute 'i'/);
    expect(() => n.setI('x', 1.5)).toThrow(InternalError);
  });

  it('looks a schema up through the injected hook, unless one was set', () => {
    const graph = new Graph();
    const node = graph.insert('aten::relu', [graph.addInput('x')]);
    expect(node.maybeSchema()).toBeUndefined();
    expect(() => node.schema()).toThrow(/no schema for aten::relu/);
    const relu = parseSchema('aten::relu(Tensor self) -> Tensor');
    const saved = Node.schemaLookup;
    Node.schemaLookup = (n) => (n.kind === 'aten::relu' ? relu : undefined);
    try {
      expect(node.schema()).toBe(relu);
      const other = parseSchema('aten::relu_(Tensor(a!) self) -> Tensor(a!)');
      node.setSchema(other);
      expect(node.schema()).toBe(other);
    } finally {
      Node.schemaLookup = saved;
    }
  });
});

describe('cloning nodes within a graph', () => {
  it('createClone maps inputs, copies blocks, and renames the original as PyTorch does', () => {
    const { graph, ifNode, x, c } = sample();
    ifNode.output().setDebugName('r');
    const y = graph.addInput('y');
    const copy = graph.createClone(ifNode, (v) => (v === x ? y : v));
    graph.insertNode(copy);
    expect(copy.kind).toBe('prim::If');
    expect(copy.input(0)).toBe(c);
    expect(copy.blocks.length).toBe(2);
    expect(copy.blocks[0].outputs[0]).toBe(y);
    // The nested value defined in the copied block is a new value; uses outside map through the function.
    expect(copy.blocks[1].outputs[0]).toBe(ifNode.blocks[1].outputs[0]);
    // The copy takes the name; the original is renamed with the next suffix.
    expect(copy.output().debugName()).toBe('r');
    expect(ifNode.output().debugName()).toBe('r.1');
    lint(graph);
  });

  it('cloneFrom copies a block into an empty one, mapping outer values', () => {
    const { graph, ifNode, add, x } = sample();
    const inner = graph.withInsertPoint(ifNode.blocks[1], () => graph.insert('aten::relu', [add.output()]));
    ifNode.blocks[1].replaceOutput(0, inner.output());
    const loop = graph.withInsertPoint(ifNode, () => graph.insert('prim::Loop', [], 0));
    const body = loop.addBlock();
    const valueMap = new Map([[add.output(), x]]);
    expect(() => body.cloneFrom(ifNode.blocks[1], new Map())).toThrow(/defined outside the copied block/);
    const fresh = loop.addBlock();
    fresh.cloneFrom(ifNode.blocks[1], valueMap);
    const [relu] = [...fresh.nodes()];
    expect(relu.kind).toBe('aten::relu');
    expect(relu.input(0)).toBe(x);
    expect(fresh.outputs[0]).toBe(relu.output());
  });
});
