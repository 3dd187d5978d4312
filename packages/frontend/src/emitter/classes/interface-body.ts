import { Argument, FunctionSchema, InterfaceType } from '@tsjit/ir';
import type { ClassDef, FunctionDef } from '../../ast.js';
import { schemaFromDef } from './schema-from-def.js';
import type { ScriptTypeParser } from './script-type-parser.js';

/**
 * An interface (`class I(Interface)` / `(ModuleInterface)` in archives, `@torch.jit.interface` in
 * user source): method declarations with annotated returns and a body of only docstrings and
 * `pass`; their schemas, with `self` typed by the interface (PyTorch's define_interface).
 */
export function declareInterface(
  def: ClassDef,
  qualifiedName: string,
  parser: ScriptTypeParser,
  isModule: boolean,
): InterfaceType {
  const self = InterfaceType.named(qualifiedName, { isModule });
  const methods: FunctionSchema[] = [];
  for (const stmt of def.body) {
    if (parser.dialect === 'source' && stmt.kind === 'Expr' && stmt.value.kind === 'Str') continue;
    if (stmt.kind !== 'FunctionDef')
      parser.error(stmt.range, 'interface declarations can only contain method definitions');
    checkMethod(stmt, parser);
    const first = stmt.args.posonlyargs[0] ?? stmt.args.args[0];
    if (!first) parser.error(stmt.range, `interface method '${stmt.name}' needs a 'self' parameter`);
    const schema = schemaFromDef(stmt, parser, { skipSelf: true });
    if (methods.some((m) => m.name === schema.name))
      parser.error(stmt.range, `interface method '${stmt.name}' is declared twice`);
    methods.push(
      new FunctionSchema(
        schema.name,
        schema.overloadName,
        [new Argument(first.name, { type: self }), ...schema.arguments],
        schema.returns,
      ),
    );
  }
  return InterfaceType.named(qualifiedName, { methods, isModule });
}

function checkMethod(fn: FunctionDef, parser: ScriptTypeParser): void {
  if (fn.decorators.length > 0) parser.error(fn.decorators[0]!.range, 'interface methods cannot have decorators');
  if (!fn.returns && !fn.typeComment)
    parser.error(fn.range, 'interface declarations must have a return type annotated.');
  // Docstrings, then `pass`: anything after a `pass` is ignored, as in PyTorch.
  for (const stmt of fn.body) {
    if (stmt.kind === 'Pass') return;
    if (stmt.kind === 'Expr' && stmt.value.kind === 'Str') continue;
    parser.error(stmt.range, "interfaces declarations should only contain a single 'pass' statement.");
  }
  parser.error(fn.range, "interfaces declarations should only contain a single 'pass' statement.");
}
