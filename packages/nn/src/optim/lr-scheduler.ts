import { FloatScalar } from '@tsjit/ops';
import { formatPythonFloat } from '@tsjit/tensor';
import { OptimError } from './optim-error.js';
import type { Optimizer } from './optimizer.js';

const EPOCH_DEPRECATION_WARNING =
  'The epoch parameter in `scheduler.step()` was not necessary and is being deprecated where possible. Please ' +
  'use `scheduler.step()` to step the scheduler. During the deprecation, if epoch is different from None, the ' +
  'closed form is used instead of the new chainable form, where available. Please open an issue if you are ' +
  'unable to replicate your use case: https://github.com/pytorch/pytorch/issues/new/choose.';

export interface LRSchedulerOptions {
  /** The index of the last epoch when resuming; -1 (the default) starts from the groups' current lr. */
  lastEpoch?: number;
  /** Print each lr change. */
  verbose?: boolean;
}

/** A scheduler's state dict: PyTorch's keys (`base_lrs`, `last_epoch`, `_step_count`, `_last_lr`, its own options). */
export type LRSchedulerStateDict = Record<string, unknown>;

/** Fields every scheduler has, by PyTorch's name, in PyTorch's `__dict__` order. */
const BASE_FIELDS: readonly [string, string][] = [
  ['base_lrs', 'baseLrs'],
  ['last_epoch', 'lastEpoch'],
  ['verbose', 'verbose'],
  ['_step_count', 'stepCount'],
  ['_get_lr_called_within_step', 'getLrCalledWithinStep'],
  ['_last_lr', 'lastLr'],
];

function plain(v: unknown): unknown {
  if (v instanceof FloatScalar) return v.value;
  return Array.isArray(v) ? v.map(plain) : v;
}

/**
 * PyTorch 1.13's `_LRScheduler`: sets each group's `lr` at every `step()` from `getLr()` (the chainable form)
 * or, when `step(epoch)` names an epoch, from the closed form. Subclasses set their own fields and then call
 * `initialStep()` at the end of their constructor (PyTorch's base constructor does it, but a TypeScript
 * subclass cannot set fields before `super()`).
 */
export abstract class LRScheduler {
  readonly optimizer: Optimizer<object>;
  baseLrs: number[];
  lastEpoch: number;
  verbose: boolean;
  /** Calls of `step` (PyTorch's `_step_count`; the constructor's initial step counts). */
  stepCount = 0;
  protected getLrCalledWithinStep = false;
  protected lastLr: number[] = [];

  constructor(optimizer: Optimizer<object>, options: LRSchedulerOptions = {}) {
    this.optimizer = optimizer;
    const lastEpoch = options.lastEpoch ?? -1;
    if (lastEpoch === -1) {
      for (const group of optimizer.paramGroups) if (!('initialLr' in group)) group.initialLr = group.lr as number;
    } else {
      optimizer.paramGroups.forEach((group, i) => {
        if (!('initialLr' in group)) {
          throw new OptimError(
            `param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`,
            'KeyError',
          );
        }
      });
    }
    this.baseLrs = optimizer.paramGroups.map((g) => g.initialLr as number);
    this.lastEpoch = lastEpoch;
    this.verbose = options.verbose ?? false;
  }

  /** PyTorch's `_initial_step`: resets the step counts and takes the first step (epoch 0 when starting). */
  protected initialStep(): void {
    this.optimizer.stepCount = 0;
    this.stepCount = 0;
    this.step();
  }

  /** The lrs of the next epoch from the groups' current ones (called by `step`). */
  protected abstract getLr(): number[];

  /** The lrs at `lastEpoch` from the base lrs, for `step(epoch)`; schedulers without one use `getLr`. */
  protected closedFormLr(): number[] | null {
    return null;
  }

  /** Warns like PyTorch when `getLr` runs outside `step`. */
  protected checkGetLrCall(): void {
    if (!this.getLrCalledWithinStep) {
      process.emitWarning(
        'To get the last learning rate computed by the scheduler, please use `getLastLr()`.',
        'UserWarning',
      );
    }
  }

  /** The lrs the last `step` set, one per group. */
  getLastLr(): number[] {
    return this.lastLr;
  }

  printLr(isVerbose: boolean, group: number, lr: number, epoch?: number): void {
    if (!isVerbose) return;
    const value = formatPythonFloat(lr, 4, 'e');
    if (epoch === undefined) console.log(`Adjusting learning rate of group ${group} to ${value}.`);
    else {
      const e = Number.isInteger(epoch) ? String(epoch).padStart(5, '0') : formatPythonFloat(epoch, 2, 'f');
      console.log(`Epoch ${e}: adjusting learning rate of group ${group} to ${value}.`);
    }
  }

  /** Moves to the next epoch (or, deprecated, to `epoch`) and sets every group's lr. Call after `optimizer.step()`. */
  step(epoch?: number): void {
    if (this.stepCount === 1 && this.optimizer.stepCount < 1) {
      process.emitWarning(
        'Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should ' +
          'call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this ' +
          'will result in PyTorch skipping the first value of the learning rate schedule. See more details at ' +
          'https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate',
        'UserWarning',
      );
    }
    this.stepCount++;
    let values: number[];
    this.getLrCalledWithinStep = true;
    try {
      if (epoch === undefined) {
        this.lastEpoch++;
        values = this.getLr();
      } else {
        process.emitWarning(EPOCH_DEPRECATION_WARNING, 'UserWarning');
        this.lastEpoch = epoch;
        values = this.closedFormLr() ?? this.getLr();
      }
    } finally {
      this.getLrCalledWithinStep = false;
    }
    const groups = this.optimizer.paramGroups;
    for (let i = 0; i < Math.min(groups.length, values.length); i++) {
      groups[i].lr = values[i];
      this.printLr(this.verbose, i, values[i], epoch);
    }
    this.lastLr = groups.map((g) => g.lr as number);
  }

  /** The scheduler's own fields (PyTorch name, field name), set before the base's in PyTorch's `__dict__`. */
  protected ownFields(): readonly [string, string][] {
    return [];
  }

  /** Every field but the optimizer, with PyTorch's keys in PyTorch's order (torchSave writes what PyTorch does). */
  stateDict(): LRSchedulerStateDict {
    const self = this as unknown as Record<string, unknown>;
    const out: LRSchedulerStateDict = {};
    for (const [py, js] of [...this.ownFields(), ...BASE_FIELDS]) {
      const v = self[js];
      out[py] = Array.isArray(v) ? [...v] : v;
    }
    return out;
  }

  /** Restores the fields a state dict names (from `stateDict` or PyTorch's). */
  loadStateDict(stateDict: LRSchedulerStateDict): void {
    const self = this as unknown as Record<string, unknown>;
    for (const [py, js] of [...this.ownFields(), ...BASE_FIELDS]) if (py in stateDict) self[js] = plain(stateDict[py]);
  }
}
