import type { SugaredValue } from './contracts.js';
import { BuiltinFunctionValue } from './values/builtin-function-value.js';
import { SpecialFormValue } from './values/special-form-value.js';

/**
 * The members of `torch.jit` that PyTorch's resolver maps to special forms or builtin ops
 * (`torch.jit.annotate`, `torch.jit.fork`, `torch.jit.is_scripting`...), by dotted name.
 */
export function torchJitForm(name: string): SugaredValue | undefined {
  switch (name) {
    case 'torch.jit.annotate':
      return new SpecialFormValue('prim::annotate');
    case 'torch.jit.fork':
    case 'torch.jit._fork':
      return new SpecialFormValue('prim::fork');
    case 'torch.jit.isinstance':
    case 'torch.jit._isinstance':
      return new SpecialFormValue('prim::isinstance');
    case 'torch.jit.wait':
    case 'torch.jit._wait':
      return new BuiltinFunctionValue('aten::wait');
    case 'torch.jit.is_scripting':
      return new BuiltinFunctionValue('aten::is_scripting');
    case 'torch.jit._unwrap_optional':
      return new BuiltinFunctionValue('aten::_unwrap_optional');
    default:
      return undefined;
  }
}
