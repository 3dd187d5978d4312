import { JitType } from './jit-type.js';

/** A member of an enum: its name and value (an int, float or str constant). */
export interface EnumMember {
  readonly name: string;
  readonly value: number | string;
}

export interface EnumOptions {
  /** The type of the members' values: int, float or str. Unknown for an enum read from IR text. */
  readonly valueType?: JitType;
  readonly members?: readonly EnumMember[];
}

/**
 * A TorchScript `Enum` class (`class Color(Enum)`), known by its qualified name. Schemas and
 * code spell it by that name (`__torch__.Color`), the IR printer as `Enum<__torch__.Color>`.
 * PyTorch's rules: two enum types are equal when their names and value types are; an enum type
 * is a subtype of AnyEnumType (and Any) and of nothing else.
 */
export class EnumType extends JitType {
  readonly kind = 'EnumType' as const;
  readonly qualifiedName: string;
  readonly valueType: JitType | undefined;
  readonly members: readonly EnumMember[];

  private constructor(qualifiedName: string, options: EnumOptions) {
    super();
    const valueKind = options.valueType?.kind;
    if (valueKind !== undefined && !['IntType', 'FloatType', 'StringType'].includes(valueKind)) {
      throw new RangeError(`an enum's values must be int, float or str, not '${options.valueType?.annotationStr()}'`);
    }
    this.qualifiedName = qualifiedName;
    this.valueType = options.valueType;
    this.members = Object.freeze([...(options.members ?? [])]);
  }

  static named(qualifiedName: string, options: EnumOptions = {}): EnumType {
    return new EnumType(qualifiedName, options);
  }

  /** The last component of the qualified name. */
  get name(): string {
    return this.qualifiedName.slice(this.qualifiedName.lastIndexOf('.') + 1);
  }

  /** The member called `name`, when the members are known. */
  member(name: string): EnumMember | undefined {
    return this.members.find((m) => m.name === name);
  }

  annotationStr(): string {
    return this.qualifiedName;
  }

  pythonStr(): string {
    return this.qualifiedName;
  }

  protected override equalsSameKind(other: JitType): boolean {
    const that = other as EnumType;
    if (this.qualifiedName !== that.qualifiedName) return false;
    // A type read from IR text does not know its value type; it matches any.
    return this.valueType === undefined || that.valueType === undefined || this.valueType.equals(that.valueType);
  }

  protected override isSubtypeOfSameShape(other: JitType): boolean {
    return other.kind === 'AnyEnumType';
  }
}
