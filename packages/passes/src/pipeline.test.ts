import { type Graph, InternalError, lint, parseIR } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { calleeName } from './inline-calls.js';
import { pipelines, runPipeline } from './pipeline.js';
import { fileCheck } from './testing/file-check.js';

describe('runPipeline', () => {
  it("'cleanup' inlines, folds, simplifies and removes dead code to a fixed point, linting after every pass", () => {
    const callee = parseIR(`graph(%a : int, %b : int):
  %t : (int, int) = prim::TupleConstruct(%a, %b)
  %x : int, %y : int = prim::TupleUnpack(%t)
  %s : int = aten::mul(%x, %y)
  return (%s)`);
    const graph = parseIR(`graph(%i : int):
  %f : Function = prim::Constant[name="product"]()
  %2 : int = prim::Constant[value=2]()
  %3 : int = prim::Constant[value=3]()
  %p : int = prim::CallFunction(%f, %2, %3)
  %0 : int = prim::Constant[value=0]()
  %q : int = aten::add(%i, %0)
  %r : int = aten::add(%q, %p)
  %u : int = aten::add(%q, %p)
  %v : int = aten::mul(%r, %u)
  return (%v)`);
    const seen: string[] = [];
    const changed = runPipeline(graph, 'cleanup', {
      resolve: (node) => (calleeName(node) === 'product' ? callee : undefined),
      afterPass: (name, g) => {
        seen.push(name);
        lint(g);
      },
    });
    expect(changed).toBe(true);
    expect(seen.slice(0, 7)).toEqual([
      'inline',
      'constantPropagation',
      'constantPooling',
      'peephole',
      'lowerSimpleTuples',
      'eliminateCommonSubexpression',
      'eliminateDeadCode',
    ]);
    // It stopped at a round where no pass changed anything.
    expect(seen.length % 7).toBe(0);
    expect(seen.length).toBeLessThan(70);
    fileCheck(
      graph.toString(),
      `CHECK: prim::Constant[value=6]()
       CHECK-NEXT: %r : int = aten::add(%i, %
       CHECK-NEXT: %v : int = aten::mul(%r, %r)
       CHECK-NEXT: return (%v)`,
    );
  });

  it('stops after maxIterations rounds and knows only registered names', () => {
    const graph = parseIR('graph(%x : int):\n  return (%x)');
    let rounds = 0;
    pipelines.set('test-always-changes', {
      passes: [
        [
          'touch',
          () => {
            rounds++;
            return true;
          },
        ],
      ],
    });
    try {
      expect(runPipeline(graph, 'test-always-changes', { maxIterations: 3 })).toBe(true);
      expect(rounds).toBe(3);
    } finally {
      pipelines.delete('test-always-changes');
    }
    expect(() => runPipeline(graph, 'no-such-pipeline')).toThrow(InternalError);
    expect(() => runPipeline(graph, 'no-such-pipeline')).toThrow(/known: cleanup/);
  });

  it('runs a once-only pipeline a single time', () => {
    const graph: Graph = parseIR('graph(%x : int):\n  return (%x)');
    let calls = 0;
    pipelines.set('test-once', { once: true, passes: [['count', () => ++calls > 0]] });
    try {
      runPipeline(graph, 'test-once');
      expect(calls).toBe(1);
    } finally {
      pipelines.delete('test-once');
    }
  });
});
