import { OpError } from '../core/op-error.js';

/** PyTorch's (TORCH_CHECK) error when a per-tensor parameter is read from a per-channel tensor. */
export function perTensorOnly(): OpError {
  return new OpError(
    'Expected quantizer->qscheme() == kPerTensorAffine to be true, but got false.  ' +
      '(Could this error message be improved?  If so, please report an enhancement request to PyTorch.)',
  );
}

/** ... and a per-channel parameter from a per-tensor one. */
export function perChannelOnly(): OpError {
  return new OpError(
    'Expected quantizer->qscheme() == kPerChannelAffine || quantizer->qscheme() == kPerChannelAffineFloatQParams ' +
      'to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement ' +
      'request to PyTorch.)',
  );
}
