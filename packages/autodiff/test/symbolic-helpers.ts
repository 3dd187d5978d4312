/**
 * Test helpers for the symbolic engine: a small evaluator of straight-line graphs (the interpreter
 * is a higher layer, out of autodiff's reach) that runs every op node through the dispatcher, and
 * finite differences in float64.
 */
import type { Graph, Value } from '@tsjit/ir';
import { type DType, isTuple } from '@tsjit/ops';
import { callOp, dispatch, opRegistry, readValues, Tensor, tensor } from '@tsjit/tensor';
import { constantValue, resolveNodeOverload, type ValueProfile } from '../src/index.js';

const isTensor = (v: unknown): v is Tensor => v instanceof Tensor;

/** Runs `graph` on `inputs`; returns its outputs and every value's run-time value. */
export function runGraph(
  graph: Graph,
  inputs: readonly unknown[],
): { outputs: unknown[]; values: Map<Value, unknown> } {
  const values = new Map<Value, unknown>();
  graph.inputs.forEach((v, i) => {
    values.set(v, inputs[i]);
  });
  const registry = opRegistry();
  for (const node of graph.nodes()) {
    const args = node.inputs.map((v) => values.get(v));
    let outs: unknown[];
    switch (node.kind) {
      case 'prim::Constant':
        outs = [constantValue(node)];
        break;
      case 'prim::ListConstruct':
        outs = [args];
        break;
      case 'prim::TupleConstruct':
        outs = [Object.freeze(args)];
        break;
      case 'prim::ListUnpack':
      case 'prim::TupleUnpack':
        outs = [...(args[0] as unknown[])];
        break;
      default: {
        const schema = node.maybeSchema();
        const overload = schema
          ? registry.find(schema.operatorName)!
          : resolveNodeOverload(registry, node, (v) => values.get(v), isTensor);
        if (overload === undefined) throw new Error(`no overload for ${node.kind}`);
        const bound: Record<string, unknown> = {};
        overload.schema.arguments.forEach((a, i) => {
          bound[a.name] = args[i];
        });
        const result = dispatch(overload, bound);
        outs = node.outputs.length === 1 ? [result] : [...(result as unknown[])];
      }
    }
    node.outputs.forEach((v, i) => {
      values.set(v, outs[i]);
    });
  }
  return { outputs: graph.outputs.map((v) => values.get(v)), values };
}

/** A profile (differentiate's option) from a run's values. */
export function profileOf(values: Map<Value, unknown>): (v: Value) => ValueProfile | undefined {
  return (v) => {
    if (!values.has(v)) return undefined;
    const x = values.get(v);
    if (isTensor(x)) return { sizes: x.sizes, dtype: x.dtype, tensor: x };
    return { value: x };
  };
}

/** Every floating tensor among nested outputs. */
export function floatLeaves(v: unknown): Tensor[] {
  if (isTensor(v)) return v.dtype === 'float64' || v.dtype === 'float32' ? [v] : [];
  if (Array.isArray(v) || isTuple(v)) return (v as unknown[]).flatMap(floatLeaves);
  return [];
}

/** d/d inputs[i] of sum(all floating outputs), by central differences in float64. */
export function numericGradient(graph: Graph, inputs: Tensor[], i: number, eps = 1e-6): number[] {
  const loss = (xs: unknown[]) =>
    floatLeaves(runGraph(graph, xs).outputs).reduce((s, t) => s + flat(t).reduce((a, b) => a + b, 0), 0);
  const base = flat(inputs[i]);
  return base.map((_, k) => {
    const plus = [...base];
    plus[k] += eps;
    const minus = [...base];
    minus[k] -= eps;
    const xs = [...inputs] as unknown[];
    xs[i] = shaped(plus, [...inputs[i].sizes], 'float64');
    const lp = loss(xs);
    xs[i] = shaped(minus, [...inputs[i].sizes], 'float64');
    const lm = loss(xs);
    return (lp - lm) / (2 * eps);
  });
}

export function flat(t: Tensor): number[] {
  return readValues(t).map(Number);
}

/** A tensor of `vals` with `sizes`. */
export function shaped(vals: readonly number[], sizes: readonly number[], dtype: DType): Tensor {
  return callOp('reshape', [tensor([...vals], { dtype }), [...sizes]]) as Tensor;
}
