import { LRScheduler, type LRSchedulerOptions, type LRSchedulerStateDict } from './lr-scheduler.js';
import { OptimError } from './optim-error.js';
import type { Optimizer } from './optimizer.js';

/** The factor of the initial lr at an epoch. */
export type LrLambda = (epoch: number) => number;

/**
 * PyTorch 1.13's `LambdaLR`: each group's lr is its initial lr times `lrLambda(epoch)` (one function for every
 * group, or one per group).
 */
export class LambdaLR extends LRScheduler {
  lrLambdas: LrLambda[];

  constructor(
    optimizer: Optimizer<object>,
    lrLambda: LrLambda | readonly LrLambda[],
    options: LRSchedulerOptions = {},
  ) {
    super(optimizer, options);
    const n = optimizer.paramGroups.length;
    if (typeof lrLambda === 'function') this.lrLambdas = Array.from({ length: n }, () => lrLambda);
    else {
      if (lrLambda.length !== n) throw new OptimError(`Expected ${n} lr_lambdas, but got ${lrLambda.length}`);
      this.lrLambdas = [...lrLambda];
    }
    this.initialStep();
  }

  protected getLr(): number[] {
    this.checkGetLrCall();
    return this.baseLrs.map((base, i) => base * this.lrLambdas[i](this.lastEpoch));
  }

  /**
   * PyTorch's keys with `lr_lambdas` last: PyTorch saves a callable object's `__dict__` there and None for a
   * plain function; every JS lambda counts as a plain function.
   */
  override stateDict(): LRSchedulerStateDict {
    return { ...super.stateDict(), lr_lambdas: this.lrLambdas.map(() => null) };
  }
}
