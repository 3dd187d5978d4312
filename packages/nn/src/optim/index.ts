export { Adam, type AdamOptions } from './adam.js';
export { AdamW, type AdamWOptions } from './adamw.js';
export { CosineAnnealingLR, type CosineAnnealingLROptions } from './cosine-annealing-lr.js';
export { LambdaLR, type LrLambda } from './lambda-lr.js';
export { LRScheduler, type LRSchedulerOptions, type LRSchedulerStateDict } from './lr-scheduler.js';
export { OptimError, type OptimErrorType } from './optim-error.js';
export {
  Optimizer,
  type OptimizerState,
  type OptimizerStateDict,
  type OptimizerStateDictInput,
  type ParamGroup,
  type ParamGroupInput,
  type Params,
  required,
} from './optimizer.js';
export { RMSprop, type RMSpropOptions } from './rmsprop.js';
export { SGD, type SGDOptions } from './sgd.js';
export { StepLR, type StepLROptions } from './step-lr.js';
