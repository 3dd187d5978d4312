import { describe, expect, it } from 'vitest';
import { InternalError } from '../errors/internal-error.js';
import { BoolType } from '../types/simple-types.js';
import type { Block } from './block.js';
import { Graph } from './graph.js';
import { lint } from './lint.js';
import type { Node } from './node.js';
import { parseIR } from './parse-ir.js';
import type { Use, Value } from './value.js';

// The tests below break invariants that the public API keeps, by writing the private fields
// directly, to check that lint() notices.
type Writable<T> = { -readonly [K in keyof T]: T[K] };
const nodeFields = (n: Node) => n as unknown as { _next?: Node; _prev?: Node; _owningBlock?: Block; _position: number };
const valueFields = (v: Value) => v as unknown as { _uses: Use[]; _offset: number; _unique: number; _node: Node };

function sample() {
  const graph = parseIR(`graph(%x : Tensor,
      %c : bool):
  %1 : int = prim::Constant[value=1]()
  %y : Tensor = aten::add(%x, %x, %1)
  %r : Tensor = prim::If(%c)
    block0():
      %z : Tensor = aten::neg(%y)
      -> (%z)
    block1():
      -> (%x)
  return (%r)
`);
  const [one, add, ifNode] = [...graph.nodes()];
  return { graph, one, add, ifNode, neg: ifNode.blocks[0].first };
}

function expectLintError(graph: Graph, pattern: RegExp): void {
  let caught: unknown;
  try {
    lint(graph);
  } catch (error) {
    caught = error;
  }
  expect(InternalError.isInstance(caught)).toBe(true);
  expect((caught as Error).message).toMatch(/lint: /);
  expect((caught as Error).message).toMatch(pattern);
}

describe('lint', () => {
  it('passes a well-formed graph', () => {
    expect(() => lint(sample().graph)).not.toThrow();
  });

  it('finds an input missing from its value’s use list', () => {
    const { graph, add } = sample();
    const x = graph.inputs[0];
    valueFields(x)._uses.splice(0, 1);
    expect(add.input(0)).toBe(x);
    expectLintError(graph, /input 0 of aten::add is recorded 0 times in the uses of %x/);
  });

  it('finds a use that does not point back at an input', () => {
    const { graph, one } = sample();
    valueFields(graph.inputs[1])._uses.push({ user: one, offset: 0 });
    expectLintError(graph, /use of %c by prim::Constant at input 0: that input is not %c/);
  });

  it('finds a use by a node that is not in the graph', () => {
    const { graph } = sample();
    const stray = graph.create('aten::relu', [graph.inputs[0]]);
    expect(stray.inBlockList).toBe(false);
    expectLintError(graph, /use of %x by aten::relu at input 0: the user is not a node of the graph/);
  });

  it('finds a use before the definition', () => {
    const { graph, one, add } = sample();
    one.moveAfter(add);
    expectLintError(graph, /input 2 of aten::add \(%1\) is not defined before it/);
  });

  it('finds a use of a value defined in a block that does not enclose the use', () => {
    const { graph, ifNode, neg } = sample();
    ifNode.blocks[1].replaceOutput(0, neg.output());
    expectLintError(graph, /input 0 of prim::Return \(%z\) is not defined before it/);
  });

  it('finds a block using its owner’s own output', () => {
    const { graph, ifNode } = sample();
    ifNode.blocks[1].replaceOutput(0, ifNode.output());
    expectLintError(graph, /\(%r\) is not defined before it/);
  });

  it('finds duplicate value ids', () => {
    const { graph, add } = sample();
    valueFields(add.output())._unique = graph.inputs[0].unique;
    expectLintError(graph, /two values have the id/);
  });

  it('finds a value whose node or offset is wrong', () => {
    const broken = sample();
    valueFields(broken.add.output())._offset = 3;
    expectLintError(broken.graph, /output 0 of aten::add but has offset 3/);
    const other = sample();
    valueFields(other.add.output())._node = other.one;
    expectLintError(other.graph, /output of aten::add but names another node/);
  });

  it('finds a broken node list', () => {
    const { graph, add, ifNode } = sample();
    nodeFields(ifNode)._prev = graph.paramNode;
    expectLintError(graph, /prim::If.prev is not aten::add/);
    nodeFields(ifNode)._prev = add;
    lint(graph);
    nodeFields(add)._next = undefined;
    expectLintError(graph, /the node list is broken after aten::add/);
  });

  it('finds a node owned by another block', () => {
    const { graph, add, ifNode } = sample();
    nodeFields(add)._owningBlock = ifNode.blocks[0];
    expectLintError(graph, /aten::add names another owning block/);
  });

  it('finds nodes out of topological position order', () => {
    const { graph, add, ifNode } = sample();
    nodeFields(ifNode)._position = nodeFields(add)._position;
    expectLintError(graph, /topological positions of aten::add and prim::If are out of order/);
  });

  it('finds misplaced sentinels', () => {
    const a = sample();
    (a.ifNode.blocks[0] as Writable<Block>).returnNode = a.ifNode.blocks[1].returnNode;
    expectLintError(a.graph, /sentinel is not owned by its block/);
    const b = sample();
    nodeFields(b.graph.returnNode)._next = b.add;
    expectLintError(b.graph, /does not run from prim::Param to prim::Return/);
    const c = sample();
    c.graph.paramNode.addInput(c.graph.inputs[0]);
    expectLintError(c.graph, /prim::Param has inputs/);
  });

  it('finds a block that names another owner', () => {
    const { graph, ifNode, add } = sample();
    (ifNode.blocks[0] as Writable<Block>).owningNode = add;
    expectLintError(graph, /block of prim::If names another owning node/);
  });

  it('finds a node of another graph', () => {
    const { graph, ifNode } = sample();
    const foreign = new Graph();
    const node = foreign.create('aten::neg', [], 1);
    // Splice the foreign node into this graph's list by hand.
    const last = ifNode.blocks[1].returnNode;
    nodeFields(node)._owningBlock = ifNode.blocks[1];
    nodeFields(node)._prev = ifNode.blocks[1].paramNode;
    nodeFields(node)._next = last;
    nodeFields(ifNode.blocks[1].paramNode)._next = node;
    nodeFields(last)._prev = node;
    nodeFields(node)._position = 5;
    expectLintError(graph, /aten::neg belongs to another graph/);
  });

  it('finds duplicate or unregistered debug names', () => {
    const { graph, add } = sample();
    (add.output() as unknown as { _debugName: string })._debugName = 'x';
    expectLintError(graph, /two values are named %x/);
  });

  it('checks subgraphs held in attributes', () => {
    const { graph, add } = sample();
    const sub = new Graph();
    const v = sub.addInput('v');
    const n = sub.insert('aten::neg', [v]);
    sub.registerOutput(n.output());
    add.setG('Subgraph', sub);
    lint(graph);
    valueFields(v)._uses.length = 0;
    expectLintError(graph, /input 0 of aten::neg is recorded 0 times/);
  });

  it('keeps passing after ordinary mutations', () => {
    const { graph, add, ifNode, neg } = sample();
    const c = graph.addInput('c2', BoolType.get());
    ifNode.replaceInput(0, c);
    graph.withInsertPoint(neg, () => graph.insertConstant(2.5));
    neg.output().replaceAllUsesWith(add.output());
    neg.destroy();
    lint(graph);
  });
});
