export { calculateCorrectFan, calculateFanInAndFanOut } from './calculate-fan-in-and-fan-out.js';
export { calculateGain, type Nonlinearity } from './calculate-gain.js';
export {
  constant_,
  dirac_,
  eye_,
  type KaimingOptions,
  kaimingNormal_,
  kaimingUniform_,
  normal_,
  ones_,
  orthogonal_,
  truncNormal_,
  uniform_,
  xavierNormal_,
  xavierUniform_,
  zeros_,
} from './initializers.js';
