import { type JitType, StringType, TupleType, type Value } from '@tsjit/ir';
import type { Range } from '../../ast.js';
import type { EmitContext, NamedValue, SugaredValue } from '../contracts.js';
import type { Emitter } from '../emitter-context.js';

/**
 * An exception class. `AssertionError` (used by `assert`) builds its message as PyTorch's
 * ExceptionValue does ("AssertionError: " + str of each argument, no class name); the Python
 * exceptions (`ValueError`...) as PyTorch's PythonExceptionValue does (the argument itself, or
 * the tuple of the arguments, with the class's qualified name `builtins.ValueError`).
 */
export class ExceptionValue implements SugaredValue {
  readonly kind = 'exception';

  constructor(
    readonly name: string,
    readonly qualifiedName?: string,
  ) {}

  call(context: EmitContext, range: Range, args: NamedValue[], kwargs: NamedValue[]): SugaredValue {
    const ctx: Emitter = context as Emitter;
    if (this.qualifiedName === undefined) {
      let message = ctx.constant(`${this.name}: `, range);
      for (const arg of args) {
        let text = arg.value;
        if (!text.type.isSubtypeOf(StringType.get()))
          text = ctx.builtin('aten::str', [{ value: text, range }], [], range);
        message = ctx.builtin(
          'aten::add',
          [
            { value: message, range },
            { value: text, range },
          ],
          [],
          range,
        );
      }
      return new ExceptionMessageValue(message, undefined);
    }
    let message: Value;
    if (args.length === 0 && kwargs.length === 0) {
      message = ctx.constant('', range);
    } else if (args.length === 1 && kwargs.length === 0) {
      message = args[0].value;
    } else {
      const values = [...args, ...kwargs].map((a) => a.value);
      message = ctx.insertNode('prim::TupleConstruct', values, [tupleOf(values)]).output();
    }
    const className = ctx.constant(this.qualifiedName, range);
    return new ExceptionMessageValue(message, className);
  }
}

/** An exception object (`ValueError("x")`): what `raise` raises. */
export class ExceptionMessageValue implements SugaredValue {
  readonly kind = 'exception message';

  constructor(
    readonly message: Value,
    readonly qualifiedClassName: Value | undefined,
  ) {}
}

function tupleOf(values: readonly Value[]): JitType {
  return TupleType.of(values.map((v) => v.type));
}
