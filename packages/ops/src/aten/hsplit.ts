import { defineOp } from '../core/define-op.js';
import { directionalSplitOp } from '../groups/directional-split-op.js';

export const hsplit = defineOp({
  schemas: [
    'aten::hsplit.int(Tensor(a -> *) self, int sections) -> Tensor(a)[]',
    'aten::hsplit.array(Tensor(a -> *) self, int[] indices) -> Tensor(a)[]',
  ],
  ...directionalSplitOp('hsplit'),
});
