import type { CompilationUnit as FrontendUnit } from '@tsjit/frontend';
import { ScriptObject } from '@tsjit/interpreter';
import {
  type Argument,
  BoolType,
  ClassType,
  defaultSchemaFor,
  type FunctionSchema,
  type Graph,
  TensorType,
  type Value,
} from '@tsjit/ir';
import type { Module } from '@tsjit/nn';
import * as nn from '@tsjit/nn';
import { OpError } from '@tsjit/ops';
import { Tensor, torchOps } from '@tsjit/tensor';
import { CompilationUnit } from '../compilation-unit.js';
import { load } from '../load/load.js';
import { writeModuleArchive } from '../save/save.js';
import type { ScriptFunction } from '../script-function.js';
import { ScriptModule } from '../script-module.js';
import { pytorchModulePath } from '../script-module-tree/pytorch-module-paths.js';
import { recordingTrace, type ScriptObjectLike } from './active-tracer.js';
import { closeMismatch, defaultTolerances } from './assert-close.js';
import { inputType, parameterNames, type TraceOptions, traceGraph } from './trace.js';
import { registerTracedGraphs } from './traced-graphs.js';
import { emitTracerWarning } from './tracer-warning.js';
import { indent, TracingCheckError } from './tracing-check-error.js';
import { withoutNones } from './tracing-state.js';
import { userFrame } from './user-frame.js';

/** The example inputs of each method to trace, by method name (`{ forward: [x] }`). */
export type MethodInputs = Readonly<Record<string, Tensor | readonly unknown[]>>;

export interface TraceModuleOptions extends Omit<TraceOptions, 'name' | 'checkInputs'> {
  /** Input sets of each method to check the trace with (default: the example inputs). */
  readonly checkInputs?: readonly MethodInputs[];
}

interface TracedMethod {
  readonly name: string;
  readonly graph: Graph;
  readonly schema: FunctionSchema;
}

/**
 * `torch.jit.trace_module`: traces the named methods of an nn.Module tree into a ScriptModule
 * whose classes mirror the tree (one class per module instance, mangled where a name repeats, as
 * PyTorch's traces do with `share_types=False`). A method's graph reads parameters and buffers
 * with `prim::GetAttr` chains from `self`; a submodule called during the trace is recorded as
 * `prim::CallMethod[name="forward"]` on its `prim::GetAttr`, and its own `forward` is traced into
 * its own class. The result shares parameters and buffers with the eager module.
 *
 * The module is built as PyTorch would load it: an archive written in memory from the traced
 * graphs and loaded back (so it saves, runs on workers, and prints code as a loaded module does);
 * then its tensor slots are pointed at the eager module's tensors.
 */
export function traceModule(module: Module, inputs: MethodInputs, options: TraceModuleOptions = {}): ScriptModule {
  const strict = options.strict ?? true;
  const sets = normalize(inputs);
  const traced = recordModule(module, sets, strict);
  if (options.checkTrace ?? true) {
    const checks = options.checkInputs?.map(normalize) ?? [sets];
    checkModuleTrace(module, traced, checks, options.checkTolerance ?? 1e-5);
  }
  return traced;
}

function normalize(inputs: MethodInputs): Map<string, unknown[]> {
  return new Map(Object.entries(inputs).map(([k, v]) => [k, v instanceof Tensor ? [v] : [...v]]));
}

/** The class name PyTorch knows a module's class by: a built-in layer's export name, else its constructor's. */
let builtinNames: Map<unknown, string> | undefined;
function classNameOf(module: Module): string {
  builtinNames ??= new Map(
    Object.entries(nn)
      .filter(([, value]) => typeof value === 'function')
      .map(([name, value]) => [value, name]),
  );
  return builtinNames.get(module.constructor) ?? module.constructor.name;
}

