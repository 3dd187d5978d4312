import { JitError } from './jit-error.js';

/**
 * A graph cannot be printed as TorchScript code: a loop that an optimization turned into a form
 * that is neither `for` nor `while`, or (when printing for an archive) something that would not
 * load back, such as a method without exactly one return value. PyTorch raises the same refusals.
 */
export class CodePrintError extends JitError {
  static override readonly marker: symbol = Symbol.for('tsjit.CodePrintError');

  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_TSJIT_CODE_PRINT', message, options);
  }
}
