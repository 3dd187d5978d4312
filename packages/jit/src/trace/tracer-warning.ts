import type { DataReadKind } from '@tsjit/tensor';
import { readByLibrary, type UserFrame, userFrame } from './user-frame.js';

/**
 * The situations where tensor data becomes a JS value during a trace (or JS data a tensor), with
 * PyTorch's TracerWarning texts said for JavaScript.
 */
const MESSAGES: Readonly<Record<DataReadKind, string>> = {
  toNumber: convert('a JavaScript number (a comparison, arithmetic, Number(x))'),
  item: convert('a JavaScript number with item()'),
  toArray: convert('a JavaScript array'),
  iterate:
    "Iterating over a tensor might cause the trace to be incorrect. Passing a tensor of different shape won't " +
    'change the number of iterations executed (and might lead to errors or silently give incorrect results).',
  fromData:
    'tensor() and fromArray() results are registered as constants in the trace. You can safely ignore this ' +
    'warning if you use this function to create tensors out of constant variables that would be the same every ' +
    'time you call this function. In any other case, this might cause the trace to be incorrect.',
};

const ITEM_BOOL = convert('a JavaScript boolean with item()');

function convert(what: string): string {
  return (
    `Converting a tensor to ${what} might cause the trace to be incorrect. We can't record the data flow of ` +
    'JavaScript values, so this value will be treated as a constant in the future. This means that the trace ' +
    'might not generalize to other inputs!'
  );
}

// Like Python's default warning filter: a situation warns once per place in the user's code, so
// the check trace (which runs the function again) does not repeat it.
const warned = new Set<string>();

/**
 * Emits a TracerWarning (`process.emitWarning`, type `TracerWarning`) for `kind`, once per place
 * in the user's code. The message starts with that place, as Python's warnings do:
 * `/app/model.ts:12: Converting a tensor to ...`. Reads made by tsjit's own library code (an nn
 * layer checking a shape) do not warn, as PyTorch ignores the TracerWarnings of its library.
 */
export function warnDataRead(kind: DataReadKind, isBool = false): void {
  if (readByLibrary()) return;
  // A bool tensor's item() is a JS boolean: say so, as PyTorch names the Python type.
  if (kind === 'item' && isBool) emitTracerWarning(ITEM_BOOL, 'itemBool', userFrame());
  else emitTracerWarning(MESSAGES[kind], kind, userFrame());
}

/** Emits `text` as a TracerWarning naming `frame`, once per (key, frame). */
export function emitTracerWarning(text: string, key: string, frame: UserFrame | undefined): void {
  const where = frame === undefined ? '' : `${frame.file}:${frame.line}`;
  const id = `${key}@${where}`;
  if (warned.has(id)) return;
  warned.add(id);
  process.emitWarning(where === '' ? text : `${where}: ${text}`, { type: 'TracerWarning' });
}
