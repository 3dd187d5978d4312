import type { Op } from './core/define-op.js';
import { activationsOps } from './lists/activations.js';
import { builtinsOps } from './lists/builtins.js';
import { creationOps } from './lists/creation.js';
import { indexingOps } from './lists/indexing.js';
import { linalgOps } from './lists/linalg.js';
import { lossesOps } from './lists/losses.js';
import { nnOps } from './lists/nn.js';
import { pointwiseOps } from './lists/pointwise.js';
import { quantizedOps } from './lists/quantized.js';
import { queriesOps } from './lists/queries.js';
import { reductionsOps } from './lists/reductions.js';
import { shapeOps } from './lists/shape.js';
import { viewsOps } from './lists/views.js';

/** Every op, explicitly: nothing registers itself by being imported. */
export const allOps: readonly Op[] = [
  ...pointwiseOps,
  ...reductionsOps,
  ...viewsOps,
  ...indexingOps,
  ...creationOps,
  ...linalgOps,
  ...nnOps,
  ...lossesOps,
  ...activationsOps,
  ...shapeOps,
  ...queriesOps,
  ...builtinsOps,
  ...quantizedOps,
];
