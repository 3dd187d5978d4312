import { DEFAULT_PRINT_OPTIONS, type PrintOptions } from './format.js';

let current: PrintOptions = { ...DEFAULT_PRINT_OPTIONS };

/** torch.set_printoptions: changes how tensors print (per thread). `profile` resets to a preset first. */
export function setPrintOptions(
  options: Partial<PrintOptions> & { profile?: 'default' | 'short' | 'full' } = {},
): void {
  const { profile, ...rest } = options;
  if (profile === 'default') current = { ...DEFAULT_PRINT_OPTIONS };
  else if (profile === 'short') current = { ...DEFAULT_PRINT_OPTIONS, precision: 2, threshold: 1000, edgeitems: 2 };
  else if (profile === 'full') current = { ...DEFAULT_PRINT_OPTIONS, threshold: Number.POSITIVE_INFINITY };
  current = { ...current, ...rest };
}

export function getPrintOptions(): PrintOptions {
  return current;
}
