import type { Module } from '@tsjit/nn';

/**
 * A module's submodules by attribute name, a module held under two names listed under both
 * (`namedChildren` lists each module once, but the script module needs every attribute set).
 */
export function childSlots(module: Module): [string, Module][] {
  // moduleSlots is protected: PyTorch's `_modules`, which scripting reads as PyTorch's does.
  const slots = (module as unknown as { moduleSlots(): [string, Module | null][] }).moduleSlots();
  return slots.filter((slot): slot is [string, Module] => slot[1] !== null);
}
