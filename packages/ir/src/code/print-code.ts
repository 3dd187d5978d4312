import type { Graph } from '../graph/graph.js';
import type { IValue } from '../graph/ivalue.js';
import { Argument } from '../schema/argument.js';
import { FunctionSchema } from '../schema/function-schema.js';
import type { ClassType } from '../types/class-type.js';
import type { JitType } from '../types/jit-type.js';
import { type CodeFunction, CodePrinter, type CodePrinterOptions } from './code-printer.js';
import { debugNameBase } from './python-identifier.js';

/** What printing gives: the code, its constant table (`CONSTANTS.c<i>`) and the named types it refers to. */
export interface CodeResult {
  readonly code: string;
  readonly constants: readonly IValue[];
  readonly dependencies: readonly JitType[];
}

export interface PrintFunctionOptions extends CodePrinterOptions {
  /** A method: `self` is printed without its type, as `module.code` shows it. Default false. */
  readonly method?: boolean;
}

/**
 * A function as TorchScript code, exactly as PyTorch's `scripted_fn.code` prints it (or, with
 * `method`, as `module.code` prints `forward`). The schema gives the argument names, types and
 * defaults and the return type; given a name instead, they are read from the graph as PyTorch
 * does for a function made from a graph (`defaultSchemaFor`).
 *
 *     def f(x: Tensor,
 *         n: int=3) -> Tensor:
 *       return torch.add(x, n)
 */
export function printFunctionCode(
  graph: Graph,
  schemaOrName: FunctionSchema | string,
  options: PrintFunctionOptions = {},
): CodeResult {
  const schema = typeof schemaOrName === 'string' ? defaultSchemaFor(schemaOrName, graph) : schemaOrName;
  const printer = new CodePrinter(options);
  const fn: CodeFunction = { graph, schema };
  if (options.method) printer.printMethod(fn);
  else printer.printFunction(fn);
  return { code: printer.text, constants: printer.constants, dependencies: printer.dependencies };
}

/**
 * A class as an archive's `code/` file holds it: the `class` line, `__parameters__` and
 * `__buffers__` for modules, attribute and `Final` constant declarations from the ClassType,
 * then each method in the order given.
 */
export function printClassCode(
  classType: ClassType,
  methods: readonly CodeFunction[],
  options: CodePrinterOptions = {},
): CodeResult {
  const printer = new CodePrinter(options).printClass(classType, methods);
  return { code: printer.text, constants: printer.constants, dependencies: printer.dependencies };
}

/**
 * The schema PyTorch gives a function made from a graph: arguments named after the inputs'
 * debug names (without the `.N` suffix), or `argument_<i>`, typed as the inputs; the outputs'
 * types as returns.
 */
export function defaultSchemaFor(name: string, graph: Graph): FunctionSchema {
  const args = graph.inputs.map(
    (v, i) => new Argument(v.hasDebugName() ? debugNameBase(v.debugName()) : `argument_${i}`, { type: v.type }),
  );
  const returns = graph.outputs.map((v) => new Argument('', { type: v.type }));
  return new FunctionSchema(name, '', args, returns);
}
