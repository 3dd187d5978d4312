import { constantValue, differentiate, type Gradient, SymbolicGradientError, type ValueProfile } from '@tsjit/autodiff';
import { type Code, type CodeProvider, compileGraph, execute, fromRuntime, RunState } from '@tsjit/interpreter';
import type { FunctionSchema, Graph, Node, Value } from '@tsjit/ir';
import { FloatScalar, isFloatingDtype, OpError } from '@tsjit/ops';
import { constantPooling, constantPropagation, eliminateCommonSubexpression, eliminateDeadCode } from '@tsjit/passes';
import { callOp, opRegistry, Tensor } from '@tsjit/tensor';
import { bindArguments } from '../runtime/bind-arguments.js';
import { tensorsEqual } from '../save/tensors-equal.js';
import type { ScriptFunction } from '../script-function.js';
import { ScriptModule } from '../script-module.js';
import { type LiftedAttributes, liftAttributes, readLifted, sameAttribute } from './lift-attributes.js';
import { removeMutation } from './remove-mutation.js';

/** What to differentiate and how. */
export interface GradientsOptions {
  /** Indices of the call's arguments to differentiate with respect to (default: none). */
  readonly inputsRequiringGrad?: readonly number[];
  /**
   * The gradient of each floating output that requires grad, in the order of `outputs` flattened
   * through tuples and lists (default: all ones, i.e. the loss is the sum of every such output).
   */
  readonly gradOutputs?: readonly Tensor[];
  /**
   * Also add each parameter's gradient into its `.grad` (created on first use), as `backward()`
   * does, so that optimizers reading `.grad` train the module.
   */
  readonly accumulateGrad?: boolean;
}

/** One call's results and gradients. */
export interface GradientsResult {
  /** What the method returned. */
  readonly outputs: unknown;
  /** Gradients of the arguments listed in `inputsRequiringGrad`, in that order (null: none flows there). */
  readonly inputGrads: readonly (Tensor | null)[];
  /** Gradients of the module's parameters that received one, by dotted name (`named_parameters()`). */
  readonly paramGrads: Map<string, Tensor>;
}

// After inlining there are no calls: a provider that would run one is a bug.
const NO_CALLS: CodeProvider = {
  functionCode: () => {
    throw new OpError('internal: a call left in a differentiated graph');
  },
  methodCode: () => {
    throw new OpError('internal: a call left in a differentiated graph');
  },
};

const MAX_PROFILE_ROUNDS = 8;

/** A specialization of the method: the forward and backward graphs for one kind of call. */
interface Specialization {
  readonly gradient: Gradient;
  readonly forward: Code;
  readonly backward: Code;
  /**
   * Forward outputs [methodOutputs, methodOutputs + specGuards.length) are the If conditions and
   * loop trip counts the graph was specialized on, with the values it was specialized for.
   */
  readonly specGuards: readonly unknown[];
  readonly methodOutputs: number;
  readonly lifted: LiftedAttributes;
  /** Per gradInput of the backward: an argument index, or a parameter name. */
  readonly targets: readonly ({ arg: number } | { param: string; lifted: number })[];
}

/**
 * Symbolic gradients of a TorchScript method or function (issue 7's symbolic engine behind training
 * scripted and loaded models). The method's graph is inlined, its attribute reads lifted (parameters
 * become inputs), profiled on the first call of each kind, specialized on the profiled If
 * conditions (PyTorch's profiling executor specializes likewise, with guards), and differentiated
 * by `differentiate` with the ops' own rules. Calls run the forward graph, check every guard
 * (argument signature, folded attributes, If conditions, the sizes and values the rules read), and
 * run the backward; a failed guard re-specializes. A graph that cannot be differentiated
 * symbolically (control flow over grad-requiring values, a rule without symbolic form) raises a
 * SymbolicGradientError: the caller falls back to the eager tape.
 */
export class SymbolicGradients {
  readonly #target: ScriptModule | ScriptFunction;
  readonly #method: string;
  readonly #cache = new Map<string, Specialization>();

  constructor(target: ScriptModule | ScriptFunction, method = 'forward') {
    this.#target = target;
    this.#method = method;
  }

