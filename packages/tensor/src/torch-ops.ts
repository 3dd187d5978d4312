import { eagerContext } from './eager-context.js';
import type { OpFunctions } from './generated/op-types.js';

/**
 * Every op as a function, by camelCase name (`torchOps.add(a, b, { alpha: 2 })`,
 * `torchOps.layerNorm(x, [1024], w, b, 1e-5)`), through the dispatcher.
 */
export const torchOps: OpFunctions = new Proxy({} as OpFunctions, {
  get(_target, name) {
    return typeof name === 'string' ? eagerContext.F[name] : undefined;
  },
  has(_target, name) {
    return typeof name === 'string' && name in eagerContext.F;
  },
  ownKeys() {
    return Reflect.ownKeys(eagerContext.F);
  },
  getOwnPropertyDescriptor(_target, name) {
    const value = typeof name === 'string' ? eagerContext.F[name] : undefined;
    return value === undefined ? undefined : { value, enumerable: true, configurable: true, writable: false };
  },
});
