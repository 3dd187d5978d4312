import { JitType } from './jit-type.js';

/**
 * A type variable of a generic schema (`t`, `t1`, `tVal`): any lower-case name that is not a
 * known type. Schema matching binds it; on its own it is a subtype only of itself and Any.
 */
export class VarType extends JitType {
  readonly kind = 'VarType' as const;
  readonly name: string;

  private constructor(name: string) {
    super();
    this.name = name;
  }

  static named(name: string): VarType {
    return new VarType(name);
  }

  annotationStr(): string {
    return this.name;
  }

  pythonStr(): string {
    return this.name;
  }

  protected override equalsSameKind(other: JitType): boolean {
    return this.name === (other as VarType).name;
  }
}
