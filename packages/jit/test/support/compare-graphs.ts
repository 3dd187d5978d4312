/**
 * How graphs are compared with PyTorch's: as printed text, with value names made independent of
 * numbering. Every `%name` becomes `%<base>#<k>`, where `<base>` is the debug name without its
 * `.N` uniquing suffix (empty for a plain number) and `<k>` counts distinct names in order of first
 * appearance. So the structure, the node order (constants included), types, attributes, source
 * ranges and the debug names the code printer builds variable names from must all match; only the
 * numbers PyTorch and we pick to keep names unique may differ (`%x.5` vs `%x.3`, `%26` vs `%31`).
 * Names are counted per graph: a fork's subgraph starts afresh.
 */
export function renameValues(text: string): string {
  // Each subgraph (`with prim::fork_0 = graph(...)`) has names of its own.
  return text
    .split(/^(?=with )/m)
    .map((part) => renameInGraph(part))
    .join('');
}

function renameInGraph(text: string): string {
  const names = new Map<string, string>();
  return text.replace(/%([\p{L}\p{N}_.]+)/gu, (_, name: string) => {
    let renamed = names.get(name);
    if (renamed === undefined) {
      const base = /^\d+$/.test(name) ? '' : name.replace(/\.\d+$/, '');
      renamed = `%${base}#${names.size}`;
      names.set(name, renamed);
    }
    return renamed;
  });
}

/** `renameValues`, with the `# file:line:col` source-range comments removed as well. */
export function withoutRanges(text: string): string {
  return renameValues(text.replace(/ # [^\n]*:\d+:\d+$/gm, ''));
}

/** Removes the debug names too: every value becomes `%#<k>` (names do not matter, only structure). */
export function withoutNames(text: string): string {
  return renameValues(text).replace(/%[\p{L}\p{N}_.]*#/gu, '%#');
}

/**
 * Sorts the constants that lead each graph (by their text after `=`): where pooling leaves them
 * depends on where the emitter first put them, not on what they are.
 */
export function sortLeadingConstants(text: string): string {
  return text
    .split(/^(?=with )/m)
    .map((part) => {
      const lines = part.split('\n');
      const first = lines.findIndex((line) => / = prim::Constant\b/.test(line));
      const header = lines.findIndex((line) => line.endsWith('):'));
      if (first < 0 || first !== header + 1) return part;
      let end = first;
      while (end < lines.length && / = prim::Constant\b/.test(lines[end])) end++;
      const key = (line: string) => line.slice(line.indexOf(' : '));
      const sorted = lines.slice(first, end).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
      return [...lines.slice(0, first), ...sorted, ...lines.slice(end)].join('\n');
    })
    .join('');
}
