import type { SugaredValue } from '../contracts.js';

/** The result of a call that returns nothing usable (`print(...)`). */
export class NoneValue implements SugaredValue {
  readonly kind = 'None';
}
