import {
  type Graph,
  type JitType,
  ListType,
  type Node,
  OptionalType,
  TensorType as TensorTypeClass,
  TupleType,
} from '@tsjit/ir';
import { canonicalize, isNondeterministic } from '@tsjit/passes';
import { Tensor, torchOps } from '@tsjit/tensor';
import { functionFromGraph } from '../graph-function.js';
import type { ScriptFunction } from '../script-function.js';
import { closeMismatch, defaultTolerances } from './assert-close.js';
import { lineDiff } from './line-diff.js';
import { traceGraph } from './trace.js';
import { emitTracerWarning } from './tracer-warning.js';
import { indent, TracingCheckError } from './tracing-check-error.js';
import { userFrame } from './user-frame.js';

export interface CheckOptions {
  readonly tolerance: number;
  readonly strict: boolean;
}

/**
 * PyTorch's `_check_trace`: for each input set, trace `fn` again, run the trace, `fn` and the new
 * trace on copies of the inputs and compare. Outputs that differ are a TracerWarning ("Output nr 1.
 * of the traced function does not match the corresponding output of the Python function", with
 * the greatest differences); a new graph that differs from the trace (or tensor constants that
 * differ, or a run that throws) is a TracingCheckError.
 */
export function checkTrace(
  fn: (...args: any[]) => unknown,
  traced: ScriptFunction,
  inputSets: readonly (readonly unknown[])[],
  options: CheckOptions,
): void {
  const frame = userFrame();
  let warnedNondeterministic = false;
  // PyTorch's maybe_warn_nondeterministic: before the first mismatch, name the random nodes.
  const warnNondeterministic = () => {
    if (warnedNondeterministic) return;
    warnedNondeterministic = true;
    const nodes = [...traced.graph.nodes()].filter((n) => isNondeterministic(n));
    if (nodes.length === 0) return;
    const text =
      'Trace had nondeterministic nodes. Did you forget call .eval() on your model? Nodes:\n' +
      nodes
        .slice(0, 20)
        .map((n) => indent(n.toString().trimEnd()))
        .join('\n') +
      '\nThis may cause errors in trace checking. To disable trace checking, pass checkTrace: false to jit.trace()';
    emitTracerWarning(text, text, frame);
  };
  for (const inputs of inputSets) {
    const recorded = traceGraph(fn, cloneInputs(inputs), { strict: options.strict });
    const check = functionFromGraph(traced.name, recorded.graph, { callees: recorded.callees });
    const diagnostic = () => graphDiagnostic(traced.graph, check.graph);
    const run = (what: string, call: () => unknown): Tensor[] => {
      try {
        const out = call();
        return (Array.isArray(out) ? out : [out]).filter((t): t is Tensor => t instanceof Tensor);
      } catch (e) {
        const [graphDiff, tensorDiff] = diagnostic();
        const text = e instanceof Error ? e.message : String(e);
        const error = new TracingCheckError(
          graphDiff,
          tensorDiff,
          `encountered an exception while running the ${what} with test inputs.\nException:\n${indent(text)}`,
        );
        (error as { cause?: unknown }).cause = e;
        throw error;
      }
    };
    const compare = (original: Tensor[], reference: Tensor[], what: string): boolean => {
      let ok = true;
      const n = Math.min(original.length, reference.length);
      for (let i = 0; i < n; i++) {
        const { atol } = defaultTolerances(original[i].dtype, reference[i].dtype);
        const mismatch = closeMismatch(original[i], reference[i], options.tolerance, atol);
        if (mismatch === undefined) continue;
        warnNondeterministic();
        ok = false;
        const text =
          `Output nr ${i + 1}. of the traced function does not match the corresponding output of the ${what}. ` +
          `Detailed error:\n${mismatch}`;
        emitTracerWarning(text, text, frame);
      }
      return ok;
    };
    const tracedOuts = run('trace', () => traced.call(...cloneInputs(inputs)));
    const fnOuts = run('Python function', () => fn(...cloneInputs(inputs)));
    if (compare(tracedOuts, fnOuts, 'Python function')) {
      const checkOuts = run('repeated trace', () => check.call(...cloneInputs(inputs)));
      compare(tracedOuts, checkOuts, 'repeated trace');
    }
    const [graphDiff, tensorDiff] = diagnostic();
    if (graphDiff !== undefined || tensorDiff !== undefined) throw new TracingCheckError(graphDiff, tensorDiff);
  }
}

