import type { Argument } from './argument.js';

export interface FunctionSchemaOptions {
  readonly isVararg?: boolean;
  readonly isVarret?: boolean;
}

/**
 * The signature of an operator, as PyTorch's schema language writes it:
 * `aten::add.Tensor(Tensor self, Tensor other, *, Scalar alpha=1) -> Tensor`.
 */
export class FunctionSchema {
  /** Qualified name: `aten::add`. */
  readonly name: string;
  /** Overload name: `Tensor`, or '' for the default overload. */
  readonly overloadName: string;
  readonly arguments: readonly Argument[];
  readonly returns: readonly Argument[];
  /** The argument list ends with `...` (any further arguments). */
  readonly isVararg: boolean;
  /** The return list ends with `...` (any further returns). */
  readonly isVarret: boolean;

  constructor(
    name: string,
    overloadName: string,
    args: readonly Argument[],
    returns: readonly Argument[],
    options: FunctionSchemaOptions = {},
  ) {
    this.name = name;
    this.overloadName = overloadName;
    this.arguments = Object.freeze([...args]);
    this.returns = Object.freeze([...returns]);
    this.isVararg = options.isVararg ?? false;
    this.isVarret = options.isVarret ?? false;
  }

  /** The name with its overload: `aten::add.Tensor`, or `aten::relu`. */
  get operatorName(): string {
    return this.overloadName ? `${this.name}.${this.overloadName}` : this.name;
  }

  /** The namespace of the name (`aten` for `aten::add`), or '' when there is none. */
  get namespace(): string {
    const at = this.name.indexOf('::');
    return at < 0 ? '' : this.name.slice(0, at);
  }

  /** Index of the argument called `name`, or -1. */
  argumentIndex(name: string): number {
    return this.arguments.findIndex((a) => a.name === name);
  }

  /** Whether the op writes to any of its arguments. */
  get isMutable(): boolean {
    return this.arguments.some((a) => a.isWrite);
  }

  /** The schema in PyTorch's canonical form: for every schema PyTorch prints, parse then print gives it back. */
  toString(): string {
    const args: string[] = [];
    let seenKwargOnly = false;
    for (const argument of this.arguments) {
      const text = argument.toString();
      if (argument.kwargOnly && !seenKwargOnly) {
        seenKwargOnly = true;
        args.push(`*, ${text}`);
      } else {
        args.push(text);
      }
    }
    if (this.isVararg) args.push('...');

    const returns = this.returns.map((r) => r.toString());
    if (this.isVarret) returns.push('...');
    // No parentheses around one return, unless it starts with one (a tuple type, which would
    // otherwise read as a list of returns), and none around a lone `...`.
    const single = returns.length === 1 && (this.returns.length === 1 || this.isVarret);
    const bare = single && !returns[0].startsWith('(');
    const returnText = bare ? returns[0] : `(${returns.join(', ')})`;
    return `${this.operatorName}(${args.join(', ')}) -> ${returnText}`;
  }
}
