import { pushMode, setAutogradEngine } from '@tsjit/tensor';
import { eagerEngine } from './autograd.js';
import { AutogradMode } from './autograd-mode.js';

let pop: (() => void) | null = null;

/**
 * Turns the eager engine on: registers it behind Tensor's autograd methods and pushes the
 * recording dispatch mode. Idempotent; higher packages (@tsjit/nn, apps) call it, importing
 * @tsjit/autodiff alone changes nothing.
 */
export function installAutograd(): void {
  if (pop !== null) return;
  setAutogradEngine(eagerEngine);
  pop = pushMode(new AutogradMode());
}

/** Undoes installAutograd (the mode must be the innermost one pushed). */
export function uninstallAutograd(): void {
  if (pop === null) return;
  pop();
  pop = null;
  setAutogradEngine(null);
}

export function isAutogradInstalled(): boolean {
  return pop !== null;
}
