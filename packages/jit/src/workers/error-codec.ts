import { FrontendError } from '@tsjit/frontend';
import { CallCancelledError, ScriptRuntimeError } from '@tsjit/interpreter';
import { CodePrintError, InternalError, IRParseError, JitError, SchemaParseError } from '@tsjit/ir';
import { KernelError } from '@tsjit/kernels';
import { OpError } from '@tsjit/ops';
import { NpyError } from '@tsjit/tensor';
import { ValueCodecError } from './value-codec-error.js';

/**
 * Errors thrown on a worker thread, rebuilt on the calling thread as the same class. Structured
 * clone would turn a ScriptRuntimeError into a plain Error without its `pythonType` and `frames`,
 * and `instanceof`/`isInstance` would fail; so an error travels as its class's marker, message,
 * stack and own data properties, and is rebuilt here against this thread's copy of the class.
 */
export interface EncodedError {
  /** The `description` of the class's `marker` symbol (`tsjit.OpError`), or null for other errors. */
  readonly marker: string | null;
  /** The error's `name` (`TypeError`, `OpError`, ...). */
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
  /** Own enumerable properties that survive structured clone (`code`, `pyType`, `frames`, ...). */
  readonly properties: Record<string, unknown>;
  readonly cause?: EncodedError | { readonly value: unknown };
}

interface MarkedClass {
  readonly marker?: symbol;
  readonly prototype: Error;
}

// Classes are found by marker rather than by `name`: a bundler may rename a class, never its
// marker (a Symbol.for key).
const classes = new Map<string, MarkedClass>();

/**
 * Lets errors of `errorClass` cross threads as themselves. `key` is the description of the class's
 * marker symbol: a JitError subclass's static `marker` by default; KernelError, which marks its
 * instances without being a JitError, names it.
 */
export function registerErrorClass(errorClass: MarkedClass, key = errorClass.marker?.description): void {
  if (key === undefined) throw new TypeError('registerErrorClass: the class has no marker');
  classes.set(key, errorClass);
}

for (const errorClass of [
  JitError,
  InternalError,
  IRParseError,
  SchemaParseError,
  CodePrintError,
  OpError,
  FrontendError,
  NpyError,
  ValueCodecError,
  CallCancelledError,
  ScriptRuntimeError,
]) {
  registerErrorClass(errorClass);
}
registerErrorClass(KernelError, 'tsjit.KernelError');

const SKIPPED = new Set(['name', 'message', 'stack', 'cause']);

/** An error (or any thrown value) as a structured-clone-safe record. */
export function encodeError(error: unknown): EncodedError {
  if (!(error instanceof Error)) {
    return { marker: null, name: 'Error', message: String(error), stack: undefined, properties: {} };
  }
  const marker = markerOf(error);
  const properties: Record<string, unknown> = {};
  for (const key of Object.keys(error)) {
    if (SKIPPED.has(key)) continue;
    const value = (error as unknown as Record<string, unknown>)[key];
    try {
      properties[key] = structuredClone(value);
    } catch {
      // A property that cannot be cloned (a function, a tensor's internals) stays behind.
    }
  }
  const encoded: EncodedError = {
    marker,
    name: error.name,
    message: error.message,
    stack: error.stack,
    properties,
  };
  if ('cause' in error && error.cause !== undefined) {
    const cause = error.cause;
    let encodedCause: EncodedError | { value: unknown };
    if (cause instanceof Error) encodedCause = encodeError(cause);
    else {
      try {
        encodedCause = { value: structuredClone(cause) };
      } catch {
        encodedCause = { value: String(cause) };
      }
    }
    return { ...encoded, cause: encodedCause };
  }
  return encoded;
}

/**
 * The error `encodeError` encoded, as an instance of this thread's class of the same marker (a
 * built-in class such as TypeError by name, Error otherwise). `callerStack` (a stack captured
 * where the call was made on this thread) is appended to the worker's stack, so the trace shows
 * both where the error happened and who asked for the call.
 */
export function decodeError(encoded: EncodedError, callerStack?: string): Error {
  const known = encoded.marker !== null ? classes.get(encoded.marker) : undefined;
  // A JitError of a class this thread has not registered is still a JitError here.
  const errorClass = known ?? (encoded.marker !== null ? (JitError as MarkedClass) : builtinClass(encoded.name));
  // Reflect.construct with Error as the target makes a real Error (stack capture and all) whose
  // prototype is the class's, without running the class's constructor, whose arguments differ
  // from class to class and which may compute the message again.
  const error = Reflect.construct(Error, [encoded.message], errorClass as unknown as typeof Error) as Error;
  Object.defineProperty(error, 'name', { value: encoded.name, writable: true, enumerable: true, configurable: true });
  for (const [key, value] of Object.entries(encoded.properties)) {
    Object.defineProperty(error, key, { value, writable: true, enumerable: true, configurable: true });
  }
  // The markers the constructors would have set: the concrete class's, and from it up to JitError.
  if (known !== undefined && encoded.marker !== null) {
    Object.defineProperty(error, Symbol.for(encoded.marker), { value: true, enumerable: false });
  }
  let ctor: unknown = errorClass;
  while (typeof ctor === 'function') {
    const marker = (ctor as { marker?: unknown }).marker;
    if (typeof marker === 'symbol') Object.defineProperty(error, marker, { value: true, enumerable: false });
    if (ctor === JitError) break;
    ctor = Object.getPrototypeOf(ctor);
  }
  if (encoded.cause !== undefined) {
    const cause = 'value' in encoded.cause ? encoded.cause.value : decodeError(encoded.cause);
    Object.defineProperty(error, 'cause', { value: cause, writable: true, enumerable: false, configurable: true });
  }
  const here = callerStack === undefined ? '' : callerStack.slice(callerStack.indexOf('\n') + 1);
  const stack = encoded.stack ?? `${encoded.name}: ${encoded.message}`;
  Object.defineProperty(error, 'stack', {
    value: here === '' ? stack : `${stack}\n    at <worker thread> (the call was made from:)\n${here}`,
    writable: true,
    enumerable: false,
    configurable: true,
  });
  return error;
}

// The static marker of a JitError subclass, or a registered marker the instance carries itself.
function markerOf(error: Error): string | null {
  const marker = (error.constructor as { marker?: unknown }).marker;
  if (typeof marker === 'symbol' && marker.description !== undefined) return marker.description;
  for (const symbol of Object.getOwnPropertySymbols(error)) {
    const key = symbol.description;
    if (key !== undefined && classes.has(key) && (error as unknown as Record<symbol, unknown>)[symbol] === true)
      return key;
  }
  return null;
}

const BUILTIN_ERRORS: Record<string, MarkedClass | undefined> = {
  TypeError: TypeError as unknown as MarkedClass,
  RangeError: RangeError as unknown as MarkedClass,
  SyntaxError: SyntaxError as unknown as MarkedClass,
  ReferenceError: ReferenceError as unknown as MarkedClass,
  EvalError: EvalError as unknown as MarkedClass,
  URIError: URIError as unknown as MarkedClass,
};

function builtinClass(name: string): MarkedClass {
  return BUILTIN_ERRORS[name] ?? (Error as unknown as MarkedClass);
}
