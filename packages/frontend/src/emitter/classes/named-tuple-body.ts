import { type IValue, type JitType, NamedTupleType, type TupleType } from '@tsjit/ir';
import type { ClassDef } from '../../ast.js';
import { evaluateConstant } from './evaluate-constant.js';
import type { ScriptTypeParser } from './script-type-parser.js';

const ONLY_ANNOTATIONS = 'Unexpected statement in NamedTuple body: only attribute annotations are currently supported.';

/**
 * A NamedTuple class (`class P(NamedTuple): x : int` / `y : float = 1.`): its fields in order,
 * with their types and defaults (PyTorch's importNamedTuple; in user source, as the Python
 * frontend reads typing.NamedTuple: docstrings allowed, a field without a default may not follow
 * one with a default).
 */
export function declareNamedTuple(def: ClassDef, qualifiedName: string, parser: ScriptTypeParser): TupleType {
  const source = parser.dialect === 'source';
  const fields: ([string, JitType] | [string, JitType, IValue])[] = [];
  let sawDefault = false;
  for (const stmt of def.body) {
    if (source && (stmt.kind === 'Pass' || (stmt.kind === 'Expr' && stmt.value.kind === 'Str'))) continue;
    if (stmt.kind !== 'AnnAssign' || stmt.target.kind !== 'Name') parser.error(stmt.range, ONLY_ANNOTATIONS);
    const name = stmt.target.id;
    if (fields.some(([n]) => n === name))
      parser.error(stmt.target.range, `NamedTuple field '${name}' is declared twice`);
    const type = parser.parseType(stmt.annotation);
    if (stmt.value) {
      sawDefault = true;
      fields.push([name, type, evaluateConstant(stmt.value, type, parser).value]);
    } else {
      if (sawDefault && source) {
        parser.error(stmt.range, `Non-default namedtuple field '${name}' cannot follow default fields`);
      }
      fields.push([name, type]);
    }
  }
  return NamedTupleType.create(qualifiedName, fields);
}
