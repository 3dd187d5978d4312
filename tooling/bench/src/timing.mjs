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

/**
 * Seconds of one fresh operation (a load, a first call), as torch-baseline.py's `load` suite times
 * them: `once()` does one repetition (its untimed preparation included) and returns the seconds it
 * timed. One untimed warm-up repetition, then the median of max(repeats, 5).
 *
 * No collection is forced between repetitions (PyTorch's side only pauses Python's cycle
 * collector): V8 collects when it needs to, and that cost is part of what a caller sees. A forced
 * full GC before each load made the loads after it about 1.6x slower in CPU time (V8 starts them
 * colder), so forcing one would not stand in for "GC off".
 */
export function timeFresh(once, { repeats = 7 } = {}) {
  once();
  const samples = [];
  for (let r = 0; r < Math.max(repeats, 5); r++) samples.push(once());
  return median(samples);
}

/** Seconds since `t0` (a value of `clock()`). */
export const clock = now;

/**
 * Several ways of running one workload timed in alternation, for comparing them with each other on
 * a shared machine: each is warmed up as in timeCall, then each round runs one repetition (>=
 * minTime seconds) of every path, the order rotating from round to round, so that a change in the
 * machine's load falls on all paths alike instead of on whichever was timed at that moment.
 * Returns each path's samples (seconds per call, one per round); a path that throws is left out
 * and its error returned in `errors`.
 */
export function timeInterleaved(paths, { repeats = 7, minTime = 0.1, warmup = 0.1, clock = now } = {}) {
  const per = {};
  const errors = {};
  for (const [name, fn] of Object.entries(paths)) {
    try {
      let calls = 0;
      const t0 = clock();
      let fastest = Number.POSITIVE_INFINITY;
      while (calls < 3 || clock() - t0 < warmup) {
        const a = clock();
        fn();
        fastest = Math.min(fastest, clock() - a);
        calls++;
      }
      per[name] = Math.max(1, Math.ceil(minTime / Math.max(fastest, 1e-9)));
    } catch (e) {
      errors[name] = e;
    }
  }
  const names = Object.keys(per);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < repeats; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length];
      if (errors[name]) continue;
      const fn = paths[name];
      try {
        let n = 0;
        const t0 = clock();
        let elapsed = 0;
        do {
          for (let i = 0; i < per[name]; i++) fn();
          n += per[name];
          elapsed = clock() - t0;
        } while (elapsed < minTime);
        samples[name].push(elapsed / n);
      } catch (e) {
        errors[name] = e;
      }
    }
  }
  for (const name of Object.keys(errors)) delete samples[name];
  return { samples, errors };
}

/**
 * Seconds of CPU time this process has used (user + system, all threads): what a repetition costs
 * the machine, which other processes' load on a shared machine barely changes (they take turns on
 * the cores instead of slowing the instructions). With one kernel thread, the calling thread's time.
 */
export const cpuClock = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