  /** Runs the method on `args` and returns its outputs with the gradients asked for. */
  run(args: readonly unknown[], options: GradientsOptions = {}): GradientsResult {
    const requested = options.inputsRequiringGrad ?? [];
    const inputs = this.#bind(args);
    // Which parameters require grad decides the backward's outputs: part of the kind of call.
    const frozen =
      this.#module
        ?.namedParameters()
        .map(([, t]) => (t.requiresGrad ? 1 : 0))
        .join('') ?? '';
    const key = `${requested.join(',')}|${inputs.map(signature).join(';')}|${frozen}`;
    for (let attempt = 0; attempt < 2; attempt++) {
      let spec = this.#cache.get(key);
      if (spec !== undefined && !spec.lifted.folded.every((f) => sameAttribute(f.object.getAttr(f.name), f.value))) {
        spec = undefined;
      }
      if (spec === undefined) {
        spec = this.#specialize(inputs, requested);
        this.#cache.set(key, spec);
      }
      const result = this.#runSpecialization(spec, inputs, options);
      if (result !== undefined) return result;
      this.#cache.delete(key);
    }
    throw new SymbolicGradientError('the specialized graph keeps failing its guards');
  }

  /** How many specializations (kinds of call) are kept. */
  get specializations(): number {
    return this.#cache.size;
  }

  /** The graphs of the specialization for a call (for inspection and tests). */
  gradientFor(args: readonly unknown[], options: GradientsOptions = {}): Gradient {
    return this.#specialize(this.#bind(args), options.inputsRequiringGrad ?? []).gradient;
  }

  get #module(): ScriptModule | undefined {
    return this.#target instanceof ScriptModule ? this.#target : undefined;
  }

  #schema(): FunctionSchema {
    const m = this.#module;
    if (m === undefined) return (this.#target as ScriptFunction).schema;
    const schema = m.host.methodSchema(m.object.type, this.#method);
    if (schema === undefined) {
      throw new OpError(`'${m.object.type.qualifiedName}' object has no attribute or method '${this.#method}'`);
    }
    return schema;
  }

  /** The call's run-time inputs: `self` first for a method. */
  #bind(args: readonly unknown[]): unknown[] {
    const m = this.#module;
    return m === undefined ? bindArguments(this.#schema(), args) : bindArguments(this.#schema(), args, m.object);
  }

  #specialize(inputs: readonly unknown[], requested: readonly number[]): Specialization {
    const m = this.#module;
    const graph = m === undefined ? (this.#target as ScriptFunction).inlinedGraph : m.method(this.#method).inlinedGraph;
    const offset = m === undefined ? 0 : 1;
    const lifted: LiftedAttributes = m ? liftAttributes(graph, m.object) : { tensors: [], folded: [] };
    const methodOutputs = graph.outputs.length;
    for (const node of graph.allNodes()) {
      // Interface calls have no graph to inline before run time; forks run their own subgraph.
      if (node.kind === 'prim::CallMethod' || node.kind === 'prim::CallFunction' || node.kind === 'prim::fork') {
        throw new SymbolicGradientError(
          `${node.kind} remains after inlining: only whole graphs differentiate symbolically`,
        );
      }
    }
    const cleanup = () => {
      constantPropagation(graph);
      eliminateDeadCode(graph);
      if (removeMutation(graph, opRegistry())) eliminateDeadCode(graph);
    };
    cleanup();
    // Specialize on the branch each If takes and unroll counted loops, round after round: a taken
    // branch or a loop body may hold more control flow.
    const specGuards: unknown[] = [];
    const liftedValues = lifted.tensors.map(readLifted);
    let profile = profileGraph(graph, [...inputs, ...liftedValues]);
    for (let round = 0; round < MAX_PROFILE_ROUNDS; round++) {
      let changed = false;
      for (const node of [...graph.nodes()]) {
        if (node.kind === 'prim::If') changed = specializeIf(graph, node, profile, specGuards) || changed;
        else if (node.kind === 'prim::Loop') changed = unrollLoop(graph, node, profile, specGuards) || changed;
      }
      if (!changed) break;
      cleanup();
      profile = profileGraph(graph, [...inputs, ...liftedValues]);
    }
    const targets: ({ arg: number } | { param: string; lifted: number })[] = [];
    const inputsRequiringGrad: number[] = [];
    for (const i of requested) {
      inputsRequiringGrad.push(i + offset);
      targets.push({ arg: i });
    }
    if (m !== undefined) {
      const names = new Map<Tensor, string>();
      for (const [name, t] of m.namedParameters()) names.set(t, name);
      lifted.tensors.forEach((l, k) => {
        const name = names.get(liftedValues[k]);
        // Frozen parameters (requires_grad=False) get no gradient, as in PyTorch.
        if (name === undefined || !liftedValues[k].requiresGrad) return;
        inputsRequiringGrad.push(graph.inputs.indexOf(l.input));
        targets.push({ param: name, lifted: k });
      });
    }
    const gradient = differentiate(graph, { inputsRequiringGrad, profile });
    // The backward as the passes leave it: shared subexpressions and constants once, nothing dead.
    eliminateCommonSubexpression(gradient.backward);
    constantPooling(gradient.backward);
    eliminateDeadCode(gradient.backward);
    constantPooling(gradient.forward);
    const name = m === undefined ? (this.#target as ScriptFunction).name : this.#method;
    return {
      gradient,
      forward: compileGraph(gradient.forward, { name: `${name}_forward`, provider: NO_CALLS }),
      backward: compileGraph(gradient.backward, { name: `${name}_backward`, provider: NO_CALLS }),
      specGuards,
      methodOutputs,
      lifted,
      targets,
    };
  }

  /** One call through a specialization; undefined when a guard fails. */
  #runSpecialization(
    spec: Specialization,
    inputs: readonly unknown[],
    options: GradientsOptions,
  ): GradientsResult | undefined {
    const { gradient } = spec;
    const liftedValues = spec.lifted.tensors.map(readLifted);
    const raw = execute(spec.forward, [...inputs, ...liftedValues], new RunState());
    const outs = gradient.forward.outputs.length === 1 ? [raw] : (raw as unknown[]);
    for (let i = 0; i < spec.specGuards.length; i++) {
      if (!sameValue(outs[spec.methodOutputs + i], spec.specGuards[i])) return undefined;
    }
    for (const guard of gradient.guards) {
      const v = outs[guard.output];
      if (guard.data !== undefined) {
        if (!tensorsEqual(v, guard.data)) return undefined;
      } else if (guard.sizes !== undefined || guard.dtype !== undefined) {
        if (!(v instanceof Tensor)) return undefined;
        if (guard.dtype !== undefined && v.dtype !== guard.dtype) return undefined;
        if (guard.sizes !== undefined && !sameSizes(v.sizes, guard.sizes)) return undefined;
      } else if (!sameValue(v, guard.value)) {
        return undefined;
      }
    }
    const grads = gradient.gradOutputs.map((p, k) => {
      let v = outs[p.output];
      for (const i of p.path) v = (v as unknown[])[i];
      const given = options.gradOutputs?.[k];
      if (given !== undefined) return given;
      return callOp('onesLike', [v]) as Tensor;
    });
    const captured = outs.slice(gradient.realOutputs, gradient.realOutputs + gradient.captured);
    const back = execute(spec.backward, [...grads, ...captured], new RunState());
    const results = gradient.gradInputs.length === 1 ? [back] : (back as unknown[]);
    const inputGrads: (Tensor | null)[] = [];
    const paramGrads = new Map<string, Tensor>();
    spec.targets.forEach((t, k) => {
      const g = results[k] instanceof Tensor ? (results[k] as Tensor) : null;
      if ('arg' in t) inputGrads.push(g);
      else if (g !== null) {
        paramGrads.set(t.param, g);
        if (options.accumulateGrad) {
          const p = liftedValues[t.lifted];
          p.grad = p.grad === null ? (callOp('clone', [g]) as Tensor) : (callOp('add', [p.grad, g]) as Tensor);
        }
      }
    });
    const methodOutputs = outs.slice(0, spec.methodOutputs).map(fromRuntime);
    return { outputs: methodOutputs.length === 1 ? methodOutputs[0] : methodOutputs, inputGrads, paramGrads };
  }
}

