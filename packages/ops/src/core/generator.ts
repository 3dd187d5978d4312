/**
 * PyTorch's CPU random number generator, reproduced: a 32-bit Mersenne Twister (mt19937) seeded
 * as CPUGeneratorImpl seeds it (the low 32 bits of the seed), 64-bit draws made of two 32-bit
 * draws (high word first), and the cached second Box-Muller sample of `normal_distribution`.
 * With the same seed, the ops built on it (rand, randn, randint, randperm, normal, bernoulli,
 * dropout, ...) produce PyTorch's values.
 */
import { OpError } from './op-error.js';

const N = 624;
const M = 397;
/** PyTorch's default CPU seed (default_rng_seed_val). */
export const DEFAULT_SEED = 67280421310721;

/** A snapshot of a generator: restore it with `setState` to replay the same draws. */
export interface GeneratorState {
  readonly seed: number | bigint;
  readonly mt: Uint32Array;
  readonly index: number;
  readonly nextDoubleNormal: number | null;
  readonly nextFloatNormal: number | null;
}

export class Generator {
  #mt = new Uint32Array(N);
  #index = N;
  #seed: number | bigint = DEFAULT_SEED;
  /** The second sample of the last Box-Muller pair (normal_distribution<double>), if unused. */
  nextDoubleNormal: number | null = null;
  nextFloatNormal: number | null = null;

  constructor(seed: number | bigint = DEFAULT_SEED) {
    this.manualSeed(seed);
  }

  /** Reseeds (torch.manual_seed): the low 32 bits seed the twister; caches are cleared. */
  manualSeed(seed: number | bigint): this {
    let s: bigint;
    if (typeof seed === 'bigint') s = seed;
    else if (Number.isInteger(seed)) s = BigInt(seed);
    else throw new OpError(`manual_seed expected an integer seed, got ${seed}`, 'TypeError');
    if (s < -(1n << 63n) || s >= 1n << 64n) {
      throw new OpError(`Overflow when unpacking long`, 'RuntimeError');
    }
    // Negative seeds wrap to uint64 as in PyTorch.
    const u = BigInt.asUintN(64, s);
    this.#seed = u <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(u) : u;
    const mt = this.#mt;
    mt[0] = Number(u & 0xffffffffn);
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.#index = N;
    this.nextDoubleNormal = null;
    this.nextFloatNormal = null;
    return this;
  }

  /** The seed last set (torch.initial_seed). */
  initialSeed(): number | bigint {
    return this.#seed;
  }

  /** Seeds from a nondeterministic source and returns the seed (torch.seed). */
  seed(): number {
    const s = Math.floor(Math.random() * 2 ** 32) * 2 ** 20 + Math.floor(Math.random() * 2 ** 20);
    this.manualSeed(s);
    return s;
  }

  getState(): GeneratorState {
    return {
      seed: this.#seed,
      mt: this.#mt.slice(),
      index: this.#index,
      nextDoubleNormal: this.nextDoubleNormal,
      nextFloatNormal: this.nextFloatNormal,
    };
  }

  setState(state: GeneratorState): this {
    if (!(state?.mt instanceof Uint32Array) || state.mt.length !== N || !(state.index >= 0 && state.index <= N)) {
      throw new OpError('Generator.setState: not a generator state', 'TypeError');
    }
    this.#seed = state.seed;
    this.#mt.set(state.mt);
    this.#index = state.index;
    this.nextDoubleNormal = state.nextDoubleNormal;
    this.nextFloatNormal = state.nextFloatNormal;
    return this;
  }

  #twist(): void {
    const mt = this.#mt;
    for (let i = 0; i < N; i++) {
      const y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
      mt[i] = mt[(i + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.#index = 0;
  }

  /** The next 32-bit draw (as an unsigned number). */
  random(): number {
    if (this.#index >= N) this.#twist();
    let y = this.#mt[this.#index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** The next 64-bit draw: two 32-bit draws, the first the high word. */
  random64(): bigint {
    const hi = this.random();
    const lo = this.random();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** uniform_real_distribution<double>: 53 random bits of a 64-bit draw, in [0, 1). */
  uniformDouble(): number {
    const hi = this.random();
    const lo = this.random();
    return ((hi & 0x1fffff) * 2 ** 32 + lo) * 2 ** -53;
  }

  /** uniform_real_distribution<T> for a floating type of `digits` mantissa bits (24 for float32). */
  uniformBits(digits: number): number {
    return (this.random() & ((1 << digits) - 1)) * 2 ** -digits;
  }

  /** normal_distribution<double>: Box-Muller on two doubles, the sine sample kept for the next call. */
  normalDouble(mean: number, std: number): number {
    if (this.nextDoubleNormal !== null) {
      const r = this.nextDoubleNormal;
      this.nextDoubleNormal = null;
      return r * std + mean;
    }
    const u1 = this.uniformDouble();
    const u2 = this.uniformDouble();
    const radius = Math.sqrt(-2 * Math.log1p(-u2));
    const theta = 2 * Math.PI * u1;
    this.nextDoubleNormal = radius * Math.sin(theta);
    return radius * Math.cos(theta) * std + mean;
  }
}

/** The default CPU generator (torch.default_generator). */
export const defaultGenerator = new Generator();

/** torch.manual_seed: reseeds the default generator and returns it. */
export function manualSeed(seed: number | bigint): Generator {
  return defaultGenerator.manualSeed(seed);
}

/** torch.initial_seed. */
export function initialSeed(): number | bigint {
  return defaultGenerator.initialSeed();
}

/** A `Generator?` argument: the given generator or the default one. */
export function generatorOf(value: unknown): Generator {
  if (value === null || value === undefined) return defaultGenerator;
  if (value instanceof Generator) return value;
  throw new OpError('expected a Generator or None for argument generator', 'TypeError');
}
