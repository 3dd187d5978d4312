#!/usr/bin/env node
// Writes packages/tensor/src/generated/op-types.ts: the TypeScript signatures of every op of
// @tsjit/ops, as Tensor methods (ops whose first argument is `Tensor self`) and as functions.
// One TS overload per schema: positional arguments in PyTorch's order, then an options object with
// the keyword-only arguments (and the defaulted ones, by camelCase name).
//   node tooling/scripts/gen-tensor-api.mjs [--check]   (reads the built packages/ops)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = join(root, 'packages', 'tensor', 'src', 'generated', 'op-types.ts');

export async function generate() {
  const { allOps, OpRegistry, camel } = await import(join(root, 'packages', 'ops', 'dist', 'index.js'));
  const registry = new OpRegistry(allOps);
  const RESERVED = new Set([
    'in',
    'default',
    'function',
    'var',
    'let',
    'new',
    'delete',
    'class',
    'return',
    'this',
    'void',
    'with',
    'import',
    'export',
    'enum',
    'case',
    'switch',
  ]);
  const ident = (name) => {
    const c = camel(name);
    return RESERVED.has(c) ? `${c}_` : c;
  };

  function tsType(type, real) {
    const k = type.kind;
    if (k === 'OptionalType') return `${tsType(type.elementType, real?.elementType ?? real)} | null`;
    if (k === 'ListType') {
      const e = tsType(type.elementType, real?.elementType);
      const inner = e.includes('|') ? `(${e})` : e;
      return type.elementType.kind === 'IntType' || type.elementType.kind === 'SymIntType'
        ? `${inner}[] | number`
        : `${inner}[]`;
    }
    if (k === 'TupleType')
      return `[${type
        .containedTypes()
        .map((t) => tsType(t))
        .join(', ')}]`;
    const r = real?.kind;
    if (r === 'ScalarTypeType') return 'DType';
    if (r === 'LayoutType' || r === 'MemoryFormatType') return 'string | number';
    switch (k) {
      case 'TensorType':
        return 'Tensor';
      case 'IntType':
      case 'SymIntType':
      case 'FloatType':
        return 'number';
      case 'NumberType':
        return 'Scalar';
      case 'BoolType':
        return 'boolean';
      case 'StringType':
        return 'string';
      case 'DeviceObjType':
        return 'string';
      case 'NoneType':
        return 'null';
      default:
        return 'unknown';
    }
  }

  function returnType(schema) {
    const rs = schema.returns.map((r) => tsType(r.type, r.realType));
    if (rs.length === 0) return 'void';
    // Lists come back read-only (a tensor's own sizes may be returned as they are).
    const ret = (t) =>
      t.endsWith('[] | number') ? `readonly ${t.replace('[] | number', '[]')}` : t.endsWith('[]') ? `readonly ${t}` : t;
    if (rs.length === 1) return ret(rs[0]);
    return `[${rs.map(ret).join(', ')}]`;
  }

  function signature(schema, skipSelf) {
    const args = schema.arguments.slice(skipSelf ? 1 : 0);
    const positional = args.filter((a) => !a.kwargOnly);
    const params = [];
    let optionalStarted = false;
    for (const a of positional) {
      const t = tsType(a.type, a.realType);
      if (a.hasDefault) optionalStarted = true;
      params.push(`${ident(a.name)}${optionalStarted ? '?' : ''}: ${t}`);
    }
    const keyword = args.filter((a) => a.kwargOnly || a.hasDefault);
    if (keyword.length) {
      // A required options object (a keyword-only `out`) cannot follow optional positionals in TS.
      const required = keyword.some((a) => a.kwargOnly && !a.hasDefault) && !optionalStarted;
      const fields = keyword.map(
        (a) => `${camel(a.name)}${a.kwargOnly && !a.hasDefault ? '' : '?'}: ${tsType(a.type, a.realType)}`,
      );
      params.push(`options${required ? '' : '?'}: { ${fields.join('; ')} }`);
    }
    return `(${params.join(', ')}): ${returnType(schema)}`;
  }

  /** `view(...size: number[])`: the separate-ints form PyTorch accepts when an int list comes last. */
  function varargsSignature(schema, skipSelf) {
    const args = schema.arguments.slice(skipSelf ? 1 : 0);
    const positional = args.filter((a) => !a.kwargOnly);
    const last = positional[positional.length - 1];
    if (last?.type.kind !== 'ListType') return null;
    const element = last.type.elementType.kind;
    if (element !== 'IntType' && element !== 'SymIntType') return null;
    const params = positional.slice(0, -1).map((a) => `${ident(a.name)}: ${tsType(a.type, a.realType)}`);
    if (positional.slice(0, -1).some((a) => a.hasDefault)) return null;
    params.push(`...${ident(last.name)}: number[]`);
    return `(${params.join(', ')}): ${returnType(schema)}`;
  }
  const withVarargs = (overloads, skipSelf) => {
    const sigs = overloads.map((o) => signature(o.schema, skipSelf));
    for (const o of overloads) {
      const v = varargsSignature(o.schema, skipSelf);
      if (v) sigs.push(v);
    }
    return [...new Set(sigs)];
  };

  const methods = [];
  const functions = [];
  const groups = [...registry.byCamelName().entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, overloads] of groups) {
    const fnSigs = withVarargs(overloads, false);
    for (const s of fnSigs) functions.push(`  ${name}${s};`);
    const selfOverloads = overloads.filter(
      (o) => o.schema.arguments[0]?.name === 'self' && o.schema.arguments[0].type.kind === 'TensorType',
    );
    if (
      // a method where some overload takes `Tensor self` first (sum also has `sum.int(int[] self)`)
      selfOverloads.length > 0
    ) {
      const mSigs = withVarargs(selfOverloads, true);
      for (const s of mSigs) methods.push(`  ${name}${s};`);
    }
  }
  return `// Generated by tooling/scripts/gen-tensor-api.mjs from the schemas of @tsjit/ops: do not edit.
// Regenerate with \`node tooling/scripts/gen-tensor-api.mjs\` after adding or changing an op.
import type { DType, Scalar } from '@tsjit/ops';
import type { Tensor } from '../tensor.js';

/** One method per op whose first argument is \`Tensor self\`. */
export interface TensorOpMethods {
${methods.join('\n')}
}

/** Every op as a function (\`torch.add(a, b)\`), by camelCase name. */
export interface OpFunctions {
${functions.join('\n')}
}
`;
}

const text = await generate();
if (process.argv.includes('--check')) {
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current !== text) {
    console.error(
      'packages/tensor/src/generated/op-types.ts is out of date: run node tooling/scripts/gen-tensor-api.mjs',
    );
    process.exit(1);
  }
  console.log('gen-tensor-api: up to date');
} else {
  writeFileSync(target, text);
  console.log(`wrote ${target}`);
}
