import { LRScheduler, type LRSchedulerOptions } from './lr-scheduler.js';
import type { Optimizer } from './optimizer.js';

export interface CosineAnnealingLROptions extends LRSchedulerOptions {
  /** The minimum lr; default 0. */
  etaMin?: number;
}

/** Python's `%` on numbers: the result takes the divisor's sign. */
function pyMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && r < 0 !== b < 0 ? r + b : r;
}

/**
 * PyTorch 1.13's `CosineAnnealingLR` (SGDR's schedule without restarts): the chainable form, which follows the
 * cosine from the groups' current lrs, so that the lr climbs back after `TMax` epochs as PyTorch's does.
 */
export class CosineAnnealingLR extends LRScheduler {
  TMax: number;
  etaMin: number;

  constructor(optimizer: Optimizer<object>, TMax: number, options: CosineAnnealingLROptions = {}) {
    super(optimizer, options);
    this.TMax = TMax;
    this.etaMin = options.etaMin ?? 0;
    this.initialStep();
  }

  protected override ownFields(): readonly [string, string][] {
    return [
      ['T_max', 'TMax'],
      ['eta_min', 'etaMin'],
    ];
  }

  protected getLr(): number[] {
    this.checkGetLrCall();
    const { lastEpoch: e, TMax, etaMin } = this;
    const groups = this.optimizer.paramGroups;
    if (e === 0) return groups.map((g) => g.lr as number);
    if (this.stepCount === 1 && e > 0) {
      return this.baseLrs.map((base) => etaMin + ((base - etaMin) * (1 + Math.cos((e * Math.PI) / TMax))) / 2);
    }
    if (pyMod(e - 1 - TMax, 2 * TMax) === 0) {
      return groups.map((g, i) => (g.lr as number) + ((this.baseLrs[i] - etaMin) * (1 - Math.cos(Math.PI / TMax))) / 2);
    }
    return groups.map(
      (g) =>
        ((1 + Math.cos((Math.PI * e) / TMax)) / (1 + Math.cos((Math.PI * (e - 1)) / TMax))) *
          ((g.lr as number) - etaMin) +
        etaMin,
    );
  }

  protected override closedFormLr(): number[] {
    const { lastEpoch: e, TMax, etaMin } = this;
    return this.baseLrs.map((base) => etaMin + ((base - etaMin) * (1 + Math.cos((Math.PI * e) / TMax))) / 2);
  }
}
