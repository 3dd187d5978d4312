import type { JitType } from '../types/jit-type.js';
import type { ListType } from '../types/list-type.js';
import type { OptionalType } from '../types/optional-type.js';
import type { AliasInfo } from './alias-info.js';
import { type DefaultValue, formatDefaultValue } from './default-value.js';

export interface ArgumentOptions {
  /** The type used for typing: `SymInt`, `ScalarType`, `Layout` and `MemoryFormat` read as int. */
  readonly type: JitType;
  /** The type as written in the schema (what `toString` prints). Defaults to `type`. */
  readonly realType?: JitType;
  /** The fixed size of a list argument (`int[2]`). */
  readonly N?: number;
  /** The default value; `undefined` when there is none (`null` is a default of None). */
  readonly defaultValue?: DefaultValue;
  readonly kwargOnly?: boolean;
  readonly aliasInfo?: AliasInfo;
}

/** One argument or return of a FunctionSchema. Returns have no default and may have no name. */
export class Argument {
  readonly name: string;
  readonly type: JitType;
  readonly realType: JitType;
  readonly N: number | undefined;
  readonly defaultValue: DefaultValue | undefined;
  readonly kwargOnly: boolean;
  readonly aliasInfo: AliasInfo | undefined;

  constructor(name: string, options: ArgumentOptions) {
    this.name = name;
    this.type = options.type;
    this.realType = options.realType ?? options.type;
    this.N = options.N;
    this.defaultValue = options.defaultValue;
    this.kwargOnly = options.kwargOnly ?? false;
    this.aliasInfo = options.aliasInfo;
  }

  get hasDefault(): boolean {
    return this.defaultValue !== undefined;
  }

  /** Whether the op writes to this argument (`Tensor(a!)`). */
  get isWrite(): boolean {
    return this.aliasInfo?.isWrite ?? false;
  }

  /** The argument as PyTorch prints it: `Tensor(a!) self`, `int[2] stride=1`, `Tensor?[] indices`. */
  toString(): string {
    let text = formatArgumentType(this.realType, this.aliasInfo, this.N);
    if (this.name) text += ` ${this.name}`;
    if (this.defaultValue !== undefined) text += `=${formatDefaultValue(this.defaultValue, this.realType)}`;
    return text;
  }
}

/**
 * A type with its alias annotation, as an argument spells it. Follows PyTorch's printer (the
 * element alias goes between the element type and `[]`, the container's after `[]`, `?` last),
 * except that an aliased optional element prints as `Tensor(a)?[]`, which parses back, where
 * PyTorch prints `Tensor?(a)[]`, which does not.
 */
function formatArgumentType(type: JitType, alias: AliasInfo | undefined, N: number | undefined): string {
  const optional = type.kind === 'OptionalType';
  const inner = optional ? (type as OptionalType).elementType : type;
  let text: string;
  if (inner.kind === 'ListType') {
    const element = (inner as ListType).elementType;
    const elementAlias = alias?.containedTypes[0];
    text = elementAlias ? formatArgumentType(element, elementAlias, undefined) : element.annotationStr();
    text += `[${N ?? ''}]`;
  } else {
    text = inner.annotationStr();
  }
  if (alias && alias.beforeSets.length > 0) text += alias.toString();
  return optional ? `${text}?` : text;
}
