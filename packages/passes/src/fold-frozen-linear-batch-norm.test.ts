import { Graph, intValue, tensorValue, type Value } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { foldFrozenLinearBatchNorm } from './fold-frozen-linear-batch-norm.js';
import { addBatchNorm, countKind, maxAbsDiff, pattern, runGraph } from './testing/frozen-graphs.js';

/** `x -> [flatten(x, 1, -1) ->] linear -> batch_norm`. */
function linearBn(flatten: boolean) {
  const graph = new Graph();
  let x: Value = graph.addInput('x');
  if (flatten) {
    x = graph
      .insert('aten::flatten', [x, graph.insertConstant(intValue(1)), graph.insertConstant(intValue(-1))])
      .output();
  }
  const w = graph.insertConstant(tensorValue(pattern([3, 6], 1)));
  const b = graph.insertConstant(tensorValue(pattern([3], 2)));
  const linear = graph.insert('aten::linear', [x, w, b]).output();
  const bn = { weight: pattern([3], 3), bias: pattern([3], 4), mean: pattern([3], 5), eps: 1e-5 };
  graph.registerOutput(addBatchNorm(graph, linear, { ...bn, variance: pattern([3], 6).abs().add(0.5) }));
  return graph;
}

describe('foldFrozenLinearBatchNorm', () => {
  it('folds a batch norm after a linear layer whose input is flattened to 2-D', () => {
    const graph = linearBn(true);
    const x = pattern([4, 2, 3], 7);
    const before = runGraph(graph, [x]);
    expect(foldFrozenLinearBatchNorm(graph)).toBe(true);
    expect(countKind(graph, 'aten::batch_norm')).toBe(0);
    expect(maxAbsDiff(runGraph(graph, [x]), before)).toBeLessThan(1e-5);
  });

  it('leaves it where the input rank is unknown (batch norm normalizes dim 1, linear the last)', () => {
    const graph = linearBn(false);
    expect(foldFrozenLinearBatchNorm(graph)).toBe(false);
    expect(countKind(graph, 'aten::batch_norm')).toBe(1);
  });
});
