import { JitError } from '@tsjit/ir';

/**
 * A graph (or the part of it gradients flow through) that the symbolic engine cannot
 * differentiate: control flow over values that require grad, an op without a derivative rule, a
 * rule that needs a tensor's data or a shape nothing knows. Callers fall back to the eager tape,
 * as PyTorch differentiates only the differentiable subgraphs it can and leaves the rest to
 * autograd.
 */
export class SymbolicGradientError extends JitError {
  static override readonly marker: symbol = Symbol.for('tsjit.SymbolicGradientError');

  constructor(message: string, options?: { cause?: unknown }) {
    super('symbolic_gradient', message, options);
  }
}
