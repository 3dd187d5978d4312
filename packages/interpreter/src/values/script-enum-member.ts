import type { EnumType } from '@tsjit/ir';

/** A member of a TorchScript `Enum` class at run time: its type, name and value. */
export class ScriptEnumMember {
  readonly type: EnumType;
  readonly name: string;
  readonly value: unknown;

  constructor(type: EnumType, name: string, value: unknown) {
    this.type = type;
    this.name = name;
    this.value = value;
  }

  /** Two members are equal when they are the same member of the same enum (by qualified name). */
  equals(other: unknown): boolean {
    return (
      other instanceof ScriptEnumMember &&
      other.name === this.name &&
      other.type.qualifiedName === this.type.qualifiedName
    );
  }

  toString(): string {
    return `${this.type.name}.${this.name}`;
  }
}
