import { cat } from '../aten/cat.js';
import { concat } from '../aten/concat.js';
import { diag } from '../aten/diag.js';
import { diagEmbed } from '../aten/diag-embed.js';
import { dstack } from '../aten/dstack.js';
import { flip } from '../aten/flip.js';
import { fliplr } from '../aten/fliplr.js';
import { flipud } from '../aten/flipud.js';
import { hstack } from '../aten/hstack.js';
import { repeat } from '../aten/repeat.js';
import { roll } from '../aten/roll.js';
import { stack } from '../aten/stack.js';
import { tile } from '../aten/tile.js';
import { tril } from '../aten/tril.js';
import { triu } from '../aten/triu.js';
import { vstack } from '../aten/vstack.js';
import type { Op } from '../core/define-op.js';

/** The shape ops (see src/op-list.ts). */
export const shapeOps: readonly Op[] = [
  cat,
  concat,
  stack,
  hstack,
  vstack,
  dstack,
  repeat,
  tile,
  flip,
  fliplr,
  flipud,
  roll,
  tril,
  triu,
  diagEmbed,
  diag,
];
