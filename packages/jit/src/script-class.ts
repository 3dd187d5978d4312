import { execute, RunState, ScriptObject, toRuntime } from '@tsjit/interpreter';
import { type ClassType, printClassCode } from '@tsjit/ir';
import { OpError } from '@tsjit/ops';
import { bindArguments } from './runtime/bind-arguments.js';
import type { ScriptFunction } from './script-function.js';
import { type ObjectHost, ScriptInstance, ScriptModule, unwrapValue } from './script-module.js';

/**
 * A TorchScript class compiled from source: its type (attributes as `__init__` declares them)
 * and its methods. `code` is the class as PyTorch writes it into an archive's `code/` folder.
 */
export class ScriptClass {
  readonly type: ClassType;
  readonly #methods: () => ScriptFunction[];
  readonly #host: ObjectHost;

  /** @internal Made by a CompilationUnit; `methods` lists the compiled methods. */
  constructor(type: ClassType, methods: () => ScriptFunction[], host: ObjectHost) {
    this.type = type;
    this.#methods = methods;
    this.#host = host;
  }

  /**
   * A new object of this script class: `__init__` runs in the interpreter with these arguments
   * (as calling the class does in TorchScript).
   */
  create(...args: unknown[]): ScriptInstance {
    if (this.type.isModule) {
      throw new OpError(
        `${this.name} is a module: its __init__ runs in Python; build it with createModule(attributes)`,
      );
    }
    const object = new ScriptObject(this.type);
    const schema = this.#host.methodSchema(this.type, '__init__');
    if (schema !== undefined) {
      const values = bindArguments(schema, args, object);
      execute(this.#host.runtime.methodCode(this.type, '__init__'), values, new RunState());
    } else if (args.length > 0) {
      throw new OpError(`${this.name}() takes no arguments`);
    }
    return new ScriptInstance(object, this.#host);
  }

  /**
   * A module of this class from its attribute values (what PyTorch's `__init__` leaves on a
   * module before it is scripted): every attribute the class declares, converted to its declared
   * type; submodules are ScriptModules of their own classes. `training` defaults to true.
   */
  createModule(attributes: Readonly<Record<string, unknown>>): ScriptModule {
    if (!this.type.isModule)
      throw new OpError(`${this.name} is not a module class (class ${this.name}(torch.nn.Module))`);
    const object = new ScriptObject(this.type);
    for (const name of Object.keys(attributes)) {
      if (this.type.findAttribute(name) === undefined) {
        throw new OpError(`module ${this.name} has no attribute '${name}' (declare it in the class body)`);
      }
    }
    for (const attribute of this.type.attributes) {
      let value = attributes[attribute.name];
      if (value === undefined) {
        if (attribute.name === 'training') value = true;
        else if (attribute.type.kind === 'OptionalType' || attribute.type.kind === 'NoneType') value = null;
        else throw new OpError(`module ${this.name} needs a value for attribute '${attribute.name}'`);
      }
      object.setAttr(attribute.name, toRuntime(unwrapValue(value), attribute.type, attribute.name));
    }
    return new ScriptModule(object, this.#host);
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
