/** Where `->` separates arguments from the return in a type comment (outside brackets); -1 if nowhere. */
export function topLevelArrow(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '-' && text[i + 1] === '>' && depth === 0) return i;
  }
  return -1;
}
