import { DictType, type Graph, type JitType, StringType, TensorType, TupleType, type Value } from '@tsjit/ir';
import { Module } from '@tsjit/nn';
import { eliminateDeadCode } from '@tsjit/passes';
import { pushMode, setDataReadHook, Tensor } from '@tsjit/tensor';
import { functionFromGraph } from '../graph-function.js';
import type { ScriptFunction } from '../script-function.js';
import type { ScriptModule } from '../script-module.js';
import { enterTrace } from './active-tracer.js';
import { checkTrace } from './check-trace.js';
import { traceModule } from './trace-module.js';
import { TracingError } from './tracing-error.js';
import { TracingState, tensorTypeOf, withoutNones } from './tracing-state.js';

export interface TraceOptions {
  /**
   * Run the traced function and `fn` again on `checkInputs` (or on the example inputs) and compare,
   * as PyTorch's `check_trace` (default true): outputs that differ are a TracerWarning, graphs
   * that differ between the trace and a re-trace a TracingCheckError.
   */
  readonly checkTrace?: boolean;
  /** Input sets to check the trace with (each an array of arguments, or a single tensor). */
  readonly checkInputs?: readonly (Tensor | readonly unknown[])[];
  /** The relative tolerance of the output comparison (default 1e-5, as PyTorch). */
  readonly checkTolerance?: number;
  /**
   * As PyTorch's `strict` (default true): in strict mode a trace may return only tensors and
   * tuples (JS arrays) of them; with `strict: false` a Map from strings to tensors is recorded
   * as a dict (whose structure the trace then assumes fixed).
   */
  readonly strict?: boolean;
  /** The function's name (default: `fn.name`, or `fn` for an anonymous function). */
  readonly name?: string;
}

/** What `traceGraph` records: the graph, and the outputs `fn` returned. */
export interface RecordedTrace {
  readonly graph: Graph;
  /** The scripted functions the graph calls, by qualified name. */
  readonly callees: ReadonlyMap<string, ScriptFunction>;
  readonly outputs: unknown;
}

/**
 * `torch.jit.trace` for a JS function over eager tensors: runs `fn(...exampleInputs)` once,
 * records every op it dispatches into a graph, and returns that graph as a ScriptFunction (its
 * `graph`, `code`, `call(...)` through the interpreter). Arguments are tensors or (nested) arrays
 * of tensors, which the graph takes as tuples; the result is a tensor or a (nested) array of
 * tensors, returned as a tuple. Control flow is not recorded: the branch the example inputs take
 * is baked in, and a TracerWarning names each place where tensor data steers JS code (`item()`,
 * comparisons, `toArray()`, iteration, tensors made from JS data). Scripted functions called
 * during the trace are recorded as their graphs, control flow included.
 *
 *     const f = jit.trace((x, y) => x.add(y).relu(), [torch.randn(2, 3), torch.randn(2, 3)]);
 *     f.graph.toString();  // graph(%x : Float(2, 3, ...), %y : ...): ... aten::add ... aten::relu ...
 */
export function trace(module: Module, exampleInputs: Tensor | readonly unknown[], options?: TraceOptions): ScriptModule;
export function trace(
  fn: (...args: any[]) => unknown,
  exampleInputs: Tensor | readonly unknown[],
  options?: TraceOptions,
): ScriptFunction;
export function trace(
  fnOrModule: ((...args: any[]) => unknown) | Module,
  exampleInputs: Tensor | readonly unknown[],
  options: TraceOptions = {},
): ScriptFunction | ScriptModule {
  // An nn.Module traces its forward (torch.jit.trace(module, inputs) is trace_module(module, {'forward': inputs})).
  if (fnOrModule instanceof Module) {
    const { checkInputs, name: _name, ...rest } = options;
    return traceModule(
      fnOrModule,
      { forward: exampleInputs },
      {
        ...rest,
        ...(checkInputs === undefined ? {} : { checkInputs: checkInputs.map((forward) => ({ forward })) }),
      },
    );
  }
  const fn = fnOrModule;
  const inputs = exampleInputs instanceof Tensor ? [exampleInputs] : [...exampleInputs];
  const name = options.name ?? (fn.name || 'fn');
  const { graph, callees } = traceGraph(fn, inputs, { strict: options.strict ?? true });
  const traced = functionFromGraph(name, graph, { callees });
  if (options.checkTrace ?? true) {
    const sets = (options.checkInputs ?? [inputs]).map((s) => (s instanceof Tensor ? [s] : [...s]));
    checkTrace(fn, traced, sets, { tolerance: options.checkTolerance ?? 1e-5, strict: options.strict ?? true });
  }
  return traced;
}

export interface TraceGraphOptions {
  readonly strict?: boolean;
  /** The graph inputs' names (default: `fn`'s parameter names). */
  readonly argumentNames?: readonly (string | undefined)[];
  /**
   * Runs on the new recorder before the inputs are added: module tracing adds `self` as the
   * first input there and sets `externalValue` so that parameters are read with `prim::GetAttr`.
   */
  readonly prepare?: (state: TracingState) => void;
  /** Record the outputs without their nulls (a submodule's forward: see withoutNones). */
  readonly withoutNones?: boolean;
  /**
   * The module scope of what `fn` records (`__module.s/__module.s.l`, a submodule's method): set on
   * every node recorded while `fn` runs except attribute reads and method calls, as PyTorch's
   * traced graphs show `, scope: ...`.
   */
  readonly scope?: string;
}