function recordModule(root: Module, sets: Map<string, unknown[]>, strict: boolean): ScriptModule {
  const types = new Map<Module, ClassType>();
  const handles = new Map<Module, ScriptObjectLike>();
  const owners = new Map<ScriptObjectLike, Module>();
  const taken = new Set<string>();
  // Scripted modules held by eager ones (a trace calls them): their classes and methods are their units'.
  const scriptedUnits = new Map<ClassType, FrontendUnit>();
  let mangle = 0;
  const visit = (module: Module) => {
    if (types.has(module)) return;
    for (const [, child] of module.namedChildren()) visit(child);
    const className = classNameOf(module);
    const base = builtinNames?.has(module.constructor) ? `__torch__.${pytorchModulePath(className)}` : '__torch__';
    let qualified = `${base}.${className}`;
    if (taken.has(qualified)) qualified = `${base}.___torch_mangle_${mangle++}.${className}`;
    taken.add(qualified);
    const type = ClassType.named(qualified, { isModule: true });
    type.addAttribute('training', BoolType.get());
    for (const [name] of module.namedParameters('', false)) type.addAttribute(name, TensorType.get(), 'parameter');
    for (const [name] of module.namedBuffers('', false)) type.addAttribute(name, TensorType.get(), 'buffer');
    for (const [name, child] of module.namedChildren()) type.addAttribute(name, types.get(child) as ClassType);
    for (const [name, scripted] of scriptedSlots(module)) {
      type.addAttribute(name, scripted.type);
      for (const [, part] of scripted.namedModules())
        scriptedUnits.set(part.type, part.host.runtime.unit as FrontendUnit);
    }
    types.set(module, type);
    const handle: ScriptObjectLike = { type: { qualifiedName: qualified } };
    handles.set(module, handle);
    owners.set(handle, module);
  };
  visit(root);

  // PyTorch's trace scopes: `__module.s/__module.s.l` for the module at path `s.l`.
  const scopes = new Map<Module, string>();
  for (const [path, m] of root.namedModules()) {
    if (path === '' || scopes.has(m)) continue;
    const parts = path.split('.');
    scopes.set(m, parts.map((_, i) => `__module.${parts.slice(0, i + 1).join('.')}`).join('/'));
  }
  const methods = new Map<ClassType, Map<string, TracedMethod>>();
  const callees = new Map<string, ScriptFunction>();

  const traceMethod = (
    module: Module,
    name: string,
    method: (...a: any[]) => unknown,
    args: readonly unknown[],
    argumentNames: readonly (string | undefined)[] = parameterNames(method),
  ) => {
    const type = types.get(module) as ClassType;
    const recorded = traceGraph(method.bind(module), args, {
      strict,
      ...(module === root ? {} : { scope: scopes.get(module) }),
      argumentNames,
      withoutNones: module !== root,
      prepare: (state) => {
        const self = state.graph.addInput('self', type);
        const tensorPaths = new Map<Tensor, string[]>();
        for (const [path, t] of [...module.namedParameters(), ...module.namedBuffers()])
          if (!tensorPaths.has(t)) tensorPaths.set(t, path.split('.'));
        const modulePaths = new Map<Module, string[]>();
        const scriptedPaths = new Map<unknown, string[]>();
        for (const [path, m] of module.namedModules()) {
          if (path !== '') modulePaths.set(m, path.split('.'));
          const prefix = path === '' ? [] : path.split('.');
          for (const [name, scripted] of scriptedSlots(m)) {
            scriptedPaths.set(scripted.object, [...prefix, name]);
            for (const [sub, child] of scripted.namedModules())
              if (sub !== '') scriptedPaths.set(child.object, [...prefix, name, ...sub.split('.')]);
          }
        }
        const attrs = new Map<string, Value>();
        const attr = (path: readonly string[]): Value => {
          let value = self;
          let owner = type;
          for (let i = 0; i < path.length; i++) {
            const key = path.slice(0, i + 1).join('.');
            const known = attrs.get(key);
            const attribute = owner.attributes.find((a) => a.name === path[i]);
            if (attribute === undefined) throw new OpError(`no attribute ${path[i]} on ${owner.qualifiedName}`);
            if (known === undefined) {
              const node = state.graph.insert('prim::GetAttr', [value], 1);
              node.setS('name', path[i] as string);
              node.output().setType(attribute.type);
              // PyTorch's traced graphs name each read after its attribute (`%weight`, `%s`, `%_0` for "0").
              const name = path[i] as string;
              node.output().setDebugName(/^[A-Za-z_]\w*$/.test(name) ? name : `_${name.replace(/\W/g, '_')}`);
              value = node.output();
              attrs.set(key, value);
            } else value = known;
            if (attribute.type instanceof ClassType) owner = attribute.type;
          }
          return value;
        };
        state.externalValue = (t) => {
          const path = tensorPaths.get(t);
          return path === undefined ? undefined : attr(path);
        };
        state.objectValue = (object) => {
          const owner = owners.get(object);
          const path = owner === undefined ? scriptedPaths.get(object) : modulePaths.get(owner);
          return path === undefined ? undefined : attr(path);
        };
      },
    });
    for (const [k, v] of recorded.callees) callees.set(k, v);
    let own = methods.get(type);
    if (own === undefined) methods.set(type, (own = new Map()));
    if (!own.has(name)) {
      const graph = recorded.graph;
      hoistAttributes(graph);
      own.set(name, { name, graph, schema: defaultSchemaFor(name, graph) });
    }
    return recorded;
  };

  // Submodules' forwards, while tracing: a call is recorded in the caller and traced in the callee.
  // Each call is traced into a method of its own, as PyTorch 1.13 does: `forward`, then `forward1`,
  // `forward2`... (no check that the calls agree: each is a separate trace).
  const calls = new Map<Module, number>();
  const restore: (() => void)[] = [];
  for (const [module] of types) {
    if (module === root) continue;
    const original = module.forward;
    const handle = handles.get(module) as ScriptObjectLike;
    const type = types.get(module) as ClassType;
    Object.defineProperty(module, 'forward', {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => {
        const trace = recordingTrace();
        if (trace === undefined) return original.apply(module, args);
        const { inputs, names, rebuild } = traceableArguments(args, parameterNames(original));
        const count = calls.get(module) ?? 0;
        calls.set(module, count + 1);
        const name = count === 0 ? 'forward' : `forward${count}`;
        const selfArgument = { name: 'self', type } as unknown as Argument;
        const argumentsOf = inputs.map((a, i) => ({ name: `argument_${i + 1}`, type: inputType(a) }) as Argument);
        let returns: readonly Argument[] = [];
        const schema = {
          name,
          arguments: [selfArgument, ...argumentsOf],
          get returns() {
            return returns;
          },
        } as unknown as FunctionSchema;
        return trace.recordMethodCall(
          handle,
          name,
          schema,
          [handle, ...inputs],
          () => {
            const forward = (...xs: unknown[]) => original.apply(module, rebuild(xs));
            const recorded = traceMethod(module, name, forward, inputs, names);
            returns = methods.get(type)?.get(name)?.schema.returns ?? [];
            return recorded.outputs;
          },
          withoutNones,
        );
      },
    });
    restore.push(() => {
      delete (module as { forward?: unknown }).forward;
    });
  }
  try {
    for (const [name, args] of sets) {
      const method = (root as unknown as Record<string, unknown>)[name];
      if (typeof method !== 'function') throw new OpError(`module has no method '${name}' to trace`);
      traceMethod(root, name, method as (...a: unknown[]) => unknown, args);
    }
  } finally {
    for (const r of restore) r();
  }
  return materialize(root, types, methods, callees, scriptedUnits);
}

