import { OpError } from '../core/op-error.js';

/**
 * An exception a TorchScript program raised (`raise ValueError("...")`, prim::RaiseException):
 * the message, and the qualified name of the Python class when the compiler knew it
 * (`builtins.ValueError`). PyTorch surfaces it as torch.jit.Error, a RuntimeError.
 */
export class ScriptException extends OpError {
  static override readonly marker: symbol = Symbol.for('tsjit.ScriptException');

  readonly pythonClass: string | null;

  constructor(message: string, pythonClass: string | null) {
    super(message, 'RuntimeError');
    this.pythonClass = pythonClass;
  }
}
