import { allOps, OpRegistry } from '@tsjit/ops';

let registry: OpRegistry | undefined;

/** The registry of every op of @tsjit/ops, built on first use. */
export function opRegistry(): OpRegistry {
  if (registry === undefined) registry = new OpRegistry(allOps);
  return registry;
}
