/**
 * What a schema says about aliasing for one argument or return: the alias sets the value is in
 * before and after the call, whether the op writes to it, and the same for the elements of a
 * container. `Tensor(a)` is in set a; `Tensor(a!)` is in set a and written; `Tensor(a -> *)`
 * enters the wildcard set; `Tensor(a|b)` may be in a or b; `Tensor(a!)[]` is a list whose
 * elements are in a and written.
 *
 * Sets are kept in the order written, so that printing gives the text back.
 */
export class AliasInfo {
  /** The wildcard set: may alias anything. */
  static readonly WILDCARD = '*';

  readonly beforeSets: readonly string[];
  readonly afterSets: readonly string[];
  readonly isWrite: boolean;
  /** Alias information for the elements of a container (list element), outermost first. */
  readonly containedTypes: readonly AliasInfo[];

  constructor(
    options: {
      beforeSets?: readonly string[];
      afterSets?: readonly string[];
      isWrite?: boolean;
      containedTypes?: readonly AliasInfo[];
    } = {},
  ) {
    this.beforeSets = Object.freeze([...new Set(options.beforeSets ?? [])]);
    this.afterSets = Object.freeze([...new Set(options.afterSets ?? this.beforeSets)]);
    this.isWrite = options.isWrite ?? false;
    this.containedTypes = Object.freeze([...(options.containedTypes ?? [])]);
  }

  /** The value may alias anything before the call. */
  get isWildcardBefore(): boolean {
    return this.beforeSets.includes(AliasInfo.WILDCARD);
  }

  /** The value may alias anything after the call. */
  get isWildcardAfter(): boolean {
    return this.afterSets.includes(AliasInfo.WILDCARD);
  }

  equals(other: AliasInfo): boolean {
    return (
      this.isWrite === other.isWrite &&
      sameSet(this.beforeSets, other.beforeSets) &&
      sameSet(this.afterSets, other.afterSets) &&
      this.containedTypes.length === other.containedTypes.length &&
      this.containedTypes.every((c, i) => c.equals(other.containedTypes[i]))
    );
  }

  /** The annotation as written after a type: `(a)`, `(a!)`, `(a -> *)`, `(b|a)`. */
  toString(): string {
    let text = `(${this.beforeSets.join('|')}${this.isWrite ? '!' : ''}`;
    if (!sameSet(this.beforeSets, this.afterSets)) text += ` -> ${this.afterSets.join('|')}`;
    return `${text})`;
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
