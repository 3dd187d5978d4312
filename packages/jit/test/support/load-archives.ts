import { readFileSync } from 'node:fs';
import { CallCancelledError, ScriptRuntimeError } from '@tsjit/interpreter';
import { InternalError, JitError } from '@tsjit/ir';
import { KernelError } from '@tsjit/kernels';
import { ZipReader, ZipWriter } from '@tsjit/serialize';
import { decodeValue, type FixtureValue } from '../../src/testing/fixture-values.js';

/**
 * The package's own small archives for the loader's error and fuzz tests, written by
 * tooling/fixtures/gen_load_archives.py (PyTorch 1.13), and helpers to take them apart and put
 * them back together as valid zips.
 */

const DIR = new URL('../fixtures/load-archives/', import.meta.url);

export const OWN_ARCHIVES = ['attributes', 'classes', 'traced_constants', 'state'] as const;
export type OwnArchive = (typeof OWN_ARCHIVES)[number];

export interface ArchiveCall {
  readonly method: string;
  readonly inputs: readonly FixtureValue[];
  readonly outputs: FixtureValue;
}

const cases = JSON.parse(readFileSync(new URL('cases.json', DIR), 'utf8')) as {
  cases: Record<OwnArchive, ArchiveCall>;
};

export function ownArchive(name: OwnArchive): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`${name}.pt`, DIR)));
}

export function ownCall(name: OwnArchive): ArchiveCall {
  return cases.cases[name];
}

/** Decodes a call's inputs (fresh tensors each time: calls may mutate them). */
export function callInputs(call: { readonly inputs: readonly FixtureValue[] }, caseDir?: string): unknown[] {
  return call.inputs.map((v) => decodeValue(v, { caseDir }));
}

/** The records of a zip in their order, decompressed. */
export function readRecords(bytes: Uint8Array): Map<string, Uint8Array> {
  const zip = ZipReader.open(bytes);
  const records = new Map<string, Uint8Array>();
  for (const entry of zip.entries) records.set(entry.name, zip.read(entry.name));
  return records;
}

/** A valid zip of these records (stored, in map order). */
export function writeRecords(records: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const writer = new ZipWriter();
  for (const [name, bytes] of records) writer.writeRecord(name, bytes);
  return writer.finish();
}

/** The archive with its records changed by `edit` (which may add, delete or replace records). */
export function editArchive(bytes: Uint8Array, edit: (records: Map<string, Uint8Array>) => void): Uint8Array {
  const records = readRecords(bytes);
  edit(records);
  return writeRecords(records);
}

/** The name of the record ending with `suffix` (the archive root differs between archives). */
export function recordName(records: ReadonlyMap<string, Uint8Array>, suffix: string): string {
  for (const name of records.keys()) if (name.endsWith(`/${suffix}`)) return name;
  throw new Error(`no record ending with ${suffix}`);
}

export const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/**
 * Why an error a load or a call threw is not an acceptable failure for hostile input, or null
 * when it is: a JitError (or a KernelError, the kernels' typed error) that is not an
 * InternalError. A ScriptRuntimeError wraps whatever a call threw (its `cause`), so the wrapped
 * error is judged in its place: a TypeError or RangeError inside a call is a bug too. (Other
 * typed errors keep a native error as their cause on purpose, e.g. a ZipError over zlib's.)
 */
export function unacceptableError(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 20; depth++) {
    if (InternalError.isInstance(current)) return `an InternalError: ${describe(current)}`;
    if (!JitError.isInstance(current) && !KernelError.isInstance(current)) {
      return current === error
        ? `not a typed error: ${describe(error)}`
        : `a call failed with an untyped error: ${describe(current)}\n(reported as ${describe(error)})`;
    }
    if (!ScriptRuntimeError.isInstance(current)) return null;
    const cause = (current as { cause?: unknown }).cause;
    if (cause === undefined) return null;
    current = cause;
  }
  return null;
}

export function describe(error: unknown): string {
  if (error instanceof Error) {
    const lines = error.message.split('\n').filter((l) => l.trim() !== '');
    return `${error.name}: ${lines.at(-1) ?? ''}\n${error.stack?.split('\n').slice(1, 8).join('\n') ?? ''}`;
  }
  return String(error);
}

/** The class name the tally of a fuzz run counts an error under (the error's own, or a call's cause). */
export function errorClass(error: unknown): string {
  if (CallCancelledError.isInstance(error)) return 'CallCancelledError';
  return error instanceof Error ? error.name.replace(/^_+/, '') : typeof error;
}