/** Copies of the input tensors (the traced code may write into its inputs). */
function cloneInputs(inputs: readonly unknown[]): unknown[] {
  return inputs.map((x) => (x instanceof Tensor ? torchOps.clone(x) : Array.isArray(x) ? cloneInputs(x) : x));
}

function eraseShapes(type: JitType): JitType {
  switch (type.kind) {
    case 'TensorType':
      return TensorTypeClass.get();
    case 'TupleType': {
      const tuple = type as TupleType;
      return tuple.elements.some((e) => e.kind === 'TensorType') ? TupleType.of(tuple.elements.map(eraseShapes)) : type;
    }
    case 'ListType':
      return ListType.of(eraseShapes((type as ListType).elementType));
    case 'OptionalType':
      return OptionalType.of(eraseShapes((type as OptionalType).elementType));
    default:
      return type;
  }
}

/** The graph as PyTorch's check compares it: a canonicalized copy without shape information. */
function canonicalGraph(graph: Graph): Graph {
  const copy = graph.copy();
  for (const input of copy.inputs) input.setType(eraseShapes(input.type));
  for (const node of copy.allNodes()) {
    for (const output of node.outputs) output.setType(eraseShapes(output.type));
    for (const block of node.blocks) for (const input of block.inputs) input.setType(eraseShapes(input.type));
  }
  canonicalize(copy);
  return copy;
}

function sourceOf(node: Node): string | undefined {
  const r = node.sourceRange;
  return r === undefined ? undefined : `${r.file}:${r.line}`;
}

/** PyTorch's `graph_diagnostic_info`: the graph diff with the first diverging node, and differing tensor constants. */
function graphDiagnostic(traced: Graph, check: Graph): [string | undefined, string | undefined] {
  const a = canonicalGraph(traced);
  const b = canonicalGraph(check);
  const aText = a.toString();
  const bText = b.toString();
  let graphDiff: string | undefined;
  const aNodes = [...a.nodes()];
  const bNodes = [...b.nodes()];
  if (aText !== bText) {
    graphDiff = `Graph diff:\n${indent(lineDiff(aText, bText))}\n`;
    for (let i = 0; i < Math.min(aNodes.length, bNodes.length); i++) {
      const [x, y] = [aNodes[i].toString(), bNodes[i].toString()];
      if (x === y) continue;
      graphDiff += `First diverging operator:\nNode diff:\n${indent(lineDiff(x, y))}\n`;
      const [xs, ys] = [sourceOf(aNodes[i]), sourceOf(bNodes[i])];
      if (xs) graphDiff += `Trace source location:\n${indent(xs)}\n`;
      if (ys) graphDiff += `Check source location:\n${indent(ys)}\n`;
      break;
    }
  }
  let tensorDiff: string | undefined;
  for (let i = 0; i < Math.min(aNodes.length, bNodes.length); i++) {
    const [x, y] = [aNodes[i], bNodes[i]];
    if (x.kind !== y.kind) break;
    if (x.kind !== 'prim::Constant' || x.attributeKind('value') !== 't' || y.attributeKind('value') !== 't') continue;
    const [s, t] = [x.t('value'), y.t('value')];
    if (!(s instanceof Tensor) || !(t instanceof Tensor)) continue;
    const { rtol, atol } = defaultTolerances(s.dtype, t.dtype);
    const mismatch = closeMismatch(s, t, rtol, atol);
    if (mismatch === undefined) continue;
    tensorDiff = `Node:\n${indent(x.toString())}\n`;
    const where = sourceOf(x);
    if (where) tensorDiff += `Source Location:\n${indent(where)}\n`;
    tensorDiff += `Comparison exception: ${indent(mismatch)}`;
    break;
  }
  return [graphDiff, tensorDiff];
}
