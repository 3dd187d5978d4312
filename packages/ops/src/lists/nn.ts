import type { Op } from '../core/define-op.js';

/** The nn ops (see src/op-list.ts). */
export const nnOps: readonly Op[] = [];
