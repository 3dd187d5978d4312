import { type Tensor, tensor, torchOps } from '@tsjit/tensor';
import { Optimizer, type OptimizerState, type ParamGroup, type Params } from './optimizer.js';
import { checkOption, checkUnsupported, resolveOptions } from './options.js';

export interface AdamOptions {
  lr: number;
  betas: readonly [number, number];
  eps: number;
  weightDecay: number;
  amsgrad: boolean;
  maximize: boolean;
  /** Accepted for compatibility: the per-tensor loop computes what PyTorch's foreach kernels compute. */
  foreach: boolean | null;
  /** CUDA graphs only: must stay false. */
  capturable: boolean;
  /** Must stay false: differentiating through the update needs gradient recording during it. */
  differentiable: boolean;
  /** CUDA only: must stay false. */
  fused: boolean;
}

/** The options Adam and AdamW share, checked with PyTorch's messages. */
export function checkAdamOptions(o: Partial<AdamOptions>): void {
  if (o.lr !== undefined) checkOption(o.lr >= 0, 'learning rate', o.lr);
  if (o.eps !== undefined) checkOption(o.eps >= 0, 'epsilon value', o.eps);
  const [beta1, beta2] = o.betas ?? [0.9, 0.999];
  checkOption(beta1 >= 0 && beta1 < 1, 'beta parameter at index 0', beta1);
  checkOption(beta2 >= 0 && beta2 < 1, 'beta parameter at index 1', beta2);
  if (o.weightDecay !== undefined) checkOption(o.weightDecay >= 0, 'weight_decay value', o.weightDecay);
  checkUnsupported('capturable', o.capturable, 'it is for CUDA graph capture and tsjit runs on the CPU');
  checkUnsupported('fused', o.fused, 'the fused implementation is CUDA-only');
  checkUnsupported('differentiable', o.differentiable, 'optimizer steps run without gradient recording');
}

/** Adam's state of one parameter, created at its first step with a gradient. */
export function initAdamState(state: OptimizerState, param: Tensor, amsgrad: boolean): void {
  if (Object.keys(state).length !== 0) return;
  // A float32 scalar tensor, as in PyTorch since 1.12 (state dicts carry it as such).
  state.step = tensor(0, { dtype: 'float32' });
  state.expAvg = torchOps.zerosLike(param);
  state.expAvgSq = torchOps.zerosLike(param);
  if (amsgrad) state.maxExpAvgSq = torchOps.zerosLike(param);
}

/** PyTorch's `__setstate__`: state from before 1.12 counts steps with an int, which becomes a float tensor. */
export function upgradeAdamStep(states: Iterable<OptimizerState>): void {
  const all = [...states];
  if (all.length === 0 || typeof all[0].step !== 'number') return;
  for (const s of all) s.step = tensor(Number(s.step), { dtype: 'float32' });
}

/**
 * One parameter's Adam update (PyTorch 1.13's `_single_tensor_adam` / `_single_tensor_adamw`): with `decoupled`
 * the weight decay scales the parameter (AdamW) instead of adding to the gradient (L2, Adam).
 */
export function adamUpdate(
  param: Tensor,
  gradient: Tensor,
  state: OptimizerState,
  group: ParamGroup<AdamOptions>,
  decoupled: boolean,
): void {
  const { lr, eps, weightDecay, amsgrad, maximize } = group;
  const [beta1, beta2] = group.betas;
  let grad = maximize ? gradient.neg() : gradient;
  const stepT = state.step as Tensor;
  const expAvg = state.expAvg as Tensor;
  const expAvgSq = state.expAvgSq as Tensor;
  stepT.add_(1);
  if (decoupled) param.mul_(1 - lr * weightDecay);
  else if (weightDecay !== 0) grad = grad.add(param, { alpha: weightDecay });
  expAvg.mul_(beta1).add_(grad, { alpha: 1 - beta1 });
  expAvgSq.mul_(beta2).addcmul_(grad, grad, { value: 1 - beta2 });
  const step = stepT.item() as number;
  const biasCorrection1 = 1 - beta1 ** step;
  const biasCorrection2 = 1 - beta2 ** step;
  const stepSize = lr / biasCorrection1;
  const biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
  let second = expAvgSq;
  if (amsgrad) {
    const maxExpAvgSq = state.maxExpAvgSq as Tensor;
    torchOps.maximum(maxExpAvgSq, expAvgSq, { out: maxExpAvgSq });
    second = maxExpAvgSq;
  }
  // (sqrt(v) / bias_correction2_sqrt) + eps as PyTorch computes it, in a scratch buffer (see scratchLike):
  // the same ops on the same values, without two fresh parameter-sized outputs per step.
  const denom = torchOps.sqrt(second, { out: scratchLike(second) }) as Tensor;
  denom.div_(biasCorrection2Sqrt).add_(eps);
  param.addcdiv_(expAvg, denom, { value: -stepSize });
}

// One flat buffer per dtype, grown to the largest parameter seen: `denom` lives only within one
// parameter's update, so every parameter of every optimizer on this thread can reuse it.
const scratch = new Map<string, Tensor>();

/** A contiguous tensor shaped like `t` over the shared scratch buffer (its contents are overwritten). */
function scratchLike(t: Tensor): Tensor {
  const n = t.numel();
  let buffer = scratch.get(t.dtype);
  if (buffer === undefined || buffer.numel() < n) {
    buffer = torchOps.empty([Math.max(n, 1)], { dtype: t.dtype }) as Tensor;
    scratch.set(t.dtype, buffer);
  }
  return buffer.narrow(0, 0, n).view([...t.sizes]);
}

/**
 * PyTorch 1.13's `torch.optim.Adam` (Kingma & Ba), with L2 weight decay added to the gradient, AMSGrad and
 * maximize. Defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0.
 */
export class Adam extends Optimizer<AdamOptions> {
  constructor(
    params: Params<AdamOptions>,
    lrOrOptions?: number | Partial<AdamOptions>,
    options?: Partial<AdamOptions>,
  ) {
    const o = resolveOptions(lrOrOptions, options);
    checkAdamOptions(o);
    super(params, {
      lr: o.lr ?? 1e-3,
      betas: o.betas ?? [0.9, 0.999],
      eps: o.eps ?? 1e-8,
      weightDecay: o.weightDecay ?? 0,
      amsgrad: o.amsgrad ?? false,
      maximize: o.maximize ?? false,
      foreach: o.foreach ?? null,
      capturable: o.capturable ?? false,
      differentiable: o.differentiable ?? false,
      fused: o.fused ?? false,
    });
  }

  protected override loadedGroupDefaults(): Record<string, unknown> {
    return { amsgrad: false, maximize: false, foreach: null, capturable: false, differentiable: false, fused: false };
  }

  protected override upgradeLoadedState(): void {
    upgradeAdamStep(this.state.values());
  }

  protected updateGroup(group: ParamGroup<AdamOptions>): void {
    for (const param of group.params) {
      if (param.grad === null) continue;
      const state = this.stateOf(param);
      initAdamState(state, param, group.amsgrad);
      adamUpdate(param, param.grad, state, group, false);
    }
  }
}
