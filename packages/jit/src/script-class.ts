import { type ClassType, printClassCode } from '@tsjit/ir';
import type { ScriptFunction } from './script-function.js';

/**
 * A TorchScript class compiled from source: its type (attributes as `__init__` declares them)
 * and its methods. `code` is the class as PyTorch writes it into an archive's `code/` folder.
 */
export class ScriptClass {
  readonly type: ClassType;
  readonly #methods: () => ScriptFunction[];

  /** @internal Made by a CompilationUnit; `methods` lists the compiled methods. */
  constructor(type: ClassType, methods: () => ScriptFunction[]) {
    this.type = type;
    this.#methods = methods;
  }

  /** The class name (`Point`). */
  get name(): string {
    return this.type.name;
  }

  /** The name with its namespace (`__torch__.Point`). */
  get qualifiedName(): string {
    return this.type.qualifiedName;
  }

  /** The methods, by name (the order PyTorch lists and prints those of a `@torch.jit.script` class). */
  get methods(): ScriptFunction[] {
    return this.#methods();
  }

  /** The method `name`, or undefined. */
  method(name: string): ScriptFunction | undefined {
    return this.methods.find((m) => m.name === name);
  }

  /**
   * The class as TorchScript source, as an archive's `code/` file holds it: the `class` line,
   * attribute declarations, then each method with `self` untyped.
   */
  get code(): string {
    const methods = this.methods.map((m) => ({ graph: m.graph, schema: m.schema }));
    return printClassCode(this.type, methods).code;
  }

  toString(): string {
    return this.code;
  }
}
