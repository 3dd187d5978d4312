/** `==` / `!=` overloads on devices and tensor lists. */
import type { ImplFn } from '../core/define-op.js';
import { listEquals } from './py-lists.js';
import { deviceText } from './py-values.js';

export function deviceCompare(op: 'eq' | 'ne'): ImplFn {
  return ({ a, b }) => (deviceText(a) === deviceText(b)) === (op === 'eq');
}

/** Lists of tensors compare elementwise, each pair by its (one-element) `==`. */
export function tensorListCompare(op: 'eq' | 'ne'): ImplFn {
  return ({ a, b }, ctx) => listEquals(ctx, a, b) === (op === 'eq');
}
