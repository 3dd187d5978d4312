import { InternalError } from '@tsjit/ir';
import type { CallHandler } from './worker-protocol.js';

// Filled in once ScriptModule (the lead's facade) is on main.
export function createModuleHandler(_data: unknown): CallHandler {
  throw new InternalError('the module handler is not wired yet');
}
