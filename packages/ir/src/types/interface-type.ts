import type { FunctionSchema } from '../schema/function-schema.js';
import { JitType } from './jit-type.js';

/** Something with methods that an interface can be checked against. */
export interface HasMethods {
  /** The method's schema, with `self` as its first argument. */
  methodSchema(name: string): FunctionSchema | undefined;
}

/**
 * A TorchScript interface (`@torch.jit.interface`): a qualified name and method schemas (with
 * `self` first). Schemas and code spell it by its qualified name; the IR printer writes
 * `InterfaceType<Name>` with the last component only, so a type read back from IR text knows
 * neither the qualification nor the methods. PyTorch's rules: a class or interface is a subtype
 * of an interface when it has every method of the interface with a schema that is a subtype of
 * the interface's (`isMethodSubtype`); interfaces are equal when their names are.
 */
export class InterfaceType extends JitType implements HasMethods {
  readonly kind = 'InterfaceType' as const;
  readonly qualifiedName: string;
  readonly methods: ReadonlyMap<string, FunctionSchema>;
  /** Whether this is a module interface (declared on a `torch.nn.Module` subclass). */
  readonly isModule: boolean;

  private constructor(qualifiedName: string, methods: readonly FunctionSchema[], isModule: boolean) {
    super();
    this.qualifiedName = qualifiedName;
    this.methods = new Map(methods.map((m) => [m.name, m]));
    this.isModule = isModule;
  }

  static named(
    qualifiedName: string,
    options: { methods?: readonly FunctionSchema[]; isModule?: boolean } = {},
  ): InterfaceType {
    return new InterfaceType(qualifiedName, options.methods ?? [], options.isModule ?? false);
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

  /** Whether `type` has every method of this interface with a compatible schema. */
  isImplementedBy(type: HasMethods): boolean {
    for (const [name, schema] of this.methods) {
      const mine = type.methodSchema(name);
      if (!mine || !isMethodSubtype(mine, schema)) return false;
    }
    return true;
  }

  protected override equalsSameKind(other: JitType): boolean {
    return this.qualifiedName === (other as InterfaceType).qualifiedName;
  }

  protected override isSubtypeOfSameShape(other: JitType): boolean {
    if (other.kind !== 'InterfaceType') return false;
    return (other as InterfaceType).isImplementedBy(this);
  }
}

/**
 * PyTorch's FunctionSchema subtyping for methods (`self` skipped): the same number of arguments
 * with the same names, each argument of the wanted schema a subtype of ours (arguments are
 * contravariant) and each of our returns a subtype of the wanted one (returns are covariant).
 * Checked against torch 1.13: a renamed argument, a narrower argument or an extra defaulted
 * argument is rejected; a wider argument or a narrower return is accepted.
 */
export function isMethodSubtype(mine: FunctionSchema, wanted: FunctionSchema): boolean {
  const a = mine.arguments.slice(1);
  const b = wanted.arguments.slice(1);
  if (a.length !== b.length || mine.returns.length !== wanted.returns.length) return false;
  const argsOk = a.every((arg, i) => arg.name === b[i].name && b[i].type.isSubtypeOf(arg.type));
  return argsOk && mine.returns.every((ret, i) => ret.type.isSubtypeOf(wanted.returns[i].type));
}
