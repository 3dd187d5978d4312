import { type Tensor, torchOps } from '@tsjit/tensor';
import { Optimizer, type ParamGroup, type Params } from './optimizer.js';
import { checkOption, checkUnsupported, resolveOptions } from './options.js';

export interface RMSpropOptions {
  lr: number;
  momentum: number;
  alpha: number;
  eps: number;
  centered: boolean;
  weightDecay: number;
  /** Accepted for compatibility: the per-tensor loop computes what PyTorch's foreach kernels compute. */
  foreach: boolean | null;
  maximize: boolean;
  /** Must stay false: differentiating through the update needs gradient recording during it. */
  differentiable: boolean;
}

/**
 * PyTorch 1.13's `torch.optim.RMSprop` (Hinton's, with eps added outside the square root), optionally centered
 * (the variance estimate subtracts the squared mean gradient), with momentum, weight decay and maximize.
 * Defaults: lr 1e-2, alpha 0.99, eps 1e-8. Its `step` state is an int, unlike Adam's tensor.
 */
export class RMSprop extends Optimizer<RMSpropOptions> {
  constructor(
    params: Params<RMSpropOptions>,
    lrOrOptions?: number | Partial<RMSpropOptions>,
    options?: Partial<RMSpropOptions>,
  ) {
    const o = resolveOptions(lrOrOptions, options);
    const defaults: RMSpropOptions = {
      lr: o.lr ?? 1e-2,
      momentum: o.momentum ?? 0,
      alpha: o.alpha ?? 0.99,
      eps: o.eps ?? 1e-8,
      centered: o.centered ?? false,
      weightDecay: o.weightDecay ?? 0,
      foreach: o.foreach ?? null,
      maximize: o.maximize ?? false,
      differentiable: o.differentiable ?? false,
    };
    checkOption(defaults.lr >= 0, 'learning rate', defaults.lr);
    checkOption(defaults.eps >= 0, 'epsilon value', defaults.eps);
    checkOption(defaults.momentum >= 0, 'momentum value', defaults.momentum);
    checkOption(defaults.weightDecay >= 0, 'weight_decay value', defaults.weightDecay);
    checkOption(defaults.alpha >= 0, 'alpha value', defaults.alpha);
    checkUnsupported('differentiable', defaults.differentiable, 'optimizer steps run without gradient recording');
    super(params, defaults);
  }

  protected override loadedGroupDefaults(): Record<string, unknown> {
    return { momentum: 0, centered: false, foreach: null, maximize: false, differentiable: false };
  }

  protected updateGroup(group: ParamGroup<RMSpropOptions>): void {
    const { lr, alpha, eps, weightDecay, momentum, centered, maximize } = group;
    for (const param of group.params) {
      if (param.grad === null) continue;
      const state = this.stateOf(param);
      if (Object.keys(state).length === 0) {
        state.step = 0;
        state.squareAvg = torchOps.zerosLike(param);
        if (momentum > 0) state.momentumBuffer = torchOps.zerosLike(param);
        if (centered) state.gradAvg = torchOps.zerosLike(param);
      }
      state.step = (state.step as number) + 1;
      let grad = maximize ? param.grad.neg() : param.grad;
      if (weightDecay !== 0) grad = grad.add(param, { alpha: weightDecay });
      const squareAvg = state.squareAvg as Tensor;
      squareAvg.mul_(alpha).addcmul_(grad, grad, { value: 1 - alpha });
      let avg: Tensor;
      if (centered) {
        const gradAvg = state.gradAvg as Tensor;
        gradAvg.mul_(alpha).add_(grad, { alpha: 1 - alpha });
        avg = squareAvg.addcmul(gradAvg, gradAvg, { value: -1 }).sqrt_();
      } else {
        avg = squareAvg.sqrt();
      }
      avg.add_(eps);
      if (momentum > 0) {
        const buf = state.momentumBuffer as Tensor;
        buf.mul_(momentum).addcdiv_(grad, avg);
        param.add_(buf, { alpha: -lr });
      } else {
        param.addcdiv_(grad, avg, { value: -lr });
      }
    }
  }
}
