import { addbmm } from '../aten/addbmm.js';
import { addmm } from '../aten/addmm.js';
import { addmv } from '../aten/addmv.js';
import { baddbmm } from '../aten/baddbmm.js';
import { bilinear } from '../aten/bilinear.js';
import { bmm } from '../aten/bmm.js';
import { dot } from '../aten/dot.js';
import { einsum } from '../aten/einsum.js';
import { ger } from '../aten/ger.js';
import { kron } from '../aten/kron.js';
import { linalgMatrixPower } from '../aten/linalg-matrix-power.js';
import { linear } from '../aten/linear.js';
import { matmul } from '../aten/matmul.js';
import { matrixPower } from '../aten/matrix-power.js';
import { mm } from '../aten/mm.js';
import { mv } from '../aten/mv.js';
import { outer } from '../aten/outer.js';
import { tensordot } from '../aten/tensordot.js';
import { trace } from '../aten/trace.js';
import { vdot } from '../aten/vdot.js';
import type { Op } from '../core/define-op.js';

/** The linalg ops (see src/op-list.ts). */
export const linalgOps: readonly Op[] = [
  matmul,
  mm,
  mv,
  bmm,
  addmm,
  addmv,
  addbmm,
  baddbmm,
  dot,
  vdot,
  outer,
  ger,
  einsum,
  linear,
  bilinear,
  tensordot,
  kron,
  trace,
  matrixPower,
  linalgMatrixPower,
];
