import { CompilationUnit as FrontendUnit } from '@tsjit/frontend';
import type { Code } from '@tsjit/interpreter';
import { defaultSchemaFor, type FunctionSchema, type Graph, type Node } from '@tsjit/ir';
import { calleeName } from '@tsjit/passes';
import { UnitRuntime } from './runtime/unit-runtime.js';
import { type FunctionBody, ScriptFunction } from './script-function.js';

/**
 * A function made from a graph rather than compiled from source (PyTorch's
 * `CompilationUnit::create_function(name, graph)`): what `jit.trace` produces. Its schema is the
 * one PyTorch gives such a function unless one is given: arguments named after the graph inputs'
 * debug names, returns typed as the outputs.
 */
export class GraphFunction implements FunctionBody {
  readonly name: string;
  readonly qualifiedName: string;
  readonly selfType = undefined;
  readonly #graph: Graph;
  #schema: FunctionSchema | undefined;

  constructor(qualifiedName: string, graph: Graph, schema?: FunctionSchema) {
    this.qualifiedName = qualifiedName;
    this.name = qualifiedName.slice(qualifiedName.lastIndexOf('.') + 1);
    this.#graph = graph;
    this.#schema = schema;
  }

  schema(): FunctionSchema {
    if (this.#schema === undefined) this.#schema = defaultSchemaFor(this.name, this.#graph);
    return this.#schema;
  }

  graph(): Graph {
    return this.#graph;
  }
}

/**
 * The interpreter's view of a graph function: its own Code, and for each `prim::CallFunction` the
 * Code of the ScriptFunction it calls (by qualified name), run on that function's own unit.
 */
class GraphRuntime extends UnitRuntime {
  readonly #callees: ReadonlyMap<string, ScriptFunction>;

  constructor(callees: ReadonlyMap<string, ScriptFunction>) {
    super(emptyUnit(), new Map());
    this.#callees = callees;
  }

  #callee(node: Node): ScriptFunction | undefined {
    const name = calleeName(node);
    return name === undefined ? undefined : this.#callees.get(name);
  }

  override functionCode(node: Node): Code {
    const callee = this.#callee(node);
    if (callee === undefined) return super.functionCode(node);
    return callee.host.runtime.codeOf(callee.compiled);
  }

  override calleeGraph(node: Node): Graph | undefined {
    return node.kind === 'prim::CallFunction' ? this.#callee(node)?.graph : super.calleeGraph(node);
  }
}

let sharedUnit: FrontendUnit | undefined;
function emptyUnit(): FrontendUnit {
  sharedUnit ??= new FrontendUnit();
  return sharedUnit;
}

export interface FunctionFromGraphOptions {
  /** The schema (default: PyTorch's for a graph function, from the graph's inputs and outputs). */
  readonly schema?: FunctionSchema;
  /** The functions the graph's `prim::CallFunction` nodes call, by qualified name. */
  readonly callees?: ReadonlyMap<string, ScriptFunction>;
}

/** A ScriptFunction that shows and runs `graph` (which it owns from now on). */
export function functionFromGraph(
  qualifiedName: string,
  graph: Graph,
  options: FunctionFromGraphOptions = {},
): ScriptFunction {
  const runtime = new GraphRuntime(options.callees ?? new Map());
  return new ScriptFunction(new GraphFunction(qualifiedName, graph, options.schema), {
    calleeGraph: (node) => runtime.calleeGraph(node),
    runtime,
  });
}
