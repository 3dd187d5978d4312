import type { ScriptFunction as CompiledFunction } from '@tsjit/frontend';
import { type FunctionSchema, type Graph, printFunctionCode } from '@tsjit/ir';
import { type CalleeGraph, inlinedGraph } from './inline-graph.js';

/** What a ScriptFunction needs from the unit that compiled it. */
export interface FunctionHost {
  /** The graph of the function or method a call node calls (for `inlinedGraph`). */
  readonly calleeGraph: CalleeGraph;
}

/**
 * A compiled TorchScript function or method, as PyTorch's `torch.jit.ScriptFunction` shows it:
 * its name, schema, graph (after the frontend's cleanup passes), inlined graph and code. The
 * graph is emitted on first use; errors in the body surface as a `FrontendError` (the unit
 * compiles every function when it is created, so they surface there first).
 *
 * Running a function is the interpreter's job (issue 5): there is no call API yet.
 */
export class ScriptFunction {
  readonly #compiled: CompiledFunction;
  readonly #host: FunctionHost;

  /** @internal Made by a CompilationUnit. */
  constructor(compiled: CompiledFunction, host: FunctionHost) {
    this.#compiled = compiled;
    this.#host = host;
  }

  /** The name after `def`. */
  get name(): string {
    return this.#compiled.name;
  }

  /** The name with its namespace (`f` in a `CompilationUnit`, `__torch__.Point.norm` for a method). */
  get qualifiedName(): string {
    return this.#compiled.qualifiedName;
  }

  /** Whether this is a method of a script class (its first argument is `self`). */
  get isMethod(): boolean {
    return this.#compiled.selfType !== undefined;
  }

  /** The signature, printed as PyTorch prints `fn.schema`: `f(Tensor x, int n=3) -> Tensor`. */
  get schema(): FunctionSchema {
    return this.#compiled.schema();
  }

  /**
   * The graph, as `fn.graph` shows it in PyTorch: the emitted graph after the cleanup PyTorch's
   * frontend runs (tuple lowering, constant propagation on immutable types, constant pooling,
   * If/Loop outputs in first-use order). Calls stay calls (see `inlinedGraph`). This is the
   * function's own graph: changing it changes the function.
   */
  get graph(): Graph {
    return this.#compiled.graph();
  }

  /**
   * A new copy of the graph with every call of a script function or method replaced by the
   * callee's optimized graph, recursively, as PyTorch's `fn.inlined_graph`.
   */
  get inlinedGraph(): Graph {
    return inlinedGraph(this.graph, { calleeGraph: this.#host.calleeGraph });
  }

  /** The graph as TorchScript source, exactly as PyTorch's `fn.code` prints it. */
  get code(): string {
    return printFunctionCode(this.graph, this.schema).code;
  }

  /** The code. */
  toString(): string {
    return this.code;
  }

  /** @internal The frontend's function behind this one. */
  get compiled(): CompiledFunction {
    return this.#compiled;
  }
}
