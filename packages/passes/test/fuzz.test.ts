/**
 * Property tests: random graphs and random mutations of PyTorch-printed fixture graphs go through
 * the whole cleanup pipeline; every pass leaves a graph that lints, nothing throws, and the result
 * prints and parses back to the same text.
 */
import { readdirSync, readFileSync } from 'node:fs';
import {
  BoolType,
  FloatType,
  Graph,
  IntType,
  type JitType,
  ListType,
  lint,
  parseIR,
  TensorType,
  TupleType,
  type Value,
} from '@tsjit/ir';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../src/index.js';

const FIXTURES = new URL('../../ir/test/fixtures/graphs/', import.meta.url);
const fixtureTexts = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(new URL(f, FIXTURES), 'utf8'));

function cleanup(graph: Graph): boolean {
  const changed = runPipeline(graph, 'cleanup', { afterPass: (_name, g) => lint(g) });
  const text = graph.toString();
  expect(parseIR(text).toString()).toBe(text);
  return changed;
}

// ---- random graphs ------------------------------------------------------------------------

type Step =
  | { op: 'const-int'; value: number }
  | { op: 'const-float'; value: number }
  | { op: 'const-bool'; value: boolean }
  | { op: 'int-binary'; kind: string; a: number; b: number }
  | { op: 'float-mul'; a: number; b: number }
  | { op: 'compare'; a: number; b: number }
  | { op: 'tensor-add'; a: number; b: number; alpha: number }
  | { op: 'tensor-mul-int'; a: number; b: number }
  | { op: 'tensor-inplace'; a: number; b: number }
  | { op: 'list'; items: number[] }
  | { op: 'len'; a: number }
  | { op: 'tuple'; a: number; b: number; index: number }
  | { op: 'print'; a: number }
  | { op: 'if'; cond: number; thenSteps: Step[]; elseSteps: Step[] }
  | { op: 'loop'; trip: number; carried: number; body: Step[] };

