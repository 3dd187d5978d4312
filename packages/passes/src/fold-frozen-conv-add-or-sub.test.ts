import { tensorValue } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { broadcastsAlongChannels, foldFrozenConvAddOrSub } from './fold-frozen-conv-add-or-sub.js';
import { convGraph, countKind, float, maxAbsDiff, pattern, runGraph } from './testing/frozen-graphs.js';

function addGraph(kind: 'aten::add' | 'aten::sub', otherShape: number[], alpha: number, bias = true) {
  const { graph, conv } = convGraph(pattern([4, 2, 3, 3], 1), bias ? pattern([4], 2) : null);
  const other = graph.insertConstant(tensorValue(pattern(otherShape, 3)));
  const out = graph.insert(kind, [conv, other, graph.insertConstant(float(alpha))]).output();
  graph.registerOutput(out);
  return graph;
}

describe('foldFrozenConvAddOrSub', () => {
  it.each([
    ['aten::add', [4, 1, 1], 1, true],
    ['aten::add', [1, 4, 1, 1], 2, false],
    ['aten::sub', [1], 1, true],
    ['aten::sub', [4, 1, 1], 0.5, false],
  ] as const)('folds %s of a constant shaped %j (alpha %d, bias %s) into the bias', (kind, shape, alpha, bias) => {
    const graph = addGraph(kind, [...shape], alpha, bias);
    const x = pattern([2, 2, 5, 5], 7);
    const before = runGraph(graph, [x]);
    expect(foldFrozenConvAddOrSub(graph)).toBe(true);
    expect(countKind(graph, kind)).toBe(0);
    expect(maxAbsDiff(runGraph(graph, [x]), before)).toBeLessThan(1e-5);
  });

  it('leaves a constant that varies along other dimensions than the channels', () => {
    const graph = addGraph('aten::add', [4, 1, 5], 1);
    expect(foldFrozenConvAddOrSub(graph)).toBe(false);
    expect(countKind(graph, 'aten::add')).toBe(1);
  });

  it('accepts only shapes that broadcast along the output channels (opDoesNotBroadCastConv)', () => {
    const w = pattern([4, 2, 3, 3]);
    expect(broadcastsAlongChannels(pattern([4, 1, 1]), w)).toBe(true);
    expect(broadcastsAlongChannels(pattern([1, 4, 1, 1]), w)).toBe(true);
    expect(broadcastsAlongChannels(pattern([4]), w)).toBe(false);
    expect(broadcastsAlongChannels(pattern([2, 4, 1, 1]), w)).toBe(false);
    expect(broadcastsAlongChannels(pattern([1, 1, 4, 1, 1]), w)).toBe(false);
  });
});
