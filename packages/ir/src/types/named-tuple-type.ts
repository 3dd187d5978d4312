import type { IValue } from '../graph/ivalue.js';
import type { JitType } from './jit-type.js';
import { TupleType } from './tuple-type.js';

/**
 * A NamedTuple is a TupleType with field names and a qualified name (as in PyTorch, where it is
 * a TupleType with a schema): `NamedTupleType.create('__torch__.Point', [['x', int], ['y', float]])`.
 * Schemas and code spell it by its name, the IR printer as `NamedTuple(x : int, y : float)`.
 * Subtyping is the tuple's: a NamedTuple is a subtype of the plain tuple of its field types,
 * a plain tuple is not a subtype of a NamedTuple, and two NamedTuples need the same field names.
 */
export class NamedTupleType {
  private constructor() {}

  /** `fields` are `[name, type]` or `[name, type, default]`; a field with a default may be omitted when constructing. */
  static create(
    qualifiedName: string,
    fields: readonly (readonly [string, JitType] | readonly [string, JitType, IValue])[],
  ): TupleType {
    const names = fields.map(([name]) => name);
    if (new Set(names).size !== names.length) throw new RangeError(`a NamedTuple's field names must differ`);
    const hasDefaults = fields.some((f) => f.length > 2);
    return TupleType.of(
      fields.map(([, type]) => type),
      {
        names,
        qualifiedName,
        defaults: hasDefaults ? fields.map((f) => (f.length > 2 ? f[2] : undefined)) : undefined,
      },
    );
  }

  /** Whether `type` is a NamedTuple (a tuple with field names). */
  static isNamedTuple(type: JitType): type is TupleType {
    return type.kind === 'TupleType' && (type as TupleType).names !== undefined;
  }
}
