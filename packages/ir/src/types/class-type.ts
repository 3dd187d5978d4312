import { JitType } from './jit-type.js';

/**
 * A class type, known by its qualified name: a TorchScript class (`__torch__.MyClass`) or a
 * custom C++ class (`__torch__.torch.classes.c10d.ProcessGroup`). Two class types are the
 * same type when their qualified names are equal. Attributes and methods will be added when the
 * compiler needs them; every class type is a subtype of AnyClassType.
 */
export class ClassType extends JitType {
  readonly kind = 'ClassType' as const;
  readonly qualifiedName: string;

  private constructor(qualifiedName: string) {
    super();
    this.qualifiedName = qualifiedName;
  }

  static named(qualifiedName: string): ClassType {
    return new ClassType(qualifiedName);
  }

  /** The last component of the qualified name. */
  get name(): string {
    return this.qualifiedName.slice(this.qualifiedName.lastIndexOf('.') + 1);
  }

  annotationStr(): string {
    return this.qualifiedName;
  }

  pythonStr(): string {
    return this.qualifiedName;
  }

  protected override equalsSameKind(other: JitType): boolean {
    return this.qualifiedName === (other as ClassType).qualifiedName;
  }

  protected override isSubtypeOfSameShape(other: JitType): boolean {
    return other.kind === 'AnyClassType';
  }
}
