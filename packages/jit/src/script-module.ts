import { execute, fromRuntime, type RunOptions, RunState, ScriptObject, toRuntime } from '@tsjit/interpreter';
import type { ClassType, Graph } from '@tsjit/ir';
import { OpError } from '@tsjit/ops';
import { Tensor } from '@tsjit/tensor';
import { moduleMethod } from './module-method.js';
import { bindArguments } from './runtime/bind-arguments.js';
import type { ModuleUnit } from './runtime/module-unit.js';
import type { UnitRuntime } from './runtime/unit-runtime.js';
import type { ScriptFunction } from './script-function.js';
import { callIgnoredMethod } from './script-module-tree/ignored-calls.js';
import { recordingTrace } from './trace/active-tracer.js';
import { callAsync, splitCallOptions } from './workers/async-call.js';

/** What an object's methods need from the unit that compiled its class. */
export interface ObjectHost {
  readonly runtime: UnitRuntime;
  /** The unit itself (async calls rebuild it on worker threads from its recipe). */
  readonly unit: ModuleUnit;
  /** The compiled method `name` of `type` (its schema), or undefined. */
  methodSchema(type: ClassType, name: string): import('@tsjit/ir').FunctionSchema | undefined;
}

/** Options of an asynchronous call. */
export interface AsyncCallOptions {
  /** Stops the call (or removes it from the queue) when it fires: the promise rejects with a CallCancelledError. */
  readonly signal?: AbortSignal;
  /** Milliseconds the call may take, queueing included; then it stops with a CallCancelledError ('deadline'). */
  readonly timeout?: number;
}

/**
 * An object of a TorchScript class at the API: its methods run in the interpreter (`runMethod`),
 * its attributes are read and written by name. Arguments and results are converted as for
 * `ScriptFunction.call`.
 */
export class ScriptInstance {
  /** The interpreter's object. */
  readonly object: ScriptObject;
  /** @internal */
  readonly host: ObjectHost;

  /** @internal Made by ScriptClass.create / createModule. */
  constructor(object: ScriptObject, host: ObjectHost) {
    this.object = object;
    this.host = host;
  }

  get type(): ClassType {
    return this.object.type;
  }

  /** Calls method `name` with positional arguments (defaults fill the rest), synchronously. */
  runMethod(name: string, ...args: unknown[]): unknown {
    return this.runMethodWith(name, args);
  }

  /** `runMethod` with RunOptions (an interrupt flag, a deadline). */
  runMethodWith(name: string, args: readonly unknown[], options?: RunOptions): unknown {
    const schema = this.host.methodSchema(this.object.type, name);
    if (schema === undefined) {
      // An @torch.jit.ignore method runs in JS, as PyTorch's runs in Python (`scripted.plot(x)`).
      const unit = this.host.runtime.unit as { findIgnoredMethod?(type: ClassType, name: string): unknown };
      if (unit.findIgnoredMethod?.(this.object.type, name) !== undefined) {
        return callIgnoredMethod(this.object, name, args);
      }
      throw new OpError(`'${this.object.type.qualifiedName}' object has no attribute or method '${name}'`);
    }
    const values = bindArguments(schema, args, this.object);
    const code = this.host.runtime.methodCode(this.object.type, name);
    const run = () => fromRuntime(execute(code, values, new RunState(options)));
    // Called from code being traced: the trace records a method call (or refuses an object it does not know).
    const trace = recordingTrace();
    return trace === undefined ? run() : trace.recordMethodCall(this.object, name, schema, values, run);
  }

  /** The attribute `name` (a submodule comes back as a ScriptInstance/ScriptModule). */
  attr(name: string): unknown {
    return wrapValue(fromRuntime(this.object.getAttr(name)), this.host);
  }

  /**
   * Method `name` as a ScriptFunction (its `schema`, `graph`, `inlinedGraph`, `code`; `call`
   * takes `self` first), as PyTorch's `module.forward` / `module.<method>` objects show them.
   */
  method(name: string): ScriptFunction {
    const method = moduleMethod(this, name);
    if (method === undefined) {
      throw new OpError(`'${this.object.type.qualifiedName}' object has no attribute or method '${name}'`);
    }
    return method;
  }

  /** The names of the methods of the object's class, in definition order. */
  get methodNames(): string[] {
    return this.host.runtime.unit.methodsOf(this.object.type).map((fn) => fn.name);
  }

  /** Sets attribute `name`, converting the value to the attribute's declared type. */
  setAttr(name: string, value: unknown): void {
    const attribute = this.object.type.findAttribute(name);
    if (attribute === undefined) {
      throw new OpError(`'${this.object.type.qualifiedName}' object has no attribute '${name}'`);
    }
    this.object.setAttr(name, toRuntime(unwrapValue(value), attribute.type, name));
  }
}

/**
 * A TorchScript module (an object of a `torch.nn.Module` class): `forward` and the other methods
 * run synchronously on the calling thread; `forwardAsync` / `runMethodAsync` run on a pool of
 * worker threads that share the module's weights, so that the event loop stays free.
 */
export class ScriptModule extends ScriptInstance {
  /** Calls `forward`. */
  forward(...args: unknown[]): unknown {
    return this.runMethodWith('forward', args);
  }

