import type { Tensor } from '@tsjit/tensor';
import { OptimError } from './optim-error.js';
import { Optimizer, type ParamGroup, type Params, required } from './optimizer.js';
import { checkOption, checkUnsupported, resolveOptions } from './options.js';

export interface SGDOptions {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  maximize: boolean;
  /** Accepted for compatibility: the per-tensor loop computes what PyTorch's foreach kernels compute. */
  foreach: boolean | null;
  /** Must stay false: differentiating through the update needs gradient recording during it. */
  differentiable: boolean;
}

/**
 * PyTorch 1.13's `torch.optim.SGD`, optionally with momentum (PyTorch's form: the buffer starts as the first
 * gradient, then `b = momentum * b + (1 - dampening) * g`), Nesterov momentum, weight decay (L2) and maximize.
 * `lr` has no default: give it here or in every parameter group.
 */
export class SGD extends Optimizer<SGDOptions> {
  constructor(params: Params<SGDOptions>, lrOrOptions?: number | Partial<SGDOptions>, options?: Partial<SGDOptions>) {
    const o = resolveOptions(lrOrOptions, options);
    const lr = o.lr ?? (required as unknown as number);
    if (o.lr !== undefined) checkOption(o.lr >= 0, 'learning rate', o.lr);
    const momentum = o.momentum ?? 0;
    checkOption(momentum >= 0, 'momentum value', momentum);
    const weightDecay = o.weightDecay ?? 0;
    checkOption(weightDecay >= 0, 'weight_decay value', weightDecay);
    const dampening = o.dampening ?? 0;
    const nesterov = o.nesterov ?? false;
    const differentiable = o.differentiable ?? false;
    checkUnsupported('differentiable', differentiable, 'optimizer steps run without gradient recording');
    const defaults: SGDOptions = {
      lr,
      momentum,
      dampening,
      weightDecay,
      nesterov,
      maximize: o.maximize ?? false,
      foreach: o.foreach ?? null,
      differentiable,
    };
    if (nesterov && (momentum <= 0 || dampening !== 0)) {
      throw new OptimError('Nesterov momentum requires a momentum and zero dampening');
    }
    super(params, defaults);
  }

  protected override loadedGroupDefaults(): Record<string, unknown> {
    return { nesterov: false, maximize: false, foreach: null, differentiable: false };
  }

  protected updateGroup(group: ParamGroup<SGDOptions>): void {
    const { lr, momentum, dampening, weightDecay, nesterov, maximize } = group;
    for (const param of group.params) {
      const grad = param.grad;
      if (grad === null) continue;
      const state = this.stateOf(param);
      let dP: Tensor = maximize ? grad.neg() : grad;
      if (weightDecay !== 0) dP = dP.add(param, { alpha: weightDecay });
      if (momentum !== 0) {
        let buf = (state.momentumBuffer ?? null) as Tensor | null;
        if (buf === null) buf = dP.clone().detach();
        else buf.mul_(momentum).add_(dP, { alpha: 1 - dampening });
        state.momentumBuffer = buf;
        dP = nesterov ? dP.add(buf, { alpha: momentum }) : buf;
      } else {
        // PyTorch stores the (absent) buffer too, so state dicts list every parameter that had a gradient.
        state.momentumBuffer = (state.momentumBuffer ?? null) as Tensor | null;
      }
      param.add_(dP, { alpha: -lr });
    }
  }
}
