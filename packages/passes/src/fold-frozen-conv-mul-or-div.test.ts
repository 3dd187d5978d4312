import { tensorValue } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { foldFrozenConvMulOrDiv } from './fold-frozen-conv-mul-or-div.js';
import { convGraph, countKind, maxAbsDiff, pattern, runGraph } from './testing/frozen-graphs.js';

function mulGraph(kind: 'aten::mul' | 'aten::div', otherShape: number[], bias = true) {
  const { graph, conv } = convGraph(pattern([4, 2, 3, 3], 1), bias ? pattern([4], 2) : null);
  const other = graph.insertConstant(tensorValue(pattern(otherShape, 3).abs().add(0.5)));
  graph.registerOutput(graph.insert(kind, [conv, other]).output());
  return graph;
}

describe('foldFrozenConvMulOrDiv', () => {
  it.each([
    ['aten::mul', [4, 1, 1], true],
    ['aten::mul', [1], false],
    ['aten::div', [1, 4, 1, 1], true],
    ['aten::div', [4, 1, 1], false],
  ] as const)('folds %s by a constant shaped %j (bias %s) into the weight and bias', (kind, shape, bias) => {
    const graph = mulGraph(kind, [...shape], bias);
    const x = pattern([2, 2, 5, 5], 7);
    const before = runGraph(graph, [x]);
    expect(foldFrozenConvMulOrDiv(graph)).toBe(true);
    expect(countKind(graph, kind)).toBe(0);
    expect(maxAbsDiff(runGraph(graph, [x]), before)).toBeLessThan(1e-5);
  });

  it('leaves a product with a constant that varies along the spatial dimensions', () => {
    const graph = mulGraph('aten::mul', [5, 5]);
    expect(foldFrozenConvMulOrDiv(graph)).toBe(false);
    expect(countKind(graph, 'aten::mul')).toBe(1);
  });
});