type Profile = (v: Value) => ValueProfile | undefined;

/** The value of `v`: a constant's, else the profiled one (then guarded: the forward returns `v`). */
function specializedValue(graph: Graph, v: Value, profile: Profile, guards: unknown[]): unknown {
  if (v.node.kind === 'prim::Constant') return constantValue(v.node);
  const value = profile(v)?.value;
  if (value === undefined) return undefined;
  graph.registerOutput(v);
  guards.push(value);
  return value;
}

/** An If whose condition was profiled takes that branch from now on (constant propagation inlines it). */
function specializeIf(graph: Graph, node: Node, profile: Profile, guards: unknown[]): boolean {
  const cond = node.input(0);
  if (cond.node.kind === 'prim::Constant') return false;
  if (typeof profile(cond)?.value !== 'boolean') return false;
  const taken = specializedValue(graph, cond, profile, guards) as boolean;
  node.replaceInput(
    0,
    graph.withInsertPoint(node, () => graph.insertConstant(taken)),
  );
  return true;
}

const MAX_UNROLLED_NODES = 20_000;

/**
 * A counted loop (`for i in range(n)`: the start and continue conditions constant true) unrolled
 * for the profiled trip count, so that gradients can flow through its body.
 */
function unrollLoop(graph: Graph, node: Node, profile: Profile, guards: unknown[]): boolean {
  const [maxTrip, initCond, ...init] = node.inputs;
  const body = node.blocks[0];
  const isTrue = (v: Value) => v.node.kind === 'prim::Constant' && constantValue(v.node) === true;
  if (!isTrue(initCond) || !isTrue(body.outputs[0])) return false;
  const known = maxTrip.node.kind === 'prim::Constant' ? constantValue(maxTrip.node) : profile(maxTrip)?.value;
  if (typeof known !== 'number' || known < 0) return false;
  const size = [...body.nodes()].length;
  if (known * Math.max(size, 1) > MAX_UNROLLED_NODES) return false;
  const n = specializedValue(graph, maxTrip, profile, guards) as number;
  let carried = [...init];
  graph.withInsertPoint(node, () => {
    for (let it = 0; it < n; it++) {
      const map = new Map<Value, Value>();
      map.set(body.inputs[0], graph.insertConstant(it));
      body.inputs.slice(1).forEach((v, j) => {
        map.set(v, carried[j]);
      });
      for (const inner of body.nodes()) {
        const copy = graph.insertNode(graph.createClone(inner, (v) => map.get(v) ?? v));
        inner.outputs.forEach((v, j) => {
          map.set(v, copy.outputs[j]);
        });
      }
      carried = body.outputs.slice(1).map((v) => map.get(v) ?? v);
    }
  });
  node.outputs.forEach((v, j) => {
    v.replaceAllUsesWith(carried[j]);
  });
  node.destroy();
  return true;
}

