import { torchOps as T, type Tensor } from '@tsjit/tensor';

export function linear(input: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  return T.linear(input, weight, bias);
}

export function bilinear(input1: Tensor, input2: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  return T.bilinear(input1, input2, weight, bias);
}
