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
