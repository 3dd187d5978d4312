import type { Op } from '../core/define-op.js';

/** The reductions ops (see src/op-list.ts). */
export const reductionsOps: readonly Op[] = [];