/** Records `fn(...inputs)` into a new graph (no checks; see `trace`). */
export function traceGraph(
  fn: (...args: any[]) => unknown,
  inputs: readonly unknown[],
  options: TraceGraphOptions = {},
): RecordedTrace {
  const state = new TracingState();
  options.prepare?.(state);
  const names = options.argumentNames ?? parameterNames(fn);
  inputs.forEach((input, i) => {
    const value = state.graph.addInput(names[i], inputType(input));
    bindInput(state, value, input);
  });
  const before = new Set(state.graph.nodes());
  const previousHook = setDataReadHook((kind, t) => state.onDataRead(kind, t));
  const pop = pushMode(state);
  const leave = enterTrace(state);
  let outputs: unknown;
  try {
    outputs = fn(...inputs);
  } finally {
    leave();
    pop();
    setDataReadHook(previousHook);
  }
  if (options.scope !== undefined) {
    for (const node of state.graph.nodes()) {
      if (before.has(node) || node.kind === 'prim::GetAttr' || node.kind === 'prim::CallMethod') continue;
      node.setScope(options.scope);
    }
  }
  const recorded = options.withoutNones ? withoutNones(outputs) : outputs;
  state.graph.registerOutput(outputValue(state, recorded, options.strict ?? true));
  eliminateDeadCode(state.graph);
  return { graph: state.graph, callees: state.callees, outputs };
}

export function inputType(input: unknown): JitType {
  if (input instanceof Tensor) return tensorTypeOf(input);
  if (Array.isArray(input)) return TupleType.of(input.map(inputType));
  const what =
    input === null ? 'null' : typeof input === 'object' ? (input.constructor?.name ?? 'object') : typeof input;
  throw new TracingError(
    `Type '${what}' cannot be traced. Only Tensors and (possibly nested) arrays of Tensors can be traced`,
  );
}

function bindInput(state: TracingState, value: Value, input: unknown): void {
  if (input instanceof Tensor) {
    state.setValue(input, value);
    return;
  }
  const items = input as readonly unknown[];
  const unpack = state.graph.insert('prim::TupleUnpack', [value], items.length);
  items.forEach((item, i) => {
    unpack.outputs[i].setType(inputType(item));
    bindInput(state, unpack.outputs[i], item);
  });
}

function outputValue(state: TracingState, output: unknown, strict: boolean): Value {
  if (output instanceof Tensor) return state.valueOf(output);
  if (Array.isArray(output)) {
    const values = output.map((o) => outputValue(state, o, strict));
    const node = state.graph.insert('prim::TupleConstruct', values, 1);
    node.output().setType(TupleType.of(values.map((v) => v.type)));
    return node.output();
  }
  if (output instanceof Map) {
    if (strict) {
      throw new TracingError(
        'Encountering a dict at the output of the tracer might cause the trace to be incorrect, this is only valid ' +
          "if the container structure does not change based on the module's inputs. Consider using a constant " +
          'container instead (e.g. for `Map`, use an array (a tuple) instead). If you absolutely need this and know ' +
          'the side effects, pass strict: false to trace() to allow this behavior.',
      );
    }
    const values: Value[] = [];
    for (const [key, item] of output) {
      if (typeof key !== 'string') throw new TracingError('a dict output of a trace needs string keys');
      values.push(state.graph.insertConstant(key), outputValue(state, item, strict));
    }
    const node = state.graph.insert('prim::DictConstruct', values, 1);
    node.output().setType(DictType.of(StringType.get(), TensorType.get()));
    return node.output();
  }
  throw new TracingError(
    'Only tensors, arrays of tensors (tuples), or nested arrays of tensors can be output from traced functions',
  );
}

/**
 * The parameter names of a JS function, read from its source (`(x, y) => ...`, `function f(x)`),
 * for the graph inputs as PyTorch names them after the Python parameters; undefined where a
 * parameter is not a plain identifier (destructuring, rest).
 */
export function parameterNames(fn: (...args: any[]) => unknown): (string | undefined)[] {
  const source = Function.prototype.toString.call(fn);
  let list: string | undefined;
  const arrow = /^(?:async\s*)?([A-Za-z_][\w]*)\s*=>/.exec(source);
  if (arrow) list = arrow[1];
  else {
    const open = source.indexOf('(');
    const close = source.indexOf(')', open);
    if (open >= 0 && close > open) list = source.slice(open + 1, close);
  }
  if (list === undefined) return [];
  return list.split(',').map((p) => {
    const name = p
      .replace(/\/\*.*?\*\//g, '')
      .replace(/=.*$/s, '')
      .replace(/:.*$/s, '')
      .trim();
    return /^[A-Za-z_]\w*$/.test(name) && !/^\d/.test(name) ? name : undefined;
  });
}
