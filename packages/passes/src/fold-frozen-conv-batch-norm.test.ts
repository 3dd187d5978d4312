import { OptionalType, TensorType } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { foldFrozenConvBatchNorm } from './fold-frozen-conv-batch-norm.js';
import { addBatchNorm, convGraph, countKind, maxAbsDiff, pattern, runGraph } from './testing/frozen-graphs.js';

const bnParams = (c: number) => ({
  weight: pattern([c], 3),
  bias: pattern([c], 4),
  mean: pattern([c], 5),
  variance: pattern([c], 6).abs().add(0.5),
  eps: 1e-5,
});

describe('foldFrozenConvBatchNorm', () => {
  it.each([1, 2, 3])('folds an inference batch norm into conv%dd with the same results', (rank) => {
    const k = new Array(rank).fill(3);
    const { graph, conv } = convGraph(pattern([4, 2, ...k], 1), pattern([4], 2), rank);
    graph.registerOutput(addBatchNorm(graph, conv, bnParams(4)));
    const x = pattern([2, 2, ...new Array(rank).fill(5)], 7);
    const before = runGraph(graph, [x]);
    expect(foldFrozenConvBatchNorm(graph)).toBe(true);
    expect(countKind(graph, 'aten::batch_norm')).toBe(0);
    expect(graph.outputs[0]?.node.kind).toBe(`aten::conv${rank}d`);
    expect(maxAbsDiff(runGraph(graph, [x]), before)).toBeLessThan(1e-5);
  });

  it('folds into a conv whose None bias is typed Optional[Tensor] (a frozen `bias: Optional[Tensor]` attribute)', () => {
    const { graph, conv } = convGraph(pattern([3, 2, 1, 1], 1), null);
    const optionalNone = graph.withInsertPoint(conv.node, () =>
      graph.insertConstant(null, { type: OptionalType.of(TensorType.get()) }),
    );
    conv.node.replaceInput(2, optionalNone);
    graph.registerOutput(addBatchNorm(graph, conv, bnParams(3)));
    const x = pattern([1, 2, 4, 4], 9);
    const before = runGraph(graph, [x]);
    expect(foldFrozenConvBatchNorm(graph)).toBe(true);
    expect(countKind(graph, 'aten::batch_norm')).toBe(0);
    expect(maxAbsDiff(runGraph(graph, [x]), before)).toBeLessThan(1e-5);
  });

  it('folds into a conv without bias and a batch norm without affine parameters', () => {
    const { graph, conv } = convGraph(pattern([3, 2, 1, 1], 1), null);
    graph.registerOutput(addBatchNorm(graph, conv, { ...bnParams(3), weight: null, bias: null }));
    const x = pattern([1, 2, 4, 4], 9);
    const before = runGraph(graph, [x]);
    expect(foldFrozenConvBatchNorm(graph)).toBe(true);
    expect(maxAbsDiff(runGraph(graph, [x]), before)).toBeLessThan(1e-5);
  });

  it('leaves a training-mode batch norm, and a conv whose output has another use', () => {
    const a = convGraph(pattern([3, 2, 1, 1], 1), null);
    a.graph.registerOutput(addBatchNorm(a.graph, a.conv, { ...bnParams(3), training: true }));
    expect(foldFrozenConvBatchNorm(a.graph)).toBe(false);
    const b = convGraph(pattern([3, 2, 1, 1], 1), null);
    b.graph.registerOutput(addBatchNorm(b.graph, b.conv, bnParams(3)));
    b.graph.registerOutput(b.conv);
    expect(foldFrozenConvBatchNorm(b.graph)).toBe(false);
    expect(countKind(b.graph, 'aten::batch_norm')).toBe(1);
  });
});
