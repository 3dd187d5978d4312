import { Argument, type ClassType, FunctionSchema, type Graph } from '@tsjit/ir';
import type { FunctionDef } from '../ast.js';
import type { BuiltinProvider } from './builtin-provider.js';
import type { Resolver, ScriptFunctionLike } from './contracts.js';
import { type EmitterUnit, FunctionEmitter, type SourceText } from './function-emitter.js';

/** Runs the cleanup passes on a freshly emitted graph (set by the layer that has the passes). */
export type GraphCleanup = (graph: Graph) => void;

export interface ScriptFunctionOptions {
  readonly qualifiedName: string;
  readonly def: FunctionDef;
  readonly resolver: Resolver;
  readonly unit: EmitterUnit;
  readonly builtins: BuiltinProvider;
  readonly source: SourceText;
  readonly selfType?: ClassType;
  readonly cleanup?: GraphCleanup;
}

/**
 * A function or method of a compilation unit. Its graph is emitted on first use (functions may
 * call each other in any order); a function that is reached again while it is being emitted is
 * a recursive call, which TorchScript does not support.
 */
export class ScriptFunction implements ScriptFunctionLike {
  readonly qualifiedName: string;
  readonly name: string;
  readonly def: FunctionDef;
  readonly selfType: ClassType | undefined;
  readonly source: SourceText;
  private readonly options: ScriptFunctionOptions;
  private state: 'declared' | 'emitting' | 'emitted' = 'declared';
  private emitted: { graph: Graph; schema: FunctionSchema } | undefined;
  private cleaned = false;

  constructor(options: ScriptFunctionOptions) {
    this.options = options;
    this.qualifiedName = options.qualifiedName;
    this.name = options.def.name;
    this.def = options.def;
    this.selfType = options.selfType;
    this.source = options.source;
  }

  /** Whether the graph is being emitted right now (a call to it from itself is recursion). */
  get isBeingEmitted(): boolean {
    return this.state === 'emitting';
  }

  get isEmitted(): boolean {
    return this.state === 'emitted';
  }

  /** Emits the graph if that was not done yet; errors in the body surface here. */
  ensureDefined(): void {
    if (this.state === 'emitted') return;
    if (this.state === 'emitting') return;
    this.state = 'emitting';
    try {
      const emitter = new FunctionEmitter({
        def: this.def,
        qualifiedName: this.qualifiedName,
        resolver: this.options.resolver,
        unit: this.options.unit,
        builtins: this.options.builtins,
        source: this.source,
        selfType: this.selfType,
      });
      const schema = emitter.emit();
      this.emitted = { graph: emitter.graph, schema };
      this.state = 'emitted';
      this.selfType?.addMethod(schema);
    } catch (e) {
      this.state = 'declared';
      throw e;
    }
  }

  /** The schema: parameters with their types and defaults, and the (possibly inferred) return type. */
  schema(): FunctionSchema {
    this.ensureDefined();
    return (this.emitted as { schema: FunctionSchema }).schema;
  }

  /** The emitted graph (after the unit's cleanup passes, when it has any). */
  graph(): Graph {
    this.ensureDefined();
    const graph = (this.emitted as { graph: Graph }).graph;
    if (!this.cleaned) {
      this.cleaned = true;
      this.options.cleanup?.(graph);
    }
    return graph;
  }

  /**
   * The schema from the def alone (annotations and defaults; `self` first for methods), without
   * emitting the body; the return is absent when not annotated.
   */
  declaredSchema(): FunctionSchema {
    const emitter = new FunctionEmitter({
      def: this.def,
      qualifiedName: this.qualifiedName,
      resolver: this.options.resolver,
      unit: this.options.unit,
      builtins: this.options.builtins,
      source: this.source,
      selfType: this.selfType,
    });
    const schema = emitter.declaredSchema();
    if (!this.selfType) return schema;
    const selfName = this.def.args.posonlyargs[0]?.name ?? this.def.args.args[0]?.name ?? 'self';
    return new FunctionSchema(
      schema.name,
      schema.overloadName,
      [new Argument(selfName, { type: this.selfType }), ...schema.arguments],
      schema.returns,
    );
  }
}
