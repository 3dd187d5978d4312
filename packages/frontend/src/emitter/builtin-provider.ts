import type { FunctionSchema, JitType, Value } from '@tsjit/ir';
import type { Range } from '../ast.js';
import type { BuiltinHooks } from './builtins/builtin-values.js';
import type { EmitContext, NamedValue, SugaredValue } from './contracts.js';
import type { SchemaRegistry } from './schema-registry.js';

/**
 * What the emitter needs from the builtin tables and schema matching (schema-matching.ts,
 * builtins.ts): operator calls resolved against the registered schemas, attributes of builtin-
 * typed values, schema matching for script functions, and the builtin globals (`torch`, `math`,
 * `len`...). Injected so that the emitter and the tables can be developed and tested apart.
 */
export interface BuiltinProvider {
  /** How the builtin tables' sugared values wrap results and reach the emitter's special forms. */
  readonly hooks?: BuiltinHooks;
  /** The operator schemas calls resolve against, when the provider has a registry. */
  readonly registry?: SchemaRegistry;
  /** A schema-matched call of the operator `name` (`aten::add`), with implicit conversions. */
  call(
    ctx: EmitContext,
    name: string,
    args: NamedValue[],
    kwargs: NamedValue[],
    range: Range,
    self?: NamedValue,
  ): Value;
  /** Methods and properties of a value of a builtin type (`x.size`, `s.split`, `l.append`), if any. */
  attr(ctx: EmitContext, range: Range, value: Value, name: string): SugaredValue | undefined;
  /** Matches arguments against one schema; throws a FrontendError naming the schema when they do not fit. */
  matchSchema(
    ctx: EmitContext,
    schema: FunctionSchema,
    range: Range,
    args: NamedValue[],
    kwargs: NamedValue[],
    self?: NamedValue,
  ): { inputs: Value[]; returnType: JitType };
  /** A builtin global (`torch`, `math`, `len`...) not handled by the emitter itself, if any. */
  global?(name: string): SugaredValue | undefined;
}
