import type { FunctionSchema } from '@tsjit/ir';
import { allOps } from '@tsjit/ops';

/**
 * The operator schemas the compiler resolves builtin calls against, by qualified name
 * (`aten::add`), each name's overloads in registration order: schema matching tries them in that
 * order and the first that fits wins, as PyTorch's getAllOperatorsFor does.
 */
export class SchemaRegistry {
  readonly #byName = new Map<string, FunctionSchema[]>();
  #size = 0;

  constructor(schemas: Iterable<FunctionSchema>) {
    for (const schema of schemas) this.add(schema);
  }

  /** Every schema of every op of @tsjit/ops (parsed once, on first use). */
  static fromOps(): SchemaRegistry {
    if (!opsRegistry) {
      opsRegistry = new SchemaRegistry(
        (function* () {
          for (const op of allOps) for (const overload of op.overloads) yield overload.schema;
        })(),
      );
    }
    return opsRegistry;
  }

  /**
   * Registers one more overload after the known ones. A schema with the same name and overload
   * name as a registered one replaces nothing: the first registration stays first, as in PyTorch
   * (where registering twice is an error the registry does not need to diagnose here).
   */
  add(schema: FunctionSchema): void {
    let list = this.#byName.get(schema.name);
    if (!list) {
      list = [];
      this.#byName.set(schema.name, list);
    }
    if (list.some((s) => s.overloadName === schema.overloadName)) return;
    list.push(schema);
    this.#size++;
  }

  /** All overloads of `qualifiedName` (`aten::add`) in registration order; empty when unknown. */
  lookup(qualifiedName: string): readonly FunctionSchema[] {
    return this.#byName.get(qualifiedName) ?? EMPTY;
  }

  has(qualifiedName: string): boolean {
    return this.#byName.has(qualifiedName);
  }

  /** The overload `aten::add.Tensor` (or `aten::relu` for a default overload), if registered. */
  find(operatorName: string): FunctionSchema | undefined {
    const at = operatorName.indexOf('.', operatorName.indexOf('::') + 2);
    const name = at < 0 ? operatorName : operatorName.slice(0, at);
    const overload = at < 0 ? '' : operatorName.slice(at + 1);
    return this.lookup(name).find((s) => s.overloadName === overload);
  }

  /** The qualified names known, in first-registration order. */
  names(): IterableIterator<string> {
    return this.#byName.keys();
  }

  /** The number of schemas registered. */
  get size(): number {
    return this.#size;
  }
}

const EMPTY: readonly FunctionSchema[] = Object.freeze([]);
let opsRegistry: SchemaRegistry | undefined;
