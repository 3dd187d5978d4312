// pnpm demo: @tsjit/kernels at work, until the eager tensors and TorchScript land on top of it.
import { availableKernelPaths, copy, detectedKernelPath, fill, getNumThreads, KernelError } from '@tsjit/kernels';

const f32 = (values, sizes, strides = null, offset = 0) => ({
  data: new Uint8Array(new Float32Array(values).buffer),
  dtype: 'float32',
  sizes,
  strides: strides ?? sizes.map((_, i) => sizes.slice(i + 1).reduce((a, b) => a * b, 1)),
  offset,
});
const empty = (dtype, sizes, bytesPerItem) => ({
  data: new Uint8Array(sizes.reduce((a, b) => a * b, 1) * bytesPerItem),
  dtype,
  sizes,
  strides: sizes.map((_, i) => sizes.slice(i + 1).reduce((a, b) => a * b, 1)),
  offset: 0,
});
const show = (t, Ctor) =>
  Array.from(new Ctor(t.data.buffer, t.data.byteOffset, t.data.byteLength / Ctor.BYTES_PER_ELEMENT));

console.log('# tsjit kernels\n');
console.log(
  `CPU path: ${detectedKernelPath()} (available: ${availableKernelPaths().join(', ')}), threads: ${getNumThreads()}\n`,
);

console.log('## A transposed view made contiguous, cast to int32');
const a = f32([1.5, 2.5, 3.5, 4.5, 5.5, 6.5], [2, 3]);
const aT = { ...a, sizes: [3, 2], strides: [1, 3] };
const out = empty('int32', [3, 2], 4);
copy(out, aT);
console.log('a   =', show(a, Float32Array), 'sizes [2, 3]');
console.log('a.t().to(int32) =', show(out, Int32Array), 'sizes [3, 2]\n');

console.log('## Broadcasting a row over a matrix, filling a strided view');
const row = f32([10, 20, 30], [3]);
const m = empty('float32', [2, 3], 4);
copy(m, row);
console.log('expand([2, 3]) =', show(m, Float32Array));
const strided = { ...empty('float64', [4], 8), sizes: [2], strides: [2] };
fill(strided, 7);
console.log('x[::2].fill_(7) =', show(strided, Float64Array), '\n');

console.log('## A malformed call is a typed error, not a crash');
try {
  copy(out, { ...aT, strides: [1, 30] });
} catch (e) {
  console.log(KernelError.isInstance(e) ? `KernelError (${e.code}): ${e.message}` : `unexpected: ${e}`);
}