const traceable = (v: unknown): boolean => v instanceof Tensor || (Array.isArray(v) && v.every(traceable));
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The inputs of a submodule's traced forward: its tensor arguments (and arrays of them), and the
 * tensors of an options object (`{ srcKeyPaddingMask }`, an input named `src_key_padding_mask`
 * as PyTorch's parameter is). Anything else (numbers, flags, null, lists of ints) is a constant
 * of the callee's trace, as the Python values a PyTorch trace meets are; `rebuild` makes the
 * call's arguments from the inputs.
 */
function traceableArguments(
  args: readonly unknown[],
  parameters: readonly (string | undefined)[],
): { inputs: unknown[]; names: (string | undefined)[]; rebuild: (inputs: readonly unknown[]) => unknown[] } {
  if (args.every(traceable)) return { inputs: [...args], names: [...parameters], rebuild: (xs) => [...xs] };
  const inputs: unknown[] = [];
  const names: (string | undefined)[] = [];
  const take = (value: unknown, name: string | undefined): number => {
    inputs.push(value);
    names.push(name);
    return inputs.length - 1;
  };
  const parts = args.map((arg, i): ((xs: readonly unknown[]) => unknown) => {
    if (traceable(arg)) {
      const at = take(arg, parameters[i]);
      return (xs) => xs[at];
    }
    if (isPlainObject(arg)) {
      const fields = Object.entries(arg).map(([key, value]): [string, (xs: readonly unknown[]) => unknown] => {
        if (value === null || value === undefined || !traceable(value)) return [key, () => value];
        const at = take(value, snakeCase(key));
        return [key, (xs) => xs[at]];
      });
      return (xs) => Object.fromEntries(fields.map(([key, get]) => [key, get(xs)]));
    }
    return () => arg;
  });
  return { inputs, names, rebuild: (xs) => parts.map((part) => part(xs)) };
}

/** The script modules a module holds in its own fields (`this.gate = jit.script(new Gate())`). */
function scriptedSlots(module: Module): [string, ScriptModule][] {
  return Object.entries(module).filter((e): e is [string, ScriptModule] => e[1] instanceof ScriptModule);
}

/** Writes the traced classes and the module's state as an archive in memory, loads it, and shares the tensors. */
function materialize(
  root: Module,
  types: ReadonlyMap<Module, ClassType>,
  methods: ReadonlyMap<ClassType, ReadonlyMap<string, TracedMethod>>,
  callees: ReadonlyMap<string, ScriptFunction>,
  scriptedUnits: ReadonlyMap<ClassType, FrontendUnit>,
): ScriptModule {
  for (const [type, own] of methods) for (const m of own.values()) type.addMethod(m.schema);
  const objects = new Map<Module, ScriptObject>();
  for (const [module, type] of types) {
    const slots: unknown[] = [module.training];
    for (const [, t] of module.namedParameters('', false)) slots.push(t);
    for (const [, t] of module.namedBuffers('', false)) slots.push(t);
    for (const [, child] of module.namedChildren()) slots.push(objects.get(child));
    for (const [, scripted] of scriptedSlots(module)) slots.push(scripted.object);
    objects.set(module, new ScriptObject(type, slots));
  }
  const unit = new CompilationUnit();
  const frontend = unit.runtime.unit as FrontendUnit;
  const codeUnit = new Proxy(frontend, {
    get(target, prop, receiver) {
      if (prop === 'findMethod') {
        return (t: ClassType, name: string) => {
          const m = methods.get(t)?.get(name);
          if (m !== undefined) return { name, graph: () => m.graph, schema: () => m.schema };
          return (scriptedUnits.get(t) ?? target).findMethod(t, name);
        };
      }
      if (prop === 'findFunction') {
        return (name: string) =>
          callees.get(name)?.compiled ??
          [...scriptedUnits.values()].map((u) => u.findFunction(name)).find((f) => f !== undefined) ??
          target.findFunction(name);
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  }) as FrontendUnit;
  const host = new Proxy(unit.host, {
    get(target, prop, receiver) {
      if (prop === 'methodSchema') return () => undefined;
      return Reflect.get(target, prop, receiver);
    },
  });
  const bytes = writeModuleArchive(objects.get(root) as ScriptObject, host, codeUnit, undefined, {
    archiveName: 'archive',
  });
  const loaded = load(bytes);
  shareTensors(root, loaded.object);
  registerTracedGraphs(loaded.host.runtime.unit, methods);
  return loaded;
}

/** Points the loaded module's parameter and buffer slots at the eager module's tensors. */
function shareTensors(module: Module, object: ScriptObject): void {
  for (const [name, t] of [...module.namedParameters('', false), ...module.namedBuffers('', false)])
    object.setAttr(name, t);
  for (const [name, child] of module.namedChildren()) shareTensors(child, object.getAttr(name) as ScriptObject);
}

/**
 * PyTorch's `_check_trace` for modules, on outputs: each method of the traced module and of the
 * eager module run on copies of each input set; a difference is a TracerWarning naming the output.
 */
function checkModuleTrace(
  module: Module,
  traced: ScriptModule,
  checks: readonly Map<string, unknown[]>[],
  tolerance: number,
): void {
  const frame = userFrame();
  for (const set of checks) {
    for (const [name, args] of set) {
      let tracedOut: unknown;
      try {
        tracedOut = traced.runMethod(name, ...clone(args));
      } catch (e) {
        const text = e instanceof Error ? e.message : String(e);
        throw new TracingCheckError(
          undefined,
          undefined,
          `encountered an exception while running the trace with test inputs.\nException:\n${indent(text)}`,
        );
      }
      const eagerOut = (module as unknown as Record<string, (...a: unknown[]) => unknown>)[name]?.(...clone(args));
      const a = flatten(tracedOut);
      const b = flatten(eagerOut);
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const { atol } = defaultTolerances(a[i].dtype, b[i].dtype);
        const mismatch = closeMismatch(a[i], b[i], tolerance, atol);
        if (mismatch === undefined) continue;
        const text =
          `Output nr ${i + 1}. of the traced function does not match the corresponding output of the Python function. ` +
          `Detailed error:\n${mismatch}`;
        emitTracerWarning(text, text, frame);
      }
    }
  }
}

function clone(args: readonly unknown[]): unknown[] {
  return args.map((x) => (x instanceof Tensor ? torchOps.clone(x) : Array.isArray(x) ? clone(x) : x));
}

function flatten(out: unknown): Tensor[] {
  if (out instanceof Tensor) return [out];
  if (Array.isArray(out)) return out.flatMap(flatten);
  return [];
}

/**
 * Moves the attribute reads of `self` to the top of the graph, the last read first, as PyTorch's
 * traced graphs have them (`fc2 = self.fc2` before `fc1 = self.fc1`); reads chained on those follow.
 */
function hoistAttributes(graph: Graph): void {
  const self = graph.inputs[0];
  const reads = [...graph.nodes()].filter((n) => n.kind === 'prim::GetAttr');
  const direct = reads.filter((n) => n.inputs[0] === self);
  const chained = reads.filter((n) => n.inputs[0] !== self);
  const first = [...graph.nodes()][0];
  if (first === undefined) return;
  let anchor = first;
  for (const node of direct) {
    if (node !== anchor) node.moveBefore(anchor);
    anchor = node;
  }
  let after = direct[0];
  if (after === undefined) return;
  for (const node of chained) {
    node.moveAfter(after);
    after = node;
  }
}
