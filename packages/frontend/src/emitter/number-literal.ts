import { type ComplexValue, complexValue, type FloatValue, floatValue, type IntValue, intValue } from '@tsjit/ir';

const INT64_MAX = 2n ** 63n - 1n;

/**
 * The value of a Python number literal as TorchScript reads it: ints (decimal, `0x`, `0o`, `0b`,
 * with `_` separators) must fit in int64; floats are doubles; `2j` is a complex. Undefined for
 * an int beyond int64.
 */
export function numberLiteralValue(
  text: string,
  kind: 'int' | 'float' | 'imaginary',
): IntValue | FloatValue | ComplexValue | undefined {
  const clean = text.replace(/_/g, '');
  if (kind === 'imaginary') return complexValue(0, Number(clean.slice(0, -1)));
  if (kind === 'float') return floatValue(Number(clean));
  let value: bigint;
  const lower = clean.toLowerCase();
  if (lower.startsWith('0x') || lower.startsWith('0o') || lower.startsWith('0b')) value = BigInt(lower);
  else value = BigInt(clean);
  if (value > INT64_MAX) return undefined;
  return intValue(value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value);
}
