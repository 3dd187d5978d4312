import type { CompilationUnit as FrontendUnit } from '@tsjit/frontend';
import { Code, type CodeProvider, compileGraph } from '@tsjit/interpreter';
import type { ClassType, Graph, Node } from '@tsjit/ir';
import { OpError } from '@tsjit/ops';
import { calleeName, constantPooling, constantPropagation, inlineCalls, peephole } from '@tsjit/passes';
import type { FunctionBody as CompiledFunction } from '../script-function.js';

/**
 * The interpreter's view of a compilation unit: the Code of each function and method, compiled
 * from its graph on first call and kept, and the source text tracebacks quote.
 */
export class UnitRuntime implements CodeProvider {
  readonly #unit: FrontendUnit;
  readonly #sources: Map<string, string>;
  readonly #codes = new Map<CompiledFunction, Code>();
  readonly #subgraphs = new WeakMap<Graph, Code>();
  readonly #methods = new Map<ClassType, Map<string, Code>>();

  constructor(unit: FrontendUnit, sources: Map<string, string>) {
    this.#unit = unit;
    this.#sources = sources;
  }

  /** The compilation unit whose functions and methods this runs (the saver and tools read their graphs). */
  get unit(): FrontendUnit {
    return this.#unit;
  }

  /** The Code of a compiled function or method. */
  codeOf(fn: CompiledFunction): Code {
    let code = this.#codes.get(fn);
    if (code === undefined) {
      code = compileGraph(this.#executionGraph(fn.graph()), { name: fn.name, provider: this });
      this.#codes.set(fn, code);
    }
    return code;
  }

  functionCode(node: Node): Code {
    const name = calleeName(node);
    const fn = name === undefined ? undefined : this.#unit.findFunction(name);
    if (fn === undefined) throw new OpError(`function '${name ?? '?'}' is not defined`);
    return this.codeOf(fn);
  }

  methodCode(type: ClassType, name: string): Code {
    let byName = this.#methods.get(type);
    if (byName === undefined) this.#methods.set(type, (byName = new Map()));
    let code = byName.get(name);
    if (code === undefined) {
      const fn = this.#unit.findMethod(type, name);
      if (fn === undefined) {
        throw new OpError(`'${type.qualifiedName}' object has no attribute or method '${name}'`);
      }
      code = this.codeOf(fn);
      byName.set(name, code);
    }
    return code;
  }

  subgraphCode(graph: Graph, name: string): Code {
    let code = this.#subgraphs.get(graph);
    if (code === undefined) {
      code = compileGraph(this.#executionGraph(graph), { name, provider: this });
      this.#subgraphs.set(graph, code);
    }
    return code;
  }

  /** The graph a call node calls (a function of the unit or a method of one of its classes), as `fn.graph` shows it. */
  calleeGraph(node: Node): Graph | undefined {
    if (node.kind === 'prim::CallFunction') {
      const name = calleeName(node);
      return name === undefined ? undefined : this.#unit.findFunction(name)?.graph();
    }
    if (node.kind === 'prim::CallMethod') {
      const self = node.inputs[0]?.type;
      if (self?.kind !== 'ClassType') return undefined;
      return this.#unit.findMethod(self as ClassType, node.s('name'))?.graph();
    }
    return undefined;
  }

  sourceText(file: string): string | undefined {
    return this.#sources.get(file);
  }

  /**
   * The graph that runs: a copy of the function's graph with the calls of the unit's functions and
   * methods inlined, then the passes PyTorch's graph executor runs before execution
   * (preoptimizeGraph: peephole rewrites that need no shapes, constant propagation on immutable
   * types, constant pooling), so results match PyTorch's even where those rewrites decide them
   * (`x != x` is False for any float x, NaN included). Inlining saves a frame per call, as in
   * PyTorch; every inlined node keeps the calls it came through, so tracebacks still name every
   * function. Calls of interface-typed values stay calls (their method is found at run time).
   */
  #executionGraph(graph: Graph): Graph {
    const copy = graph.copy();
    inlineCalls(copy, {
      resolve: (node) => this.calleeGraph(node),
      callName: (node) => this.#callee(node)?.name ?? calleeName(node) ?? node.kind,
    });
    peephole(copy, { disableShapePeepholes: true });
    constantPropagation(copy, { immutableTypesOnly: true });
    constantPooling(copy);
    return copy;
  }

  #callee(node: Node): CompiledFunction | undefined {
    if (node.kind === 'prim::CallFunction') {
      const name = calleeName(node);
      return name === undefined ? undefined : this.#unit.findFunction(name);
    }
    const self = node.inputs[0]?.type;
    return self?.kind === 'ClassType' ? this.#unit.findMethod(self as ClassType, node.s('name')) : undefined;
  }
}

export { Code };
