import type { CompilationUnit as FrontendUnit } from '@tsjit/frontend';
import { type ClassType, type Graph, type Node, printFunctionCode } from '@tsjit/ir';
import { calleeName } from '@tsjit/passes';
import { type CalleeGraph, inlinedGraph } from './inline-graph.js';
import { ScriptFunction } from './script-function.js';
import type { ScriptInstance } from './script-module.js';
import { tracedGraph } from './trace/traced-graphs.js';

/**
 * The method `name` of a module or script object as a ScriptFunction (PyTorch's
 * `getattr(module, name)` on a ScriptModule): its `schema`, `graph`, `inlinedGraph` and `code`
 * as PyTorch shows them; undefined when the object's class has no such method. Works for loaded
 * archives (the method is compiled from `code/` on first use) and for source-compiled modules.
 */
export function moduleMethod(instance: ScriptInstance, name: string): ModuleMethod | undefined {
  const unit = instance.host.runtime.unit;
  const compiled = unit.findMethod(instance.type, name);
  if (compiled === undefined) return undefined;
  const method = wrap(instance, unit, compiled);
  // A traced module shows the graphs its trace recorded (see trace/traced-graphs.ts).
  const traced = tracedGraph(unit, instance.type, name);
  return traced === undefined ? method : new TracedModuleMethod(method, traced, unit);
}

/** Every method of the object's class, in the order its source defines them. */
export function moduleMethods(instance: ScriptInstance): ModuleMethod[] {
  const unit = instance.host.runtime.unit;
  return classMethods(instance, instance.type, unit);
}

/** Every method of `type` (a class of the same unit as `instance`), in definition order. */
export function classMethods(
  instance: ScriptInstance,
  type: ClassType,
  unit: FrontendUnit = instance.host.runtime.unit,
): ModuleMethod[] {
  // findMethod first: it compiles the class's `__init__` where there is one, as reading any member does.
  unit.findMethod(type, '__init__');
  return unit.methodsOf(type).map((compiled) => wrap(instance, unit, compiled));
}

/**
 * A method of a module's class as a ScriptFunction whose `code` is what PyTorch's
 * `module.<name>.code` prints: `self` without its type (a script function's code types every
 * argument).
 */
export class ModuleMethod extends ScriptFunction {
  override get code(): string {
    return printFunctionCode(this.graph, this.schema, { method: true }).code;
  }

  protected override printedCode(): { code: string; constants: readonly unknown[] } {
    return printFunctionCode(this.graph, this.schema, { method: true });
  }
}

/**
 * A method of a traced module: `graph` and `inlinedGraph` are the trace's (complete tensor types),
 * `code` is printed from the compiled method as for any module (it is what the archive holds).
 */
export class TracedModuleMethod extends ModuleMethod {
  readonly #traced: Graph;
  readonly #calleeGraph: CalleeGraph;

  /** @internal */
  constructor(base: ModuleMethod, traced: Graph, unit: FrontendUnit) {
    super(base.compiled, base.host);
    this.#traced = traced;
    this.#calleeGraph = (node: Node) => {
      if (node.kind === 'prim::CallMethod') {
        const self = node.inputs[0]?.type;
        const own = self?.kind === 'ClassType' ? tracedGraph(unit, self as ClassType, node.s('name')) : undefined;
        if (own !== undefined) return own;
      }
      return base.host.calleeGraph(node);
    };
  }

  override get graph(): Graph {
    return this.#traced;
  }

  override get inlinedGraph(): Graph {
    return inlinedGraph(this.#traced, { calleeGraph: this.#calleeGraph });
  }

  override get code(): string {
    return printFunctionCode(this.compiled.graph(), this.schema, { method: true }).code;
  }

  protected override printedCode(): { code: string; constants: readonly unknown[] } {
    return printFunctionCode(this.compiled.graph(), this.schema, { method: true });
  }
}

function wrap(
  instance: ScriptInstance,
  unit: FrontendUnit,
  compiled: NonNullable<ReturnType<FrontendUnit['findMethod']>>,
): ModuleMethod {
  return new ModuleMethod(compiled, {
    calleeGraph: (node) => calleeGraph(unit, node),
    runtime: instance.host.runtime,
  });
}

/** The graph a call node calls: a function of the unit, or a method of one of its classes. */
export function calleeGraph(unit: FrontendUnit, node: Node): Graph | undefined {
  if (node.kind === 'prim::CallFunction') {
    const name = calleeName(node);
    const fn = name === undefined ? undefined : unit.findFunction(name);
    return fn?.graph();
  }
  if (node.kind === 'prim::CallMethod') {
    const self = node.inputs[0]?.type;
    if (self?.kind !== 'ClassType') return undefined;
    return unit.findMethod(self as ClassType, node.s('name'))?.graph();
  }
  return undefined;
}
