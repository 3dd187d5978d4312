import { defineOp } from '../core/define-op.js';
import { directionalSplitOp } from '../groups/directional-split-op.js';

export const dsplit = defineOp({
  schemas: [
    'aten::dsplit.int(Tensor(a -> *) self, int sections) -> Tensor(a)[]',
    'aten::dsplit.array(Tensor(a -> *) self, int[] indices) -> Tensor(a)[]',
  ],
  ...directionalSplitOp('dsplit'),
});
