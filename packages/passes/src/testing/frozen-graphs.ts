import { type Block, floatValue, Graph, type IValue, intValue, tensorValue, type Value } from '@tsjit/ir';
import { type Tensor, tensor } from '@tsjit/tensor';
import { constantOf } from '../analysis/constant-value.js';
import { evaluateNode } from '../analysis/evaluate-node.js';

/** Runs a graph without control flow on tensor inputs, node by node through the ops' implementations. */
export function runGraph(graph: Graph, inputs: readonly Tensor[]): Tensor {
  const env = new Map<Value, IValue>();
  graph.inputs.forEach((v, i) => {
    env.set(v, tensorValue(inputs[i]));
  });
  const run = (block: Block) => {
    for (const node of block.nodes()) {
      if (node.kind === 'prim::Constant') {
        env.set(node.output(), (constantOf(node.output()) as { value: IValue }).value);
        continue;
      }
      const args = node.inputs.map((v) => env.get(v) as IValue);
      const out = evaluateNode(node, args, undefined, { maxTensorElements: Number.POSITIVE_INFINITY });
      if (!out) throw new Error(`cannot run ${node.kind}`);
      node.outputs.forEach((v, i) => {
        env.set(v, (out[i] as { value: IValue }).value);
      });
    }
  };
  run(graph.block);
  return (env.get(graph.outputs[0] as Value) as { tensor: Tensor }).tensor;
}

/** Seeded-free deterministic values: a smooth pattern, so that failures reproduce. */
export function pattern(shape: number[], seed = 1): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const data = Array.from({ length: n }, (_, i) => Math.sin(seed * 12.9898 + i * 78.233) * 0.8);
  return tensor(data).reshape(shape);
}

export const ints = (xs: number[]): IValue => xs.map((x) => intValue(x));
export const float = floatValue;

/** `x -> conv{rank}d(x, W, b)`: returns the graph and the conv output (not yet registered as output). */
export function convGraph(weight: Tensor, bias: Tensor | null, rank = 2): { graph: Graph; conv: Value } {
  const graph = new Graph();
  const x = graph.addInput('x');
  const ones = new Array(rank).fill(1);
  const w = graph.insertConstant(tensorValue(weight));
  const b = graph.insertConstant(bias ? tensorValue(bias) : null);
  const conv = graph.insert(`aten::conv${rank}d`, [
    x,
    w,
    b,
    graph.insertConstant(ints(ones)),
    graph.insertConstant(ints(ones.map(() => 0))),
    graph.insertConstant(ints(ones)),
    graph.insertConstant(intValue(1)),
  ]);
  return { graph, conv: conv.output() };
}

/** Appends an inference batch norm with the given parameters after `input`; returns its output. */
export function addBatchNorm(
  graph: Graph,
  input: Value,
  p: { weight: Tensor | null; bias: Tensor | null; mean: Tensor; variance: Tensor; eps: number; training?: boolean },
): Value {
  const c = (t: Tensor | null) => graph.insertConstant(t ? tensorValue(t) : null);
  return graph
    .insert('aten::batch_norm', [
      input,
      c(p.weight),
      c(p.bias),
      c(p.mean),
      c(p.variance),
      graph.insertConstant(p.training ?? false),
      graph.insertConstant(floatValue(0.1)),
      graph.insertConstant(floatValue(p.eps)),
      graph.insertConstant(true),
    ])
    .output();
}

export function countKind(graph: Graph, kind: string): number {
  return [...graph.nodes()].filter((n) => n.kind === kind).length;
}

export function maxAbsDiff(a: Tensor, b: Tensor): number {
  return (a.sub(b).abs().max() as Tensor).item() as number;
}
