// Timing that mirrors ../shared/bench/torch-baseline.py: warm up (>= 3 calls and 0.1 s), then
// R repetitions, each calling back to back for at least 0.1 s and yielding the time per call;
// the median repetition is the result.

const now = () => Number(process.hrtime.bigint()) / 1e9;

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Seconds per call of fn: the median of `repeats` repetitions of >= minTime seconds each. */
export function timeCall(fn, { repeats = 7, minTime = 0.1, warmup = 0.1 } = {}) {
  let calls = 0;
  let t0 = now();
  let fastest = Number.POSITIVE_INFINITY;
  while (calls < 3 || now() - t0 < warmup) {
    const a = now();
    fn();
    fastest = Math.min(fastest, now() - a);
    calls++;
  }
  // Calls per repetition, from the fastest warm-up call, so each repetition lasts >= minTime.
  const per = Math.max(1, Math.ceil(minTime / Math.max(fastest, 1e-9)));
  const samples = [];
  for (let r = 0; r < repeats; r++) {
    let n = 0;
    t0 = now();
    let elapsed = 0;
    do {
      for (let i = 0; i < per; i++) fn();
      n += per;
      elapsed = now() - t0;
    } while (elapsed < minTime);
    samples.push(elapsed / n);
  }
  return median(samples);
}

// V8's collector, for the fresh-object timings below: a collection between repetitions (untimed)
// stands in for PyTorch's "GC off during a repetition", so one load's garbage is not collected
// inside the next one's timing. `pnpm bench` starts node without --expose-gc, so the flag is set
// here and the function taken from a new context (where V8 installs it).
let collect = globalThis.gc;
if (typeof collect !== 'function') {
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  setFlagsFromString('--expose-gc');
  collect = runInNewContext('gc');
}
export const gc = collect;

/**
 * Seconds of one fresh operation (a load, a first call), as torch-baseline.py's `load` suite times
 * them: `once()` does one repetition (its untimed preparation included) and returns the seconds it
 * timed. One untimed warm-up repetition, then the median of max(repeats, 5).
 */
export function timeFresh(once, { repeats = 7 } = {}) {
  gc();
  once();
  const samples = [];
  for (let r = 0; r < Math.max(repeats, 5); r++) {
    gc();
    samples.push(once());
  }
  return median(samples);
}

/** Seconds since `t0` (a value of `clock()`). */
export const clock = now;
