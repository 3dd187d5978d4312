import type { Node } from '@tsjit/ir';
import { OpError } from '@tsjit/ops';

/**
 * Runs a `prim::PythonOp` node: PyTorch's call into Python of an `@torch.jit.ignore`d method
 * (`name`), here a call into the host's JavaScript. Gets the node and its inputs (interpreter
 * values, `self` first), returns the output value.
 */
export type PythonOpHandler = (node: Node, inputs: readonly unknown[]) => unknown;

let handler: PythonOpHandler | undefined;

/** Sets the host's handler of `prim::PythonOp` nodes (the previous one is returned). */
export function setPythonOpHandler(next: PythonOpHandler | undefined): PythonOpHandler | undefined {
  const previous = handler;
  handler = next;
  return previous;
}

/** Calls the handler (an error naming the method when the host set none). */
export function runPythonOp(node: Node, inputs: readonly unknown[]): unknown {
  if (handler === undefined) {
    const name = node.hasAttribute('name') ? node.s('name') : '?';
    throw new OpError(
      `cannot call the @torch.jit.ignore method '${name}': it runs in the host's JavaScript, which this runtime ` +
        'does not have (a worker thread)',
    );
  }
  return handler(node, inputs);
}
