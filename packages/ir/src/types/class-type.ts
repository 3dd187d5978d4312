import type { IValue } from '../graph/ivalue.js';
import type { FunctionSchema } from '../schema/function-schema.js';
import type { InterfaceType } from './interface-type.js';
import { JitType } from './jit-type.js';

/** What an attribute slot of a class holds; modules separate parameters and buffers from plain attributes. */
export type ClassAttributeKind = 'attribute' | 'parameter' | 'buffer';

/** One attribute slot of a class (PyTorch's ClassAttribute): objects of the class keep their slots in this order. */
export interface ClassAttribute {
  readonly name: string;
  readonly type: JitType;
  readonly kind: ClassAttributeKind;
}

/** A `@property` of a TorchScript class or module: the names of its getter and optional setter methods. */
export interface ClassProperty {
  readonly name: string;
  readonly getter: string;
  readonly setter?: string;
}

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
  /** A module type (`nn.Module` subclass): its objects carry `training`, parameters, buffers and submodules. */
  readonly isModule: boolean;
  private readonly methodMap: Map<string, FunctionSchema>;
  private readonly attributeList: ClassAttribute[] = [];
  private readonly constantMap = new Map<string, IValue>();
  private readonly constantTypeMap = new Map<string, JitType>();
  private readonly propertyList: ClassProperty[] = [];

  private constructor(qualifiedName: string, methods: readonly FunctionSchema[], isModule: boolean) {
    super();
    this.qualifiedName = qualifiedName;
    this.isModule = isModule;
    this.methodMap = new Map(methods.map((m) => [m.name, m]));
  }

  /**
   * A class type. Class types are declared by the compiler while it reads a class: attributes,
   * constants, properties and methods are added to the type as they are found (as in PyTorch,
   * where ClassType is filled in during compilation); identity stays the qualified name.
   */
  static named(
    qualifiedName: string,
    options: { methods?: readonly FunctionSchema[]; isModule?: boolean } = {},
  ): ClassType {
    return new ClassType(qualifiedName, options.methods ?? [], options.isModule ?? false);
  }

  /** Method schemas (with `self` first) by name. */
  get methods(): ReadonlyMap<string, FunctionSchema> {
    return this.methodMap;
  }

  /** Records (or replaces) the schema of a method. */
  addMethod(schema: FunctionSchema): void {
    this.methodMap.set(schema.name, schema);
  }

  /** Attribute slots in declaration order. */
  get attributes(): readonly ClassAttribute[] {
    return this.attributeList;
  }

  /** Adds an attribute slot; an attribute name may be declared once. Returns the slot index. */
  addAttribute(name: string, type: JitType, kind: ClassAttributeKind = 'attribute'): number {
    if (this.findAttributeSlot(name) !== undefined)
      throw new RangeError(`attribute '${name}' of ${this.qualifiedName} is already defined`);
    if (this.constantMap.has(name)) throw new RangeError(`'${name}' of ${this.qualifiedName} is already a constant`);
    this.attributeList.push({ name, type, kind });
    return this.attributeList.length - 1;
  }

  findAttributeSlot(name: string): number | undefined {
    const i = this.attributeList.findIndex((a) => a.name === name);
    return i < 0 ? undefined : i;
  }

  findAttribute(name: string): ClassAttribute | undefined {
    return this.attributeList.find((a) => a.name === name);
  }

  /** Class-level constants (`__constants__`, `Final`), by name, in declaration order. */
  get constants(): ReadonlyMap<string, IValue> {
    return this.constantMap;
  }

  /**
   * Adds a constant. Its type (what `Final[...]` says in code) may be given; otherwise it is read
   * from the value, which cannot tell the type of an empty list or a None.
   */
  addConstant(name: string, value: IValue, type?: JitType): void {
    if (this.constantMap.has(name) || this.findAttributeSlot(name) !== undefined) {
      throw new RangeError(`'${name}' of ${this.qualifiedName} is already defined`);
    }
    this.constantMap.set(name, value);
    if (type) this.constantTypeMap.set(name, type);
  }

  /** The type given for a constant in `addConstant`, if any. */
  constantType(name: string): JitType | undefined {
    return this.constantTypeMap.get(name);
  }

  get properties(): readonly ClassProperty[] {
    return this.propertyList;
  }

  addProperty(property: ClassProperty): void {
    this.propertyList.push(property);
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
