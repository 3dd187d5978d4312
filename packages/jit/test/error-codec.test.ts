import { CallCancelledError, ScriptRuntimeError } from '@tsjit/interpreter';
import { InternalError, JitError } from '@tsjit/ir';
import { KernelError } from '@tsjit/kernels';
import { OpError } from '@tsjit/ops';
import { describe, expect, it } from 'vitest';
import { decodeError, encodeError } from '../src/workers/error-codec.js';

// What postMessage does between the worker's encodeError and the caller's decodeError.
const acrossThreads = (error: unknown, callerStack?: string): Error =>
  decodeError(structuredClone(encodeError(error)), callerStack);

describe('error codec', () => {
  it('rebuilds a ScriptRuntimeError with its Python type, reason, frames and cause', () => {
    const frames = [{ function: 'forward', file: '<string>', line: 3, col: 4, excerpt: 'x = y\n' }];
    const original = new ScriptRuntimeError('builtins.ValueError', 'bad', frames, new OpError('inner', 'ValueError'));
    const error = acrossThreads(original) as ScriptRuntimeError;
    expect(error).toBeInstanceOf(ScriptRuntimeError);
    expect(error).toBeInstanceOf(JitError);
    expect(error).toBeInstanceOf(Error);
    expect(ScriptRuntimeError.isInstance(error)).toBe(true);
    expect(JitError.isInstance(error)).toBe(true);
    expect(OpError.isInstance(error)).toBe(false);
    expect(error.message).toBe(original.message);
    expect(error.name).toBe('ScriptRuntimeError');
    expect(error.code).toBe('ERR_TSJIT_RUNTIME');
    expect(error.pythonType).toBe('builtins.ValueError');
    expect(error.reason).toBe('bad');
    expect(error.frames).toEqual(frames);
    const cause = error.cause as OpError;
    expect(OpError.isInstance(cause)).toBe(true);
    expect(cause.pyType).toBe('ValueError');
  });

  it('rebuilds CallCancelledError, InternalError and KernelError (marked without being a JitError)', () => {
    const cancelled = acrossThreads(new CallCancelledError('deadline'));
    expect(cancelled).toBeInstanceOf(CallCancelledError);
    expect((cancelled as CallCancelledError).reason).toBe('deadline');
    expect(InternalError.isInstance(acrossThreads(new InternalError('oops')))).toBe(true);
    const kernel = acrossThreads(new KernelError('ERR_TSJIT_ZERO_DIVISION', 'ZeroDivisionError'));
    expect(kernel).toBeInstanceOf(KernelError);
    expect(KernelError.isInstance(kernel)).toBe(true);
    expect((kernel as KernelError).code).toBe('ERR_TSJIT_ZERO_DIVISION');
  });

  it('rebuilds a JitError of a class this thread does not know as a JitError', () => {
    class StrangeError extends JitError {
      static override readonly marker: symbol = Symbol.for('tsjit.test.StrangeError');
      readonly detail = 42;
      constructor() {
        super('ERR_TSJIT_STRANGE', 'strange');
      }
    }
    const error = acrossThreads(new StrangeError()) as JitError & { detail?: number };
    expect(JitError.isInstance(error)).toBe(true);
    expect(error.code).toBe('ERR_TSJIT_STRANGE');
    expect(error.detail).toBe(42);
    expect(error.name).toBe('StrangeError');
  });

  it('rebuilds built-in errors by name, and anything else thrown as an Error', () => {
    const typeError = acrossThreads(new TypeError('no'));
    expect(typeError).toBeInstanceOf(TypeError);
    expect(typeError.message).toBe('no');
    const thrown = acrossThreads('a string');
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown.message).toBe('a string');
  });

  it("appends the caller's stack to the worker's", () => {
    const original = new OpError('boom');
    const caller = new Error('here').stack as string;
    const error = acrossThreads(original, caller);
    expect(error.stack?.startsWith(original.stack as string)).toBe(true);
    expect(error.stack).toContain('(the call was made from:)');
    expect(error.stack).toContain(caller.slice(caller.indexOf('\n') + 1));
  });
});
