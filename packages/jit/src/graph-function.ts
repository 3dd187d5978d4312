import { CompilationUnit as FrontendUnit } from '@tsjit/frontend';
import { defaultSchemaFor, type FunctionSchema, type Graph } from '@tsjit/ir';
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

// Graph functions call nothing by name (calls are inlined when they are made), so they share one
// empty unit for the interpreter's Code cache.
let sharedRuntime: UnitRuntime | undefined;

/** A ScriptFunction that shows and runs `graph` (which it owns from now on). */
export function functionFromGraph(qualifiedName: string, graph: Graph, schema?: FunctionSchema): ScriptFunction {
  sharedRuntime ??= new UnitRuntime(new FrontendUnit(), new Map());
  const runtime = sharedRuntime;
  return new ScriptFunction(new GraphFunction(qualifiedName, graph, schema), {
    calleeGraph: (node) => runtime.calleeGraph(node),
    runtime,
  });
}
