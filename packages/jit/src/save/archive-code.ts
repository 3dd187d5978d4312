import type { CompilationUnit as FrontendUnit } from '@tsjit/frontend';
import {
  type ClassType,
  type CodeFunction,
  CodePrinter,
  type EnumType,
  type FunctionType,
  type InterfaceType,
  InternalError,
  type IValue,
  type JitType,
  namedTypeName,
  type TupleType,
} from '@tsjit/ir';
import { graphMinVersion, MIN_PRODUCED_VERSION } from './operator-versions.js';
import { tensorsEqual } from './tensors-equal.js';

/**
 * The name a type has in an archive: archive code lives under `__torch__` (PyTorch's
 * CompilationUnit gives its classes that prefix), so a name from a unit without it gets it.
 */
export function archiveTypeName(qualifiedName: string): string {
  return qualifiedName.startsWith('__torch__.') || qualifiedName === '__torch__'
    ? qualifiedName
    : `__torch__.${qualifiedName}`;
}

/** Spells named types with their archive names (see archiveTypeName). */
export function archiveTypePrinter(type: JitType): string | undefined {
  const name = namedTypeName(type);
  return name === undefined || archiveTypeName(name) === name ? undefined : archiveTypeName(name);
}

/** The C++ custom classes: PyTorch opens their file but prints nothing into it. */
const CUSTOM_CLASS_PREFIX = '__torch__.torch.classes.';

/**
 * The `code/` of an archive, collected as PyTorch's ScriptModuleSerializer does: every named type
 * is printed once (`convertNamedType`) into the file of its qualifier (`__torch__.a.b.C` goes to
 * `__torch__/a/b.py`), files in the order they were first needed; the types the printed code
 * refers to are queued (PyTorch's `class_deps_`) and printed after. All files share one constant
 * table (`CONSTANTS.c<i>`), where equal tensors are one entry.
 */
export class ArchiveCode {
  readonly constants: IValue[] = [];
  /** The file format version the printed operators need (at least 3). */
  version = MIN_PRODUCED_VERSION;
  readonly #unit: FrontendUnit;
  readonly #files = new Map<string, CodePrinter>();
  readonly #converted = new Set<string>();
  readonly #deps: JitType[] = [];
  readonly #depNames = new Set<string>();

  constructor(unit: FrontendUnit) {
    this.#unit = unit;
  }

  /** Prints `type` into its file unless it was printed already (PyTorch's `convertNamedType`). */
  convert(type: JitType): void {
    const unitName = namedTypeName(type);
    if (unitName === undefined) return;
    const name = archiveTypeName(unitName);
    if (this.#converted.has(name)) return;
    this.#converted.add(name);
    const dot = name.lastIndexOf('.');
    const qualifier = dot < 0 ? '' : name.slice(0, dot);
    let printer = this.#files.get(qualifier);
    if (printer === undefined) {
      printer = new CodePrinter({
        typePrinter: archiveTypePrinter,
        constantTable: this.constants,
        tensorEquals: tensorsEqual,
        enforceImportable: true,
      });
      this.#files.set(qualifier, printer);
    }
    if (name.startsWith(CUSTOM_CLASS_PREFIX)) return;
    const before = printer.dependencies.length;
    this.#print(printer, type, name);
    for (const dep of printer.dependencies.slice(before)) this.#addDependency(dep);
  }

  /** A C++ custom class written by the pickle: its file is opened, empty (as PyTorch leaves it). */
  convertCustomClass(qualifiedName: string): void {
    if (this.#converted.has(qualifiedName)) return;
    this.#converted.add(qualifiedName);
    const qualifier = qualifiedName.slice(0, qualifiedName.lastIndexOf('.'));
    if (!this.#files.has(qualifier)) {
      this.#files.set(
        qualifier,
        new CodePrinter({
          typePrinter: archiveTypePrinter,
          constantTable: this.constants,
          tensorEquals: tensorsEqual,
          enforceImportable: true,
        }),
      );
    }
  }

  /** Prints the root type, then every type the printed code depends on (PyTorch's `convertTypes`). */
  convertTypes(root: JitType): void {
    this.#addDependency(root);
    for (let i = 0; i < this.#deps.length; i++) this.convert(this.#deps[i] as JitType);
  }

  /** The files as `path below code/` → text, in writing order. */
  files(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [qualifier, printer] of this.#files) out.set(`${qualifier.replaceAll('.', '/')}.py`, printer.text);
    return out;
  }

  #addDependency(type: JitType): void {
    const name = namedTypeName(type);
    if (name === undefined || this.#depNames.has(name)) return;
    this.#depNames.add(name);
    this.#deps.push(type);
  }

  #print(printer: CodePrinter, type: JitType, name: string): void {
    switch (type.kind) {
      case 'ClassType': {
        const classType = type as ClassType;
        const methods: CodeFunction[] = [];
        for (const method of classType.methods.keys()) {
          const fn = this.#unit.findMethod(classType, method);
          if (fn === undefined) throw new InternalError(`method ${name}.${method} was not compiled`);
          methods.push(this.#function(fn.graph(), fn.schema()));
        }
        printer.printClass(classType, methods);
        return;
      }
      case 'TupleType':
        printer.printNamedTuple(type as TupleType);
        return;
      case 'EnumType':
        printer.printEnum(type as EnumType);
        return;
      case 'InterfaceType':
        printer.printInterface(type as InterfaceType);
        return;
      case 'FunctionType': {
        const fn = this.#unit.findFunction((type as FunctionType).qualifiedName as string);
        if (fn === undefined) throw new InternalError(`function ${name} was not compiled`);
        printer.printFunction(this.#function(fn.graph(), fn.schema()));
        return;
      }
      default:
        throw new InternalError(`cannot print a ${type.kind} into an archive`);
    }
  }

  #function(graph: CodeFunction['graph'], schema: CodeFunction['schema']): CodeFunction {
    this.version = graphMinVersion(graph, this.version);
    return { graph, schema };
  }
}
