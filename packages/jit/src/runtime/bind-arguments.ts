import { sharedRuntimeValue, toRuntime } from '@tsjit/interpreter';
import type { FunctionSchema } from '@tsjit/ir';
import { OpError } from '@tsjit/ops';

/**
 * The run-time values of a call's arguments (PyTorch's `createStackForSchema`): positional JS
 * values converted to the parameters' types, defaults for the ones left out. `self`, when given,
 * is the first argument and not counted in messages.
 */
export function bindArguments(schema: FunctionSchema, args: readonly unknown[], self?: unknown): unknown[] {
  const formals = schema.arguments;
  const offset = self === undefined ? 0 : 1;
  const name = (): string => schema.name.slice(schema.name.lastIndexOf('.') + 1);
  if (args.length + offset > formals.length) {
    throw new OpError(
      `${name()}() expected at most ${formals.length - offset} argument(s) but received ${args.length} argument(s). Declaration: ${schema.toString()}`,
    );
  }
  const values: unknown[] = offset ? [self] : [];
  for (let i = offset; i < formals.length; i++) {
    const formal = formals[i];
    const given = args[i - offset];
    if (given !== undefined) {
      values.push(toRuntime(given, formal.type, formal.name));
      continue;
    }
    if (formal.defaultValue === undefined) {
      throw new OpError(
        `${name()}() is missing value for argument '${formal.name}'. Declaration: ${schema.toString()}`,
      );
    }
    // The default itself, as PyTorch pushes it: a mutable default is one object shared by all calls.
    values.push(sharedRuntimeValue(formal.defaultValue as never, formal.type));
  }
  return values;
}
