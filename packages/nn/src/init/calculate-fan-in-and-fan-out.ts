import type { Tensor } from '@tsjit/tensor';

/** nn.init._calculate_fan_in_and_fan_out: [fanIn, fanOut] of a weight of at least 2 dimensions. */
export function calculateFanInAndFanOut(tensor: Tensor): [number, number] {
  const dims = tensor.dim();
  if (dims < 2) throw new Error('Fan in and fan out can not be computed for tensor with fewer than 2 dimensions');
  const numInputFmaps = tensor.size(1);
  const numOutputFmaps = tensor.size(0);
  let receptiveFieldSize = 1;
  for (let d = 2; d < dims; d++) receptiveFieldSize *= tensor.size(d);
  return [numInputFmaps * receptiveFieldSize, numOutputFmaps * receptiveFieldSize];
}

/** nn.init._calculate_correct_fan: fan_in or fan_out. */
export function calculateCorrectFan(tensor: Tensor, mode: 'fan_in' | 'fan_out' | string): number {
  const m = mode.toLowerCase();
  if (m !== 'fan_in' && m !== 'fan_out')
    throw new Error(`Mode ${mode} not supported, please use one of fan_in, fan_out`);
  const [fanIn, fanOut] = calculateFanInAndFanOut(tensor);
  return m === 'fan_in' ? fanIn : fanOut;
}
