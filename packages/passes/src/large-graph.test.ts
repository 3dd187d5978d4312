import { Graph, IntType, lint, TensorType } from '@tsjit/ir';
import { expect, it } from 'vitest';
import { runPipeline } from './index.js';

it('handles long graphs and deeply nested blocks without overflowing the stack', () => {
  const graph = new Graph();
  const x = graph.addInput('x', TensorType.get());
  const i = graph.addInput('i', IntType.get());
  let t = x;
  let n = i;
  const one = graph.insertConstant(1);
  for (let k = 0; k < 2000; k++) {
    n = graph.insert('aten::add', [n, one]).output().setType(IntType.get());
    t = graph.insert('aten::mul', [t, n]).output();
    graph.insert('aten::mul', [t, n]); // dead, and a common subexpression
  }
  // 200 nested Ifs, the innermost computing the result.
  let block = graph.block;
  const cond = graph.insertConstant(true);
  const ifs = [];
  for (let d = 0; d < 200; d++) {
    const node = graph.withInsertPoint(block, () => graph.insert('prim::If', [cond], 1));
    ifs.push(node);
    block = node.addBlock();
    node.addBlock().registerOutput(t);
  }
  const inner = graph.withInsertPoint(block, () => graph.insert('aten::neg', [t]).output());
  block.registerOutput(inner);
  for (let d = ifs.length - 1; d > 0; d--) ifs[d - 1].blocks[0].registerOutput(ifs[d].output());
  graph.registerOutput(ifs[0].output());
  lint(graph);
  runPipeline(graph, 'cleanup', { afterPass: (_name, g) => lint(g) });
  const text = graph.toString();
  expect(text).not.toContain('prim::If');
  expect(text.match(/aten::mul/g)?.length).toBe(2000);
  expect(text).toContain('aten::neg');
});
