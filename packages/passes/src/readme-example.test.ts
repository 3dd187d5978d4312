import { parseIR } from '@tsjit/ir';
import { expect, it } from 'vitest';
import { runPipeline } from './index.js';

it('runs the README example as written', () => {
  const graph = parseIR(`graph(%x : Tensor):
  %a : int = prim::Constant[value=2]()
  %b : int = aten::mul(%a, %a)
  %y : Tensor = aten::mul(%x, %b)
  %z : Tensor = aten::mul(%x, %b)
  return (%y)`);
  runPipeline(graph, 'cleanup');
  expect(graph.toString()).toBe(`graph(%x : Tensor):
  %5 : int = prim::Constant[value=4]()
  %y : Tensor = aten::mul(%x, %5)
  return (%y)
`);
});
