/**
 * Python's repr of the values layers print in their `extraRepr` (PyTorch's module reprs): floats
 * as Python writes them (`1e-05`, `0.1`, `1.0`), ints, True/False/None, strings in single quotes,
 * and arrays as tuples (`(3, 3)`).
 */
export function reprFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (Object.is(x, -0)) return '-0.0';
  const [mantissa, exp] = x.toExponential().split('e');
  const e = Number(exp);
  if (e >= -4 && e < 16) {
    const s = String(x);
    return s.includes('.') ? s : `${s}.0`;
  }
  const sign = e < 0 ? '-' : '+';
  return `${mantissa}e${sign}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** repr of an int, bool, None, string or tuple (floats: reprFloat). */
export function reprValue(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return v.length === 1 ? `(${reprValue(v[0])},)` : `(${v.map(reprValue).join(', ')})`;
  return String(v);
}
