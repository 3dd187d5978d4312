import { ArchiveError } from '../errors/archive-error.js';

/**
 * The folder PyTorch's writer puts every record in for a file path: the base name without its
 * last extension (`weights.v2.pt` → `weights.v2`), as caffe2::serialize's `basename` computes it;
 * an empty result is refused, as PyTorch refuses it ("invalid file name").
 */
export function archiveNameOf(path: string): string {
  let start = 0;
  for (let i = 0; i < path.length; i++) if (path[i] === '/' || path[i] === '\\') start = i + 1;
  let end = path.length;
  for (let i = path.length; i > start; i--) {
    if (path[i - 1] === '.') {
      end = i - 1;
      break;
    }
  }
  const name = path.slice(start, end);
  if (name.length === 0)
    throw new ArchiveError(`invalid file name '${path}': its base name without extension is empty`);
  return name;
}
