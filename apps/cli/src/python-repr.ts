import type { DictType, JitType, ListType, OptionalType, TupleType } from '@tsjit/ir';
import { Tensor } from '@tsjit/tensor';

/**
 * A value the jit API returned, printed as Python prints it (`repr`): tensors as PyTorch shows
 * them, tuples in parentheses, `True`/`None`, strings quoted. The declared type tells an integral
 * float (`2.0`) from an int (`2`): the jit API returns both as plain numbers.
 */
export function pythonRepr(value: unknown, type?: JitType): string {
  const t = type?.kind === 'OptionalType' && value !== null ? (type as OptionalType).elementType : type;
  if (value === null || value === undefined) return 'None';
  if (value instanceof Tensor) return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    const integral = Number.isInteger(value) && !Object.is(value, -0);
    return integral && t?.kind !== 'FloatType' ? String(value) : pythonFloat(value);
  }
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) {
    const elementType = (i: number) =>
      t?.kind === 'TupleType'
        ? (t as TupleType).elements[i]
        : t?.kind === 'ListType'
          ? (t as ListType).elementType
          : undefined;
    const items = value.map((v, i) => pythonRepr(v, elementType(i)));
    if (!Object.isFrozen(value)) return `[${items.join(', ')}]`;
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  if (value instanceof Map) {
    const keyType = t?.kind === 'DictType' ? (t as DictType).keyType : undefined;
    const valueType = t?.kind === 'DictType' ? (t as DictType).valueType : undefined;
    const pairs = [...value].map(([k, v]) => `${pythonRepr(k, keyType)}: ${pythonRepr(v, valueType)}`);
    return `{${pairs.join(', ')}}`;
  }
  const typeName = (value as { type?: { qualifiedName?: unknown } }).type?.qualifiedName;
  if (typeof typeName === 'string') return `<${typeName} object>`;
  return String(value);
}

/** Python's repr of a float: the shortest round-tripping digits, exponent form outside [1e-4, 1e16). */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, exp] = Math.abs(x).toExponential().split('e');
  const e = Number(exp);
  const digits = mantissa.replace('.', '');
  const sign = x < 0 ? '-' : '';
  if (e < -4 || e >= 16) {
    const m = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    return `${sign}${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const whole = digits.slice(0, e + 1).padEnd(e + 1, '0');
  const frac = digits.slice(e + 1);
  return `${sign}${whole}.${frac === '' ? '0' : frac}`;
}

/** Python's repr of a str: single quotes unless the text holds one and no double quote. */
export function pythonString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0) as number;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}
