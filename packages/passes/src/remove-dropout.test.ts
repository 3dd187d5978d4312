import { floatValue, Graph } from '@tsjit/ir';
import { describe, expect, it } from 'vitest';
import { removeDropout } from './remove-dropout.js';

function dropoutGraph(kind: string, train: boolean | 'input') {
  const graph = new Graph();
  const x = graph.addInput('x');
  const t = train === 'input' ? graph.addInput('train') : graph.insertConstant(train);
  const out = graph.insert(kind, [x, graph.insertConstant(floatValue(0.5)), t]).output();
  graph.registerOutput(out);
  return graph;
}

describe('removeDropout', () => {
  it.each(['aten::dropout', 'aten::dropout_', 'aten::feature_dropout', 'aten::alpha_dropout_'])(
    'removes %s with train=False: the output is the input',
    (kind) => {
      const graph = dropoutGraph(kind, false);
      expect(removeDropout(graph)).toBe(true);
      expect(graph.outputs[0]).toBe(graph.inputs[0]);
      expect([...graph.nodes()].some((n) => n.kind === kind)).toBe(false);
    },
  );

  it('keeps a dropout in training mode or with a train flag known only at run time', () => {
    for (const train of [true, 'input'] as const) {
      const graph = dropoutGraph('aten::dropout', train);
      expect(removeDropout(graph)).toBe(false);
      expect(graph.outputs[0]?.node.kind).toBe('aten::dropout');
    }
  });
});
