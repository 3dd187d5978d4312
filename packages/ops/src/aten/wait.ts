import { defineOp } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';

/** torch.jit.wait(future): the value of a Future (an object with a `wait()` method). */
export const wait = defineOp({
  schemas: ['aten::wait(Future(t) self) -> t'],
  impl: ({ self }) => {
    if (typeof self?.wait !== 'function') throw new OpError('wait() expects a Future', 'TypeError');
    return self.wait();
  },
  nondifferentiable: 'returns a Python value, not a tensor',
  samples: (S) => [S.error('wait', [1], 'Future')],
});
