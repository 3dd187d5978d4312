import { LRScheduler, type LRSchedulerOptions } from './lr-scheduler.js';
import type { Optimizer } from './optimizer.js';

export interface StepLROptions extends LRSchedulerOptions {
  /** The factor applied every `stepSize` epochs; default 0.1. */
  gamma?: number;
}

/** PyTorch 1.13's `StepLR`: multiplies each group's lr by `gamma` every `stepSize` epochs. */
export class StepLR extends LRScheduler {
  stepSize: number;
  gamma: number;

  constructor(optimizer: Optimizer<object>, stepSize: number, options: StepLROptions = {}) {
    super(optimizer, options);
    this.stepSize = stepSize;
    this.gamma = options.gamma ?? 0.1;
    this.initialStep();
  }

  protected override ownFields(): readonly [string, string][] {
    return [
      ['step_size', 'stepSize'],
      ['gamma', 'gamma'],
    ];
  }

  protected getLr(): number[] {
    this.checkGetLrCall();
    const lrs = this.optimizer.paramGroups.map((g) => g.lr as number);
    if (this.lastEpoch === 0 || this.lastEpoch % this.stepSize !== 0) return lrs;
    return lrs.map((lr) => lr * this.gamma);
  }

  protected override closedFormLr(): number[] {
    return this.baseLrs.map((base) => base * this.gamma ** Math.floor(this.lastEpoch / this.stepSize));
  }
}
