import type { Value } from '@tsjit/ir';
import type { SugaredValue } from '../contracts.js';

/**
 * A `def` nested in a function (PyTorch's ClosureValue): a `prim::Closure` node whose block is the
 * def's body. TorchScript uses closures only as the target of `fork` (the archive code printer
 * writes every fork that way); the fork takes the closure's body as its subgraph.
 */
export class ClosureValue implements SugaredValue {
  readonly kind = 'closure';

  constructor(readonly closure: Value) {}
}
