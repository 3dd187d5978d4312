// The archives the `models` and `load` suites time: PyTorch's own export
// (`torch-baseline.py --export DIR`: model.pt, input*.npy, expected*.npy, manifest.json; see
// ../shared/bench/README.md, "Export"). Both sides time the very same files: at each thread count
// torch-baseline.py runs first with `--export DIR` (it writes the files, then times exactly them),
// and tsjit's workloads then load them from DIR.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromNpy } from '@tsjit/tensor';

let folder = null;
let owned = false;

/** The export folder of this run: `--archives DIR` when given, else a temp folder removed at exit. */
export function archivesFolder(given) {
  if (folder !== null) return folder;
  if (given) {
    folder = given;
  } else {
    folder = mkdtempSync(join(tmpdir(), 'tsjit-bench-archives-'));
    owned = true;
    process.on('exit', () => {
      if (owned) rmSync(folder, { recursive: true, force: true });
    });
  }
  return folder;
}

/** The manifest of the export in `dir` (an Error naming what is missing). */
export function readManifest(dir) {
  if (!dir) throw new Error('no exported archives (PyTorch is needed to export them, or give --archives DIR)');
  let text;
  try {
    text = readFileSync(join(dir, 'manifest.json'), 'utf8');
  } catch {
    throw new Error(`no manifest.json in ${dir}: torch-baseline.py --export did not run (see its stderr)`);
  }
  return JSON.parse(text);
}

/** The manifest entry of the model workload `name`, its archive path, inputs and expected outputs as tensors. */
export function exportedModel(dir, name) {
  const manifest = readManifest(dir);
  const entry = manifest.workloads.find((w) => w.name === name);
  if (!entry) throw new Error(`${name} is not in ${join(dir, 'manifest.json')}`);
  const npy = (f) => fromNpy(new Uint8Array(readFileSync(join(dir, f.file))));
  return {
    entry,
    archive: join(dir, entry.archive),
    inputs: entry.inputs.map(npy),
    expected: entry.outputs.map(npy),
    tolerance: entry.tolerance,
  };
}

/**
 * null when `y` (a tensor, or a tuple/list of them) matches the expected outputs under the
 * manifest's rule `max|y - expected| <= tolerance * max|expected|`, else what differs.
 */
export function compareOutputs(y, expected, tolerance) {
  const outputs = expected.length === 1 && !Array.isArray(y) ? [y] : y;
  if (!Array.isArray(outputs) || outputs.length !== expected.length)
    return `expected ${expected.length} output tensor(s), got ${describe(y)}`;
  for (let i = 0; i < expected.length; i++) {
    const got = outputs[i];
    const want = expected[i];
    if (got === null || typeof got !== 'object' || typeof got.toFlatArray !== 'function')
      return `output ${i}: expected a tensor, got ${describe(got)}`;
    if (got.sizes.join(',') !== want.sizes.join(','))
      return `output ${i}: shape [${got.sizes}] instead of [${want.sizes}]`;
    const a = got.toFlatArray();
    const b = want.toFlatArray();
    let diff = 0;
    let scale = 0;
    for (let k = 0; k < b.length; k++) {
      const d = Math.abs(Number(a[k]) - Number(b[k]));
      diff = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(diff, d);
      scale = Math.max(scale, Math.abs(Number(b[k])));
    }
    if (!(diff <= tolerance * scale))
      return `output ${i}: max|y - expected| = ${diff.toExponential(2)} > ${tolerance} * max|expected| (${scale.toExponential(2)})`;
  }
  return null;
}

function describe(v) {
  if (Array.isArray(v)) return `a sequence of ${v.length}`;
  return v === null ? 'None' : typeof v === 'object' ? (v.constructor?.name ?? 'object') : typeof v;
}
