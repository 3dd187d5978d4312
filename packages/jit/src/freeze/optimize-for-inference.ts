import { OpError } from '@tsjit/ops';
import { ScriptModule } from '../script-module.js';
import { freeze } from './freeze.js';

/**
 * PyTorch 1.13's `torch.jit.optimize_for_inference` for tsjit's CPU runtime: a module not yet
 * frozen (one that still has `training`) is put in eval mode and frozen (`freeze`, keeping
 * `otherMethods`), which already runs dropout removal and the conv/linear–batch-norm and conv
 * add/sub/mul/div folds. PyTorch then converts ops to oneDNN (MKLDNN) layouts and fuses
 * conv+add+relu for CUDA; tsjit has neither, so nothing more is done: a frozen module is
 * returned as it is. Note that, as in PyTorch, an unfrozen module is switched to eval mode.
 */
export function optimizeForInference(module: ScriptModule, otherMethods: readonly string[] = []): ScriptModule {
  if (!(module instanceof ScriptModule)) {
    throw new OpError(
      "optimize_for_inference expects a ScriptModule as input. Please use torch.jit.script or torch.jit.trace to script your 'nn.Module'.",
      'RuntimeError',
    );
  }
  if (!module.object.hasAttr('training')) return module;
  return freeze(module.eval(), { preservedAttrs: otherMethods });
}
