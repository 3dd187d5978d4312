import type { Op } from '../core/define-op.js';

/** The views ops (see src/op-list.ts). */
export const viewsOps: readonly Op[] = [];
