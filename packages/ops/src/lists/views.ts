import { adjoint } from '../aten/adjoint.js';
import { alias } from '../aten/alias.js';
import { asStrided } from '../aten/as-strided.js';
import { asStridedScatter } from '../aten/as-strided-scatter.js';
import { broadcastTensors } from '../aten/broadcast-tensors.js';
import { broadcastTo } from '../aten/broadcast-to.js';
import { chunk } from '../aten/chunk.js';
import { clone } from '../aten/clone.js';
import { contiguous } from '../aten/contiguous.js';
import { cpu } from '../aten/cpu.js';
import { detach } from '../aten/detach.js';
import { diagonal } from '../aten/diagonal.js';
import { diagonalBackward } from '../aten/diagonal-backward.js';
import { dsplit } from '../aten/dsplit.js';
import { expand } from '../aten/expand.js';
import { expandAs } from '../aten/expand-as.js';
import { flatten } from '../aten/flatten.js';
import { hsplit } from '../aten/hsplit.js';
import { mH } from '../aten/m-h.js';
import { mT } from '../aten/m-t.js';
import { matrixH } from '../aten/matrix-h.js';
import { moveaxis } from '../aten/moveaxis.js';
import { movedim } from '../aten/movedim.js';
import { narrow } from '../aten/narrow.js';
import { numpyT } from '../aten/numpy-t.js';
import { permute } from '../aten/permute.js';
import { reshape } from '../aten/reshape.js';
import { reshapeAlias } from '../aten/reshape-alias.js';
import { reshapeAs } from '../aten/reshape-as.js';
import { select } from '../aten/select.js';
import { selectBackward } from '../aten/select-backward.js';
import { slice } from '../aten/slice.js';
import { sliceBackward } from '../aten/slice-backward.js';
import { split } from '../aten/split.js';
import { splitWithSizes } from '../aten/split-with-sizes.js';
import { squeeze } from '../aten/squeeze.js';
import { swapaxes } from '../aten/swapaxes.js';
import { swapdims } from '../aten/swapdims.js';
import { t } from '../aten/t.js';
import { tensorSplit } from '../aten/tensor-split.js';
import { transpose } from '../aten/transpose.js';
import { unbind } from '../aten/unbind.js';
import { unflatten } from '../aten/unflatten.js';
import { unsafeChunk } from '../aten/unsafe-chunk.js';
import { unsafeSplit } from '../aten/unsafe-split.js';
import { unsafeSplitWithSizes } from '../aten/unsafe-split-with-sizes.js';
import { unsafeView } from '../aten/unsafe-view.js';
import { unsqueeze } from '../aten/unsqueeze.js';
import { view } from '../aten/view.js';
import { viewAs } from '../aten/view-as.js';
import { vsplit } from '../aten/vsplit.js';
import type { Op } from '../core/define-op.js';

/** The views ops (see src/op-list.ts). */
export const viewsOps: readonly Op[] = [
  view,
  viewAs,
  reshape,
  reshapeAs,
  reshapeAlias,
  permute,
  transpose,
  t,
  numpyT,
  mT,
  mH,
  adjoint,
  matrixH,
  movedim,
  moveaxis,
  swapaxes,
  swapdims,
  expand,
  expandAs,
  broadcastTo,
  broadcastTensors,
  squeeze,
  unsqueeze,
  flatten,
  unflatten,
  narrow,
  select,
  slice,
  split,
  splitWithSizes,
  chunk,
  unbind,
  tensorSplit,
  hsplit,
  vsplit,
  dsplit,
  unsafeSplit,
  unsafeSplitWithSizes,
  unsafeChunk,
  unsafeView,
  asStrided,
  asStridedScatter,
  diagonal,
  contiguous,
  cpu,
  clone,
  detach,
  alias,
  selectBackward,
  sliceBackward,
  diagonalBackward,
];
