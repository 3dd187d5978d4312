import { type Graph, lint, parseIR } from '@tsjit/ir';

/** Parses `text`, runs `pass` on it, lints the result and returns it with whether the pass reported a change. */
export function runPass(
  text: string,
  pass: (graph: Graph) => boolean,
): { graph: Graph; changed: boolean; text: string } {
  const graph = parseIR(text);
  const changed = pass(graph);
  lint(graph);
  return { graph, changed, text: graph.toString() };
}