const leaf: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('const-int' as const), value: fc.integer({ min: -3, max: 5 }) }),
  fc.record({ op: fc.constant('const-float' as const), value: fc.constantFrom(0, 1, 2.5, -0.5) }),
  fc.record({ op: fc.constant('const-bool' as const), value: fc.boolean() }),
  fc.record({
    op: fc.constant('int-binary' as const),
    kind: fc.constantFrom('aten::add', 'aten::sub', 'aten::mul', 'aten::floordiv', 'aten::remainder'),
    a: fc.nat(),
    b: fc.nat(),
  }),
  fc.record({ op: fc.constant('float-mul' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('compare' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('tensor-add' as const), a: fc.nat(), b: fc.nat(), alpha: fc.nat() }),
  fc.record({ op: fc.constant('tensor-mul-int' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('tensor-inplace' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ op: fc.constant('list' as const), items: fc.array(fc.nat(), { maxLength: 3 }) }),
  fc.record({ op: fc.constant('len' as const), a: fc.nat() }),
  fc.record({ op: fc.constant('tuple' as const), a: fc.nat(), b: fc.nat(), index: fc.integer({ min: -2, max: 1 }) }),
  fc.record({ op: fc.constant('print' as const), a: fc.nat() }),
);

const { step } = fc.letrec<{ step: Step }>((tie) => ({
  step: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    leaf,
    leaf,
    fc.record({
      op: fc.constant('if' as const),
      cond: fc.nat(),
      thenSteps: fc.array(tie('step'), { maxLength: 4 }),
      elseSteps: fc.array(tie('step'), { maxLength: 4 }),
    }),
    fc.record({
      op: fc.constant('loop' as const),
      trip: fc.nat(),
      carried: fc.nat(),
      body: fc.array(tie('step'), { maxLength: 4 }),
    }),
  ),
}));

const INT = IntType.get();
const FLOAT = FloatType.get();
const BOOL = BoolType.get();
const TENSOR = TensorType.get();
const INT_LIST = ListType.of(INT);

/** Values in scope by type; blocks push a scope and pop it. */
class Scope {
  readonly values = new Map<JitType, Value[]>();
  constructor(readonly parent?: Scope) {}
  all(type: JitType): Value[] {
    return [...(this.parent?.all(type) ?? []), ...(this.values.get(type) ?? [])];
  }
  pick(type: JitType, i: number): Value | undefined {
    const all = this.all(type);
    return all.length ? all[i % all.length] : undefined;
  }
  add(v: Value, type: JitType): Value {
    let list = this.values.get(type);
    if (!list) this.values.set(type, (list = []));
    list.push(v);
    return v;
  }
}

function emit(graph: Graph, scope: Scope, s: Step): void {
  const ins = (kind: string, inputs: Value[], type: JitType | null) => {
    const node = graph.insert(kind, inputs, type ? 1 : 0);
    if (type) scope.add(node.output().setType(type), type);
    return node;
  };
  const int = (i: number) => scope.pick(INT, i) as Value;
  switch (s.op) {
    case 'const-int':
      scope.add(graph.insertConstant(s.value), INT);
      break;
    case 'const-float':
      scope.add(graph.insertConstant({ kind: 'float', value: s.value }), FLOAT);
      break;
    case 'const-bool':
      scope.add(graph.insertConstant(s.value), BOOL);
      break;
    case 'int-binary':
      ins(s.kind, [int(s.a), int(s.b)], INT);
      break;
    case 'float-mul': {
      const a = scope.pick(FLOAT, s.a);
      if (a) ins('aten::mul', [a, int(s.b)], FLOAT);
      break;
    }
    case 'compare':
      ins('aten::lt', [int(s.a), int(s.b)], BOOL);
      break;
    case 'tensor-add':
      ins('aten::add', [scope.pick(TENSOR, s.a) as Value, scope.pick(TENSOR, s.b) as Value, int(s.alpha)], TENSOR);
      break;
    case 'tensor-mul-int':
      ins('aten::mul', [scope.pick(TENSOR, s.a) as Value, int(s.b)], TENSOR);
      break;
    case 'tensor-inplace':
      ins('aten::add_', [scope.pick(TENSOR, s.a) as Value, scope.pick(TENSOR, s.b) as Value, int(0)], TENSOR);
      break;
    case 'list':
      ins('prim::ListConstruct', s.items.map(int), INT_LIST);
      break;
    case 'len': {
      const list = scope.pick(INT_LIST, s.a);
      if (list) ins('aten::len', [list], INT);
      break;
    }
    case 'tuple': {
      const a = int(s.a);
      const b = scope.pick(TENSOR, s.b) as Value;
      const t = graph
        .insert('prim::TupleConstruct', [a, b])
        .output()
        .setType(TupleType.of([INT, TENSOR]));
      const index = graph.insertConstant(s.index);
      const elementType = s.index === 0 || s.index === -2 ? INT : TENSOR;
      ins('prim::TupleIndex', [t, index], elementType);
      const unpack = graph.insert('prim::TupleUnpack', [t], 2);
      scope.add(unpack.outputs[0].setType(INT), INT);
      scope.add(unpack.outputs[1].setType(TENSOR), TENSOR);
      break;
    }
    case 'print':
      ins('prim::Print', [int(s.a)], null);
      break;
    case 'if': {
      const node = graph.insert('prim::If', [scope.pick(BOOL, s.cond) as Value], 0);
      const results: Value[][] = [];
      for (const steps of [s.thenSteps, s.elseSteps]) {
        const block = node.addBlock();
        const inner = new Scope(scope);
        graph.withInsertPoint(block, () => {
          for (const x of steps) emit(graph, inner, x);
        });
        results.push([inner.all(INT).at(-1) as Value, inner.all(TENSOR).at(-1) as Value]);
      }
      node.blocks.forEach((block, i) => {
        block.registerOutput(results[i][0]);
        block.registerOutput(results[i][1]);
      });
      scope.add(node.addOutput(INT), INT);
      scope.add(node.addOutput(TENSOR), TENSOR);
      break;
    }
    case 'loop': {
      const trip = graph.insertConstant(s.trip % 3);
      const cond = scope.pick(BOOL, 0) as Value;
      const init = int(s.carried);
      const node = graph.insert('prim::Loop', [trip, cond, init], 0);
      const block = node.addBlock();
      const inner = new Scope(scope);
      inner.add(block.addInput(undefined, INT), INT);
      const carried = inner.add(block.addInput(undefined, INT), INT);
      graph.withInsertPoint(block, () => {
        for (const x of s.body) emit(graph, inner, x);
      });
      block.registerOutput(inner.all(BOOL).at(-1) as Value);
      block.registerOutput(inner.values.get(INT)?.at(-1) ?? carried);
      scope.add(node.addOutput(INT), INT);
      break;
    }
  }
}

function randomGraph(steps: readonly Step[], outputs: readonly number[]): Graph {
  const graph = new Graph();
  const scope = new Scope();
  scope.add(graph.addInput('x', TENSOR), TENSOR);
  scope.add(graph.addInput('i', INT), INT);
  scope.add(graph.addInput('b', BOOL), BOOL);
  for (const s of steps) emit(graph, scope, s);
  const candidates = [...scope.all(INT), ...scope.all(TENSOR), ...scope.all(BOOL), ...scope.all(FLOAT)];
  for (const o of outputs) graph.registerOutput(candidates[o % candidates.length]);
  lint(graph);
  return graph;
}

// ---- mutations of fixture graphs -----------------------------------------------------------

type Mutation =
  | { kind: 'constant'; at: number; value: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'drop-output'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('constant' as const), at: fc.nat(), value: fc.integer({ min: -2, max: 3 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('drop-output' as const), at: fc.nat() }),
);

function mutate(graph: Graph, m: Mutation): void {
  const nodes = [...graph.allNodes()];
  if (nodes.length === 0) return;
  const node = nodes[m.at % nodes.length];
  if (m.kind === 'constant') {
    // Another value for an int or bool constant (bools stay 0/1).
    if (node.kind === 'prim::Constant' && node.attributeKind('value') === 'i') {
      node.setI('value', node.output().type.kind === 'BoolType' ? Math.abs(m.value) % 2 : m.value);
    }
  } else if (m.kind === 'duplicate') {
    if (node.blocks.length > 0) return;
    const copy = graph.createClone(node, (v) => v, false);
    copy.outputs.forEach((v) => {
      if (v.hasDebugName()) v.setDebugName('');
    });
    graph.withInsertPoint(node, () => graph.insertNode(copy));
  } else if (graph.outputs.length > 0) {
    graph.eraseOutput(m.at % graph.outputs.length);
  }
}

describe('the cleanup pipeline on random graphs', () => {
  it('runs every fixture graph through the pipeline', () => {
    expect(fixtureTexts.length).toBeGreaterThan(50);
    for (const text of fixtureTexts) cleanup(parseIR(text));
  });

  it('keeps random graphs valid (lint after every pass, print/parse round trip)', () => {
    let changed = 0;
    let nodes = 0;
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        (steps, outputs) => {
          const graph = randomGraph(steps, outputs);
          nodes += [...graph.allNodes()].length;
          if (cleanup(graph)) changed++;
        },
      ),
      { numRuns: 300 },
    );
    // The generator makes graphs the passes have work on, not trivial ones.
    expect(changed).toBeGreaterThan(150);
    expect(nodes / 300).toBeGreaterThan(8);
  });

  it('keeps mutated fixture graphs valid', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: fixtureTexts.length - 1 }),
        fc.array(mutation, { maxLength: 5 }),
        (index, mutations) => {
          const graph = parseIR(fixtureTexts[index]);
          for (const m of mutations) mutate(graph, m);
          lint(graph);
          cleanup(graph);
        },
      ),
      { numRuns: 300 },
    );
  });
});
