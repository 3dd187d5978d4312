import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Block,
  BoolType,
  floatValue,
  Graph,
  InternalError,
  IntType,
  type IValue,
  intValue,
  lint,
  type Node,
  parseIR,
  StringType,
  tupleValue,
  type Value,
} from '../src/index.js';

// Random programs built through the public mutation API: after every step the graph must lint,
// and at the end it must print, parse back to the same text, and copy to the same text.

type Step =
  | { op: 'node'; block: number; kind: number; inputs: number[]; outputs: number }
  | { op: 'if'; block: number; cond: number; left: number; right: number }
  | { op: 'constant'; block: number; value: IValue }
  | { op: 'destroy'; node: number }
  | { op: 'replace'; value: number; input: number }
  | { op: 'name'; value: number; name: string }
  | { op: 'move'; node: number; before: number };

const KINDS = ['aten::add', 'aten::neg', 'prim::TupleConstruct', 'aten::mul', 'prim::Print'];
const NAMES = ['x', 'x.1', 'x.2', 'y', 'a.10', 'self', 'input_0', ''];

const scalar: fc.Arbitrary<IValue> = fc.oneof(
  fc.integer().map((n) => intValue(n)),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((n) => intValue(n)),
  fc.double().map((d) => floatValue(d)),
  fc.string({ maxLength: 8, unit: 'binary' }),
  fc.boolean(),
  fc.constant(null),
);
const constant: fc.Arbitrary<IValue> = fc.oneof(
  scalar,
  fc.array(
    fc.integer().map((n) => intValue(n)),
    { minLength: 1, maxLength: 3 },
  ),
  fc.array(scalar, { minLength: 1, maxLength: 3 }).map((items) => tupleValue(items)),
);

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('node' as const),
    block: fc.nat(),
    kind: fc.nat(),
    inputs: fc.array(fc.nat(), { maxLength: 3 }),
    outputs: fc.integer({ min: 0, max: 2 }),
  }),
  fc.record({ op: fc.constant('if' as const), block: fc.nat(), cond: fc.nat(), left: fc.nat(), right: fc.nat() }),
  fc.record({ op: fc.constant('constant' as const), block: fc.nat(), value: constant }),
  fc.record({ op: fc.constant('destroy' as const), node: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), value: fc.nat(), input: fc.nat() }),
  fc.record({ op: fc.constant('name' as const), value: fc.nat(), name: fc.constantFrom(...NAMES) }),
  fc.record({ op: fc.constant('move' as const), node: fc.nat(), before: fc.nat() }),
);

function allBlocks(graph: Graph): Block[] {
  const blocks = [graph.block];
  for (const node of graph.allNodes()) blocks.push(...node.blocks);
  return blocks;
}

/** Values usable by a node appended at the end of `block`. */
function visibleAtEnd(block: Block): Value[] {
  const values: Value[] = [];
  let current: Block | undefined = block;
  let limit: Node | undefined;
  while (current) {
    values.push(...current.inputs);
    for (const node of current.nodes()) {
      if (node === limit) break;
      values.push(...node.outputs);
    }
    limit = current.owningNode;
    current = limit?.owningBlock;
  }
  return values;
}

function apply(graph: Graph, s: Step): void {
  const blocks = allBlocks(graph);
  const nodes = [...graph.allNodes()];
  const values = nodes.flatMap((n) => [...n.outputs, ...n.blocks.flatMap((b) => b.inputs)]).concat(graph.inputs);
  switch (s.op) {
    case 'node': {
      const block = blocks[s.block % blocks.length];
      const visible = visibleAtEnd(block);
      const inputs = s.inputs.map((i) => visible[i % visible.length]);
      graph.withInsertPoint(block, () => graph.insert(KINDS[s.kind % KINDS.length], inputs, s.outputs));
      return;
    }
    case 'if': {
      const block = blocks[s.block % blocks.length];
      const visible = visibleAtEnd(block);
      const node = graph.withInsertPoint(block, () => graph.insert('prim::If', [visible[s.cond % visible.length]]));
      node.addBlock().registerOutput(visible[s.left % visible.length]);
      const right = node.addBlock();
      right.addInput('i', IntType.get());
      right.registerOutput(visible[s.right % visible.length]);
      return;
    }
    case 'constant': {
      const block = blocks[s.block % blocks.length];
      graph.withInsertPoint(block, () => graph.insertConstant(s.value));
      return;
    }
    case 'destroy': {
      if (nodes.length === 0) return;
      const node = nodes[s.node % nodes.length];
      const used = node.outputs.some((v) => v.hasUses());
      if (used) expect(() => node.destroy()).toThrow(InternalError);
      else node.destroy();
      return;
    }
    case 'replace': {
      // A graph input is in scope everywhere, so replacing any value by one keeps the graph valid.
      values[s.value % values.length].replaceAllUsesWith(graph.inputs[s.input % graph.inputs.length]);
      return;
    }
    case 'name':
      values[s.value % values.length].setDebugName(s.name);
      return;
    case 'move': {
      // Moving a node without inputs or uses cannot break dominance.
      if (nodes.length < 2) return;
      const node = nodes[s.node % nodes.length];
      const target = nodes[s.before % nodes.length];
      if (node.inputs.length > 0 || node.outputs.some((v) => v.hasUses()) || node.blocks.length > 0) return;
      if (target === node) return;
      node.moveBefore(target);
      return;
    }
  }
}

describe('random graphs built through the mutation API (fast-check)', () => {
  it('lint after every step; print → parse → print and copy() give the same text', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
        const graph = new Graph();
        graph.addInput('x');
        graph.addInput('c', BoolType.get());
        graph.addInput('s', StringType.get());
        for (const s of steps) {
          apply(graph, s);
          lint(graph);
        }
        const last = [...graph.nodes()].at(-1);
        if (last) for (const output of last.outputs) graph.registerOutput(output);
        lint(graph);
        const text = graph.toString();
        const parsed = parseIR(text);
        lint(parsed);
        expect(parsed.toString()).toBe(text);
        expect(graph.copy().toString()).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
