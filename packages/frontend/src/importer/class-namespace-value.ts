import type { ClassType, EnumType, TupleType } from '@tsjit/ir';
import type { Range } from '../ast.js';
import type { EmitContext, SugaredValue } from '../emitter/contracts.js';
import type { SourceImporter } from './source-importer.js';

/**
 * A package of qualified names (`__torch__`, `__torch__.torch.nn.functional`): an attribute is a
 * class (called to construct an object), a NamedTuple (called to build one), an enum, a function
 * of a code file, or a deeper package (PyTorch's ClassNamespaceValue).
 */
export class ClassNamespaceValue implements SugaredValue {
  readonly kind = 'Class Namespace';

  constructor(
    readonly qualifiedName: string,
    private readonly importer: SourceImporter,
  ) {}

  attr(_ctx: EmitContext, _range: Range, name: string): SugaredValue {
    const full = `${this.qualifiedName}.${name}`;
    const values = this.importer.values;
    const type = this.importer.findNamedType(full);
    if (type?.kind === 'ClassType') return values.classValue(type as ClassType);
    if (type?.kind === 'TupleType') return values.namedTupleConstructor(type as TupleType);
    if (type?.kind === 'EnumType') return values.enumClass(type as EnumType);
    const fn = this.importer.findFunction(full);
    if (fn) return values.functionValue(fn);
    return new ClassNamespaceValue(full, this.importer);
  }
}