/** Runs a copy of `graph` that returns every value of its top block, for the facts of each. */
function profileGraph(graph: Graph, inputs: readonly unknown[]): (v: Value) => ValueProfile | undefined {
  const copy = graph.copy();
  const first = copy.outputs.length;
  const watched: Value[] = [];
  for (const node of copy.nodes()) for (const v of node.outputs) watched.push(v);
  for (const v of watched) copy.registerOutput(v);
  const code = compileGraph(copy, { name: 'profile', provider: NO_CALLS });
  const raw = execute(code, inputs, new RunState());
  const outs = copy.outputs.length === 1 ? [raw] : (raw as unknown[]);
  const byUnique = new Map<number, unknown>();
  copy.inputs.forEach((v, i) => {
    byUnique.set(v.unique, inputs[i]);
  });
  watched.forEach((v, k) => {
    byUnique.set(v.unique, outs[first + k]);
  });
  return (v) => {
    if (!byUnique.has(v.unique)) return undefined;
    const x = byUnique.get(v.unique);
    if (x instanceof Tensor) {
      // Contents of integer and bool tensors may become guards: keep a copy the caller cannot change.
      const tensor = isFloatingDtype(x.dtype) ? x : (callOp('clone', [x]) as Tensor);
      return { sizes: x.sizes, dtype: x.dtype, tensor };
    }
    return { value: x };
  };
}

/** The part of a call's inputs a specialization depends on: tensors' dtype and sizes, other values themselves. */
function signature(v: unknown): string {
  if (v instanceof Tensor) return `${v.dtype}[${v.sizes.join(',')}]`;
  if (v instanceof FloatScalar) return `f${v.value}`;
  if (Array.isArray(v)) return `(${v.map(signature).join(',')})`;
  if (typeof v === 'object' && v !== null) return 'o';
  return `${typeof v}:${String(v)}`;
}

function sameSizes(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof FloatScalar || b instanceof FloatScalar) {
    const x = a instanceof FloatScalar ? a.value : a;
    const y = b instanceof FloatScalar ? b.value : b;
    return Object.is(x, y);
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((e, i) => sameValue(e, b[i]));
  return Object.is(a, b);
}

const engines = new WeakMap<object, Map<string, SymbolicGradients>>();

/**
 * Runs `method` of a scripted or loaded module (or a script function: pass its name or 'forward')
 * on `args` and returns the outputs with the gradients of the listed arguments and of every
 * parameter that receives one, computed by the symbolic engine. Specializations are kept per
 * target and method, so a training loop pays for profiling and differentiation once per kind of
 * call. Throws a SymbolicGradientError when the method cannot be differentiated symbolically.
 */
export function symbolicGradients(
  target: ScriptModule | ScriptFunction,
  method: string,
  args: readonly unknown[],
  options: GradientsOptions = {},
): GradientsResult {
  let byMethod = engines.get(target);
  if (byMethod === undefined) engines.set(target, (byMethod = new Map()));
  let engine = byMethod.get(method);
  if (engine === undefined) byMethod.set(method, (engine = new SymbolicGradients(target, method)));
  return engine.run(args, options);
}
