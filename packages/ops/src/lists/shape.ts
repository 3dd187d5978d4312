import type { Op } from '../core/define-op.js';

/** The shape ops (see src/op-list.ts). */
export const shapeOps: readonly Op[] = [];
