import { execute, fromIValue, fromRuntime, type RunOptions, RunState } from '@tsjit/interpreter';
import { type ClassType, type FunctionSchema, type Graph, type IValue, printFunctionCode } from '@tsjit/ir';
import { type CalleeGraph, inlinedGraph } from './inline-graph.js';
import { bindArguments } from './runtime/bind-arguments.js';
import type { UnitRuntime } from './runtime/unit-runtime.js';
import { recordingTrace } from './trace/active-tracer.js';

/**
 * What a ScriptFunction shows and runs: a function the frontend compiled from source, or a
 * function made from a graph (a trace: see GraphFunction), as PyTorch's GraphFunction covers both.
 */
export interface FunctionBody {
  readonly name: string;
  readonly qualifiedName: string;
  /** The class of a method (its first argument is `self`); undefined for a free function. */
  readonly selfType: ClassType | undefined;
  schema(): FunctionSchema;
  graph(): Graph;
}
type CompiledFunction = FunctionBody;

/** What a ScriptFunction needs from the unit that compiled it. */
export interface FunctionHost {
  /** The graph of the function or method a call node calls (for `inlinedGraph`). */
  readonly calleeGraph: CalleeGraph;
  /** The interpreter's view of the unit (Code per function). */
  readonly runtime: UnitRuntime;
}

/**
 * A compiled TorchScript function or method, as PyTorch's `torch.jit.ScriptFunction` shows it:
 * its name, schema, graph (after the frontend's cleanup passes), inlined graph and code. The
 * graph is emitted on first use; errors in the body surface as a `FrontendError` (the unit
 * compiles every function when it is created, so they surface there first).
 *
 * `call(...args)` runs it in the interpreter: JS values in (numbers for int and float, bigint for
 * ints beyond 2^53, booleans, strings, null, arrays for lists and tuples, Maps for dicts, Tensors),
 * JS values out (floats as plain numbers, tuples as frozen arrays). An error inside is a
 * ScriptRuntimeError with PyTorch's TorchScript traceback.
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

  /**
   * PyTorch's `code_with_constants`: the code, and the constants it names `CONSTANTS.c<i>` (tensor
   * constants; strings beyond ASCII) by their names `c0`, `c1`, ...
   *
   *     const [code, constants] = fn.codeWithConstants;  // constants.get('c0') is a Tensor
   */
  get codeWithConstants(): readonly [string, ReadonlyMap<string, unknown>] {
    const { code, constants } = this.printedCode();
    return [code, new Map(constants.map((c, i) => [`c${i}`, fromRuntime(fromIValue(c as IValue))]))];
  }

  /** The code and its constant table, as `code` and `codeWithConstants` show them. */
  protected printedCode(): { code: string; constants: readonly unknown[] } {
    return printFunctionCode(this.graph, this.schema);
  }

  /**
   * Calls the function with positional arguments (parameters left out take their defaults),
   * synchronously, as PyTorch's `fn(*args)`.
   */
  call(...args: unknown[]): unknown {
    return this.callWith(args);
  }

  /** `call` with RunOptions: an interrupt flag another thread may set, a deadline. */
  callWith(args: readonly unknown[], options?: RunOptions): unknown {
    const values = bindArguments(this.schema, args);
    const code = this.#host.runtime.codeOf(this.#compiled);
    const run = () => fromRuntime(execute(code, values, new RunState(options)));
    // Called from code being traced: the trace records a call of this function, as PyTorch's does.
    const trace = recordingTrace();
    return trace === undefined ? run() : trace.recordScriptCall(this, values, run);
  }

  /** The code. */
  toString(): string {
    return this.code;
  }

  /** @internal What the function runs on (its unit's runtime, the graphs of what it calls). */
  get host(): FunctionHost {
    return this.#host;
  }

  /** @internal The function behind this one (the frontend's, or a GraphFunction). */
  get compiled(): CompiledFunction {
    return this.#compiled;
  }
}
