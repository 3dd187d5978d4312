import type { Op, Overload } from './define-op.js';
import { camel } from './define-op.js';

/**
 * Lookup over a list of ops: by qualified overload name (`aten::add.Tensor`), by base name
 * (`add`, `add_`) for overload resolution, and by camelCase name for `F`.
 */
export class OpRegistry {
  readonly ops: readonly Op[];
  readonly #byQualified = new Map<string, Overload>();
  readonly #byBase = new Map<string, Overload[]>();

  constructor(ops: readonly Op[]) {
    this.ops = ops;
    for (const op of ops) {
      for (const o of op.overloads) {
        if (this.#byQualified.has(o.qualifiedName)) {
          throw new Error(
            `two ops define ${o.qualifiedName} (${this.#byQualified.get(o.qualifiedName)!.op.name}, ${op.name})`,
          );
        }
        this.#byQualified.set(o.qualifiedName, o);
        const ns = o.schema.namespace;
        // Bare names (`add`) and camelCase names (`F.add`) are aten's: `prim::min` is only found
        // qualified, so that it never joins the overloads of `aten::min`.
        for (const key of ns === 'aten' || ns === ''
          ? [`${ns}::${o.baseName}`, o.baseName]
          : [`${ns}::${o.baseName}`]) {
          let list = this.#byBase.get(key);
          if (!list) this.#byBase.set(key, (list = []));
          list.push(o);
        }
      }
    }
  }

  /** `aten::add.Tensor` or `aten::relu` (the default overload). */
  find(qualifiedName: string): Overload | undefined {
    return this.#byQualified.get(qualifiedName);
  }

  /** The overloads of `aten::add` (or `add`), in schema order. */
  overloads(name: string): readonly Overload[] {
    return this.#byBase.get(name) ?? [];
  }

  get allOverloads(): Overload[] {
    return [...this.#byQualified.values()];
  }

  /** camelCase names → overloads, for building `F`. */
  byCamelName(): Map<string, Overload[]> {
    const map = new Map<string, Overload[]>();
    for (const o of this.#byQualified.values()) {
      if (o.schema.namespace !== 'aten' && o.schema.namespace !== '') continue;
      const key = camel(o.baseName);
      let list = map.get(key);
      if (!list) map.set(key, (list = []));
      list.push(o);
    }
    return map;
  }
}
