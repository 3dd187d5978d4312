import { type EnumMember, EnumType, type JitType } from '@tsjit/ir';
import type { ClassDef } from '../../ast.js';
import { evaluateConstant } from './evaluate-constant.js';
import type { ScriptTypeParser } from './script-type-parser.js';

/**
 * An Enum class (`class Color(Enum): RED = 1`): its members in order and their value type, which
 * must be one of int, float and str, the same for every member (PyTorch's importEnum).
 */
export function declareEnum(def: ClassDef, qualifiedName: string, parser: ScriptTypeParser): EnumType {
  const source = parser.dialect === 'source';
  const members: EnumMember[] = [];
  let valueType: JitType | undefined;
  for (const stmt of def.body) {
    if (source && (stmt.kind === 'Pass' || (stmt.kind === 'Expr' && stmt.value.kind === 'Str'))) continue;
    if (stmt.kind !== 'Assign' || stmt.targets.length !== 1 || stmt.targets[0]?.kind !== 'Name') {
      parser.error(
        stmt.range,
        'Unexpected statement in Enum class body: only enum attribute definitions are currently supported.',
      );
    }
    const target = stmt.targets[0];
    const value = stmt.value;
    const isLiteral =
      value.kind === 'Str' ||
      value.kind === 'Number' ||
      (value.kind === 'UnaryOp' && (value.op === '-' || value.op === '+') && value.operand.kind === 'Number');
    if (!isLiteral || (value.kind === 'Number' && value.numberKind === 'imaginary')) {
      parser.error(
        value.range,
        `Unsupported enum value type: ${value.kind}. Only Integers, Floats and Strings are supported.`,
      );
    }
    const constant = evaluateConstant(value, undefined, parser);
    if (valueType === undefined) valueType = constant.type;
    else if (!valueType.equals(constant.type))
      parser.error(stmt.range, 'Enum class with varying value types are not supported.');
    if (members.some((m) => m.name === target.id))
      parser.error(target.range, `enum member '${target.id}' is defined twice`);
    const v = constant.value;
    members.push({
      name: target.id,
      value: typeof v === 'string' ? v : Number((v as { value: number | bigint }).value),
    });
  }
  if (!valueType) parser.error(def.range, `No enum values defined for ${qualifiedName}`);
  return EnumType.named(qualifiedName, { valueType, members });
}
