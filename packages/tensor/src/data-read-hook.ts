/**
 * One hook point where tensor data turns into JS values (or JS values into tensor data), so that
 * the tracer of @tsjit/jit can warn where a trace bakes data in (PyTorch's TracerWarnings). It is a
 * single module variable: the cost when nobody traces is one null check.
 */
import type { Tensor } from './tensor.js';

/**
 * What happened: `item`, `toArray` (nested or flat values), `toNumber` (a tensor used as a JS
 * number or in a comparison: Symbol.toPrimitive), `iterate` (a `for...of` over a tensor) and
 * `fromData` (a tensor made from JS data: `tensor`, `fromArray`).
 */
export type DataReadKind = 'item' | 'toArray' | 'toNumber' | 'iterate' | 'fromData';

export type DataReadHook = (kind: DataReadKind, tensor: Tensor) => void;

let hook: DataReadHook | null = null;

/** Installs `next` (null: none); returns the hook it replaces, to restore when done. */
export function setDataReadHook(next: DataReadHook | null): DataReadHook | null {
  const previous = hook;
  hook = next;
  return previous;
}

/** Reports a data read to the hook, if one is installed. */
export function notifyDataRead(kind: DataReadKind, tensor: Tensor): void {
  if (hook !== null) hook(kind, tensor);
}
