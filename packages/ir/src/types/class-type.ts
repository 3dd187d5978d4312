import type { FunctionSchema } from '../schema/function-schema.js';
import type { InterfaceType } from './interface-type.js';
import { JitType } from './jit-type.js';

/**
 * A class type, known by its qualified name: a TorchScript class (`__torch__.MyClass`) or a
 * custom C++ class (`__torch__.torch.classes.c10d.ProcessGroup`). Two class types are the
 * same type when their qualified names are equal. Method schemas (with `self` first) are
 * optional; they decide whether the class implements an interface. Every class type is a
 * subtype of AnyClassType.
 */
export class ClassType extends JitType {
  readonly kind = 'ClassType' as const;
  readonly qualifiedName: string;
  readonly methods: ReadonlyMap<string, FunctionSchema>;

  private constructor(qualifiedName: string, methods: readonly FunctionSchema[]) {
    super();
    this.qualifiedName = qualifiedName;
    this.methods = new Map(methods.map((m) => [m.name, m]));
  }

  static named(qualifiedName: string, options: { methods?: readonly FunctionSchema[] } = {}): ClassType {
    return new ClassType(qualifiedName, options.methods ?? []);
  }

  /** The last component of the qualified name. */
  get name(): string {
    return this.qualifiedName.slice(this.qualifiedName.lastIndexOf('.') + 1);
  }

  methodSchema(name: string): FunctionSchema | undefined {
    return this.methods.get(name);
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
    if (other.kind === 'InterfaceType') return (other as InterfaceType).isImplementedBy(this);
    return other.kind === 'AnyClassType';
  }
}
