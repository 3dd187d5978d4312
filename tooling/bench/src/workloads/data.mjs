// Inputs for the workloads: seeded uniform and normal float32 data (the values only matter for
// the result checks), and strided records over fresh storage.

export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function rand(n, r) {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = r();
  return a;
}

export function randn(n, r, scale = 1) {
  const a = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = 1 - r();
    const v = r();
    const m = Math.sqrt(-2 * Math.log(u)) * scale;
    a[i] = m * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) a[i + 1] = m * Math.sin(2 * Math.PI * v);
  }
  return a;
}

function contiguousStrides(sizes) {
  const s = new Array(sizes.length);
  let acc = 1;
  for (let d = sizes.length - 1; d >= 0; d--) {
    s[d] = acc;
    acc *= sizes[d];
  }
  return s;
}

/** A contiguous float32 strided record over `values` (or zeros). */
export function f32(sizes, values) {
  const n = sizes.reduce((a, b) => a * b, 1);
  const arr = values ?? new Float32Array(n);
  return {
    data: new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength),
    dtype: 'float32',
    sizes,
    strides: contiguousStrides(sizes),
    offset: 0,
    array: arr,
  };
}

/** max|y - ref| / max|ref| */
export function relError(y, ref) {
  let num = 0;
  let den = 0;
  for (let i = 0; i < ref.length; i++) {
    num = Math.max(num, Math.abs(y[i] - ref[i]));
    den = Math.max(den, Math.abs(ref[i]));
  }
  if (Number.isNaN(num)) return Number.POSITIVE_INFINITY;
  return den === 0 ? num : num / den;
}

export function within(name, err, tol) {
  return err <= tol ? null : `${name}: max|y - ref| / max|ref| = ${err.toExponential(2)} > ${tol}`;
}
