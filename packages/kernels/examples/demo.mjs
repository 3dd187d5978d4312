// pnpm demo: @tsjit/kernels at work, until the eager tensors and TorchScript land on top of it.
import {
  availableKernelPaths,
  binary,
  conv,
  copy,
  detectedKernelPath,
  fill,
  fmaPeak,
  getNumThreads,
  KernelError,
  mm,
  softmax,
  topk,
} from '@tsjit/kernels';

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

console.log('## Matrix multiply: 512 x 512 x 512 in float32');
const n = 512;
const rnd = (len) => Array.from({ length: len }, (_, i) => Math.sin(i * 12.9898) * 0.5);
const A = f32(rnd(n * n), [n, n]);
const B = f32(rnd(n * n).reverse(), [n, n]);
const C = f32(new Array(n * n).fill(0), [n, n]);
mm(C, A, B);
let calls = 0;
const t0 = performance.now();
while (performance.now() - t0 < 300) {
  mm(C, A, B);
  calls++;
}
const gflops = (2 * n ** 3 * calls) / ((performance.now() - t0) / 1e3) / 1e9;
const peak = fmaPeak(0.1) * getNumThreads();
console.log(
  `${gflops.toFixed(0)} GFLOP/s on ${getNumThreads()} thread(s), ${((100 * gflops) / peak).toFixed(0)}% of the measured FMA peak`,
);
console.log(
  'C[0, 0..3] =',
  show(C, Float32Array)
    .slice(0, 4)
    .map((v) => v.toFixed(4)),
  '\n',
);

console.log('## A 3x3 convolution, then softmax and top-2 over its channels');
const img = f32(rnd(2 * 5 * 5), [1, 2, 5, 5]);
const weight = f32(rnd(3 * 2 * 3 * 3), [3, 2, 3, 3]);
const feat = f32(new Array(3 * 3 * 3).fill(0), [1, 3, 3, 3]);
conv(feat, img, weight, null, { stride: [1, 1], padding: [0, 0] });
const probs = f32(new Array(27).fill(0), [1, 3, 3, 3]);
softmax(probs, feat, 1);
const vals = f32([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 2, 3, 3]);
const idx = empty('int64', [1, 2, 3, 3], 8);
topk(vals, idx, probs, 2, 1);
console.log(
  'conv2d -> [1, 3, 3, 3]; softmax(dim=1); topk(2, dim=1) indices at (0, 0):',
  [Number(new BigInt64Array(idx.data.buffer)[0]), Number(new BigInt64Array(idx.data.buffer)[9])],
  '\n',
);

console.log('## Integer division by zero is an error, as in PyTorch');
try {
  const ints = { ...empty('int32', [2], 4) };
  new Int32Array(ints.data.buffer).set([7, 0]);
  binary('floor_divide', empty('int32', [2], 4), ints, { ...ints, sizes: [2], strides: [0], offset: 1 });
} catch (e) {
  console.log(KernelError.isInstance(e) ? `KernelError (${e.code}): ${e.message}` : `unexpected: ${e}`);
}
console.log('');

console.log('## A malformed call is a typed error, not a crash');
try {
  copy(out, { ...aT, strides: [1, 30] });
} catch (e) {
  console.log(KernelError.isInstance(e) ? `KernelError (${e.code}): ${e.message}` : `unexpected: ${e}`);
}
