import { type AdamOptions, adamUpdate, checkAdamOptions, initAdamState, upgradeAdamStep } from './adam.js';
import { Optimizer, type ParamGroup, type Params } from './optimizer.js';
import { resolveOptions } from './options.js';

/** AdamW's options: Adam's without `differentiable` and `fused` (PyTorch 1.13's AdamW has neither). */
export type AdamWOptions = Omit<AdamOptions, 'differentiable' | 'fused'>;

/**
 * PyTorch 1.13's `torch.optim.AdamW` (Loshchilov & Hutter): Adam with decoupled weight decay, the parameter
 * scaled by `1 - lr * weight_decay` before the update. Defaults as Adam's except weight decay 1e-2.
 */
export class AdamW extends Optimizer<AdamWOptions> {
  constructor(
    params: Params<AdamWOptions>,
    lrOrOptions?: number | Partial<AdamWOptions>,
    options?: Partial<AdamWOptions>,
  ) {
    const o = resolveOptions(lrOrOptions, options);
    checkAdamOptions(o);
    super(params, {
      lr: o.lr ?? 1e-3,
      betas: o.betas ?? [0.9, 0.999],
      eps: o.eps ?? 1e-8,
      weightDecay: o.weightDecay ?? 1e-2,
      amsgrad: o.amsgrad ?? false,
      foreach: o.foreach ?? null,
      maximize: o.maximize ?? false,
      capturable: o.capturable ?? false,
    });
  }

  protected override loadedGroupDefaults(): Record<string, unknown> {
    return { amsgrad: false, maximize: false, foreach: null, capturable: false };
  }

  protected override upgradeLoadedState(): void {
    upgradeAdamStep(this.state.values());
  }

  protected updateGroup(group: ParamGroup<AdamWOptions>): void {
    for (const param of group.params) {
      if (param.grad === null) continue;
      const state = this.stateOf(param);
      initAdamState(state, param, group.amsgrad);
      adamUpdate(param, param.grad, state, group as ParamGroup<AdamOptions>, true);
    }
  }
}
