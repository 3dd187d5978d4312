import { defineOp } from '../core/define-op.js';
import { directionalSplitOp } from '../groups/directional-split-op.js';

export const vsplit = defineOp({
  schemas: [
    'aten::vsplit.int(Tensor(a -> *) self, int sections) -> Tensor(a)[]',
    'aten::vsplit.array(Tensor(a -> *) self, int[] indices) -> Tensor(a)[]',
  ],
  ...directionalSplitOp('vsplit'),
});