  /**
   * Calls `forward` on a worker thread (see `runMethodAsync`); a last argument `{ signal, timeout }`
   * holds the call's options.
   */
  forwardAsync(...args: unknown[]): Promise<unknown> {
    const [values, options] = splitCallOptions(this, 'forward', args);
    return callAsync(this, 'forward', values, options);
  }

  /**
   * Calls method `name` on one of the module's worker threads, which share its weights, so that
   * this thread's event loop stays free; many calls run at once, one per worker. The first call
   * starts the workers (see callAsync in workers/async-call.ts for what they see of the module).
   */
  runMethodAsync(name: string, args: readonly unknown[] = [], options: AsyncCallOptions = {}): Promise<unknown> {
    return callAsync(this, name, args, options);
  }

  /** `forward`'s graph (PyTorch's `module.graph`). */
  get graph(): Graph {
    return this.method('forward').graph;
  }

  /** `forward`'s inlined graph (PyTorch's `module.inlined_graph`). */
  get inlinedGraph(): Graph {
    return this.method('forward').inlinedGraph;
  }

  /** `forward`'s code (PyTorch's `module.code`). */
  get code(): string {
    return this.method('forward').code;
  }

  /** `forward`'s code and the constants it names (PyTorch's `module.code_with_constants`). */
  get codeWithConstants(): readonly [string, ReadonlyMap<string, unknown>] {
    return this.method('forward').codeWithConstants;
  }

  /** Parameters of this module and its submodules, by dotted name, as `named_parameters()` lists them. */
  namedParameters(): [string, Tensor][] {
    return namedSlots(this.object, 'parameter', '');
  }

  /** Buffers of this module and its submodules, by dotted name, as `named_buffers()`. */
  namedBuffers(): [string, Tensor][] {
    return namedSlots(this.object, 'buffer', '');
  }

  /** The direct submodules, by attribute name (`named_children()`). */
  namedChildren(): [string, ScriptModule][] {
    const out: [string, ScriptModule][] = [];
    this.object.type.attributes.forEach((a, i) => {
      const v = this.object.slots[i];
      if (v instanceof ScriptObject && v.type.isModule) out.push([a.name, new ScriptModule(v, this.host)]);
    });
    return out;
  }

  /** This module and every submodule, by dotted name ('' for this one), depth first (`named_modules()`). */
  namedModules(): [string, ScriptModule][] {
    const out: [string, ScriptModule][] = [['', this]];
    for (const [name, child] of this.namedChildren()) {
      for (const [sub, m] of child.namedModules()) out.push([sub ? `${name}.${sub}` : name, m]);
    }
    return out;
  }

  /** Parameters and buffers by dotted name (`state_dict()`): each module's own, then its submodules'. */
  stateDict(): Map<string, Tensor> {
    const out = new Map<string, Tensor>();
    const visit = (object: ScriptObject, prefix: string) => {
      for (const kind of ['parameter', 'buffer'] as const) {
        object.type.attributes.forEach((a, i) => {
          const v = object.slots[i];
          if (a.kind === kind && v instanceof Tensor) out.set(prefix + a.name, v);
        });
      }
      object.type.attributes.forEach((a, i) => {
        const v = object.slots[i];
        if (v instanceof ScriptObject && v.type.isModule) visit(v, `${prefix}${a.name}.`);
      });
    };
    visit(this.object, '');
    return out;
  }

  /** Whether the module is in training mode. */
  get training(): boolean {
    return this.object.hasAttr('training') ? this.object.getAttr('training') === true : false;
  }

  /** Sets `training` on this module and every submodule (PyTorch's `train(mode)`). */
  train(mode = true): this {
    setTraining(this.object, mode);
    return this;
  }

  /** `train(false)`. */
  eval(): this {
    return this.train(false);
  }
}

/** Tensors in slots of `kind` of a module tree, by dotted name, each tensor once (as PyTorch dedupes). */
function namedSlots(root: ScriptObject, kind: 'parameter' | 'buffer', prefix: string): [string, Tensor][] {
  const out: [string, Tensor][] = [];
  const seen = new Set<Tensor>();
  const visit = (object: ScriptObject, at: string) => {
    object.type.attributes.forEach((a, i) => {
      const v = object.slots[i];
      if (a.kind === kind && v instanceof Tensor && !seen.has(v)) {
        seen.add(v);
        out.push([at + a.name, v]);
      }
    });
    object.type.attributes.forEach((a, i) => {
      const v = object.slots[i];
      if (v instanceof ScriptObject && v.type.isModule) visit(v, `${at}${a.name}.`);
    });
  };
  visit(root, prefix);
  return out;
}

function setTraining(object: ScriptObject, mode: boolean): void {
  if (!object.type.isModule) return;
  if (object.hasAttr('training')) object.setAttr('training', mode);
  for (const v of object.slots) if (v instanceof ScriptObject && v.type.isModule) setTraining(v, mode);
}

/** A submodule or object read from an attribute, wrapped for the API. */
export function wrapValue(value: unknown, host: ObjectHost): unknown {
  if (value instanceof ScriptObject) {
    return value.type.isModule ? new ScriptModule(value, host) : new ScriptInstance(value, host);
  }
  return value;
}

/** The interpreter's object behind an API wrapper; other values as they are. */
export function unwrapValue(value: unknown): unknown {
  return value instanceof ScriptInstance ? value.object : value;
}
