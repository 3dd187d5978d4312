/**
 * The str builtins of TorchScript. PyTorch implements them in C++ on the string's bytes with the
 * C locale's character classes (`isdigit`, `toupper`, ...): we follow that for ASCII text, on JS
 * code units (PyTorch counts UTF-8 bytes, so lengths and indices differ for non-ASCII text).
 * `start`/`end` of find, count, startswith, ... follow PyTorch's reading, where end=-1 (the
 * default) means "to the end of the string".
 */
import type { ImplFn } from '../core/define-op.js';
import { OpError } from '../core/op-error.js';
import { sliceOf } from './py-lists.js';
import { checkLength, intNum, tuple } from './py-values.js';

const isDigit = (c: string) => c >= '0' && c <= '9';
const isUpper = (c: string) => c >= 'A' && c <= 'Z';
const isLower = (c: string) => c >= 'a' && c <= 'z';
const isAlpha = (c: string) => isUpper(c) || isLower(c);
const isAlnum = (c: string) => isAlpha(c) || isDigit(c);
const isSpace = (c: string) => c === ' ' || (c >= '\t' && c <= '\r');
const isPrint = (c: string) => c >= ' ' && c <= '~';
const toUpper = (c: string) => (isLower(c) ? String.fromCharCode(c.charCodeAt(0) - 32) : c);
const toLower = (c: string) => (isUpper(c) ? String.fromCharCode(c.charCodeAt(0) + 32) : c);
const mapChars = (s: string, f: (c: string) => string) => Array.from(s, f).join('');
const every = (s: string, f: (c: string) => boolean) => s.length > 0 && Array.from(s).every(f);

function str(v: unknown): string {
  if (typeof v !== 'string') throw new OpError('expected a str', 'TypeError');
  return v;
}

export const strLower: ImplFn = ({ self }) => mapChars(str(self), toLower);
export const strUpper: ImplFn = ({ self }) => mapChars(str(self), toUpper);
export const strSwapcase: ImplFn = ({ self }) =>
  mapChars(str(self), (c) => (isLower(c) ? toUpper(c) : isUpper(c) ? toLower(c) : c));
export const strCapitalize: ImplFn = ({ self }) => {
  const s = str(self);
  return s.length === 0 ? s : toUpper(s[0]) + mapChars(s.slice(1), toLower);
};
export const strTitle: ImplFn = ({ self }) => {
  let prevAlpha = false;
  return mapChars(str(self), (c) => {
    const out = isAlpha(c) ? (prevAlpha ? toLower(c) : toUpper(c)) : c;
    prevAlpha = isAlpha(c);
    return out;
  });
};

export const strIsDigit: ImplFn = ({ self }) => every(str(self), isDigit);
export const strIsAlpha: ImplFn = ({ self }) => every(str(self), isAlpha);
export const strIsAlnum: ImplFn = ({ self }) => every(str(self), isAlnum);
export const strIsSpace: ImplFn = ({ self }) => every(str(self), isSpace);
export const strIsPrintable: ImplFn = ({ self }) => Array.from(str(self)).every(isPrint);
export const strIsDecimal: ImplFn = ({ self }) => every(str(self), isDigit);
export const strIsNumeric: ImplFn = ({ self }) => every(str(self), isDigit);
export const strIsUpper: ImplFn = ({ self }) => {
  const s = str(self);
  return Array.from(s).some(isAlpha) && !Array.from(s).some(isLower);
};
export const strIsLower: ImplFn = ({ self }) => {
  const s = str(self);
  return Array.from(s).some(isAlpha) && !Array.from(s).some(isUpper);
};
export const strIsTitle: ImplFn = ({ self }) => {
  let prevAlpha = false;
  let cased = false;
  for (const c of str(self)) {
    if (isAlpha(c)) {
      if (prevAlpha ? isUpper(c) : isLower(c)) return false;
      cased = true;
    }
    prevAlpha = isAlpha(c);
  }
  return cased;
};
/** PyTorch's (Python 2) reading: letters and digits only, not starting with a digit; `_` does not count. */
export const strIsIdentifier: ImplFn = ({ self }) => {
  const s = str(self);
  return s.length > 0 && !isDigit(s[0]) && Array.from(s).every(isAlnum);
};

/** PyTorch's start/end for find, count, startswith...: negative from the end, end=-1 the end. */
function window(s: string, start: unknown, end: unknown): [string, number] {
  const size = s.length;
  let a = intNum(start ?? 0);
  let b = intNum(end ?? -1);
  if (a < 0) a = Math.max(0, size + a);
  if (b < 0) b = Math.max(0, size + b + 1);
  return b > a ? [s.slice(a, b), a] : ['', a];
}

function findIn(args: Record<string, unknown>, reverse: boolean): number {
  const [w, offset] = window(str(args.self), args.start, args.end);
  const sub = str(args.substr);
  const i = reverse ? w.lastIndexOf(sub) : w.indexOf(sub);
  return i < 0 ? -1 : i + offset;
}

export const strFind: ImplFn = (args) => findIn(args, false);
export const strRfind: ImplFn = (args) => findIn(args, true);
export const strIndex: ImplFn = (args) => {
  const i = findIn(args, false);
  if (i < 0) throw new OpError('ValueError: substring not found');
  return i;
};
export const strRindex: ImplFn = (args) => {
  const i = findIn(args, true);
  if (i < 0) throw new OpError('ValueError: substring not found');
  return i;
};
export const strCount: ImplFn = (args) => {
  const [w] = window(str(args.self), args.start, args.end);
  const sub = str(args.substr);
  // Python's answer; PyTorch 1.13's C++ loop never ends on an empty substring.
  if (sub.length === 0) return w.length + 1;
  let n = 0;
  for (let i = w.indexOf(sub); i >= 0; i = w.indexOf(sub, i + sub.length)) n++;
  return n;
};
export const strStartsWith: ImplFn = (args) => {
  const [w] = window(str(args.self), args.start, args.end);
  return w.startsWith(str(args.substr));
};
export const strEndsWith: ImplFn = (args) => {
  const [w] = window(str(args.self), args.start, args.end);
  return w.endsWith(str(args.substr));
};

export const strReplace: ImplFn = (args) => {
  const s = str(args.self);
  const old = str(args.old);
  const rep = str(args.new);
  let max = intNum(args.max ?? -1);
  if (max < 0) max = Number.POSITIVE_INFINITY;
  if (old.length === 0) {
    // Python inserts the replacement before every character and at the end.
    const chars = Array.from(s);
    let out = '';
    let done = 0;
    for (let i = 0; i <= chars.length; i++) {
      if (done < max) {
        out += rep;
        done++;
      }
      if (i < chars.length) out += chars[i];
    }
    return out;
  }
  let out = '';
  let from = 0;
  let done = 0;
  while (done < max) {
    const i = s.indexOf(old, from);
    if (i < 0) break;
    out += s.slice(from, i) + rep;
    from = i + old.length;
    done++;
  }
  return out + s.slice(from);
};

function stripSet(chars: unknown): (c: string) => boolean {
  const set = str(chars);
  return (c) => set.includes(c);
}
export const strStrip: ImplFn = (args) => {
  const s = str(args.self);
  const inSet = stripSet(args.chars);
  let a = 0;
  let b = s.length;
  while (a < b && inSet(s[a])) a++;
  while (b > a && inSet(s[b - 1])) b--;
  return s.slice(a, b);
};
export const strLstrip: ImplFn = (args) => {
  const s = str(args.self);
  const inSet = stripSet(args.chars);
  let a = 0;
  while (a < s.length && inSet(s[a])) a++;
  return s.slice(a);
};
export const strRstrip: ImplFn = (args) => {
  const s = str(args.self);
  const inSet = stripSet(args.chars);
  let b = s.length;
  while (b > 0 && inSet(s[b - 1])) b--;
  return s.slice(0, b);
};

/** str.split(separator=None, max=-1): whitespace runs when separator is None (PyTorch then ignores max). */
export const strSplit: ImplFn = (args) => {
  const s = str(args.self);
  const max = intNum(args.max ?? -1);
  const sep = args.separator;
  if (sep === null || sep === undefined) {
    const out: string[] = [];
    let i = 0;
    while (i < s.length) {
      while (i < s.length && isSpace(s[i])) i++;
      if (i >= s.length) break;
      let j = i;
      while (j < s.length && !isSpace(s[j])) j++;
      out.push(s.slice(i, j));
      i = j;
    }
    return out;
  }
  const separator = str(sep);
  if (separator.length === 0) throw new OpError('ValueError: empty separator');
  const out: string[] = [];
  let from = 0;
  while (max < 0 || out.length < max) {
    const i = s.indexOf(separator, from);
    if (i < 0) break;
    out.push(s.slice(from, i));
    from = i + separator.length;
  }
  out.push(s.slice(from));
  return out;
};

/** str.rsplit(separator=' ', max=-1): splits from the right. */
export const strRsplit: ImplFn = (args) => {
  const s = str(args.self);
  const separator = str(args.separator);
  const max = intNum(args.max ?? -1);
  // Python's error; PyTorch 1.13's loop never ends on an empty separator.
  if (separator.length === 0) throw new OpError('ValueError: empty separator');
  const out: string[] = [];
  let to = s.length;
  while (max < 0 || out.length < max) {
    const i = to - separator.length < 0 ? -1 : s.lastIndexOf(separator, to - separator.length);
    if (i < 0) break;
    out.unshift(s.slice(i + separator.length, to));
    to = i;
  }
  out.unshift(s.slice(0, to));
  return out;
};

export const strJoin: ImplFn = (args) => (args.values as unknown[]).map((v) => str(v)).join(str(args.self));

/**
 * str.splitlines as PyTorch implements it: every line-break character ends a piece on its own
 * (so `\r\n` gives an empty piece between), and with keepends the break is a piece of its own.
 */
export const strSplitlines: ImplFn = (args) => {
  const s = str(args.self);
  const keep = args.keepends === true;
  const breaks = '\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029';
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (!breaks.includes(s[i])) continue;
    out.push(s.slice(start, i));
    if (keep) out.push(s[i]);
    start = i + 1;
  }
  if (start !== s.length) out.push(s.slice(start));
  return out;
};

function fillChar(v: unknown): string {
  const c = str(v);
  if (c.length !== 1) throw new OpError('The fill character must be exactly one character long', 'TypeError');
  return c;
}
export const strCenter: ImplFn = (args) => {
  const s = str(args.self);
  const width = intNum(args.width);
  const fill = fillChar(args.fillchar);
  if (width <= s.length) return s;
  checkLength(width);
  const pad = width - s.length;
  // CPython's rule: the extra character goes left when both the padding and the width are odd.
  const left = Math.floor(pad / 2) + (pad & width & 1);
  return fill.repeat(left) + s + fill.repeat(pad - left);
};
export const strLjust: ImplFn = (args) => {
  const s = str(args.self);
  const width = intNum(args.width);
  const fill = fillChar(args.fillchar);
  if (width > s.length) checkLength(width);
  return width <= s.length ? s : s + fill.repeat(width - s.length);
};
export const strRjust: ImplFn = (args) => {
  const s = str(args.self);
  const width = intNum(args.width);
  const fill = fillChar(args.fillchar);
  if (width > s.length) checkLength(width);
  return width <= s.length ? s : fill.repeat(width - s.length) + s;
};
export const strZfill: ImplFn = (args) => {
  const s = str(args.self);
  const width = intNum(args.width);
  // PyTorch pads in front of a sign too (Python keeps the sign first).
  if (width > s.length) checkLength(width);
  return width <= s.length ? s : '0'.repeat(width - s.length) + s;
};
export const strExpandtabs: ImplFn = (args) => {
  const s = str(args.self);
  const size = intNum(args.tabsize);
  let out = '';
  let column = 0;
  for (const c of s) {
    if (c === '\t') {
      if (size > 0) {
        const n = size - (column % size);
        checkLength(out.length + n);
        out += ' '.repeat(n);
        column += n;
      }
    } else {
      out += c;
      // PyTorch counts a newline as a column too (Python restarts the count).
      column += 1;
    }
  }
  return out;
};

export const strPartition: ImplFn = (args) => {
  const s = str(args.self);
  const sep = str(args.separator);
  const i = s.indexOf(sep);
  return i < 0 ? tuple([s, '', '']) : tuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
};
export const strRpartition: ImplFn = (args) => {
  const s = str(args.self);
  const sep = str(args.separator);
  const i = s.lastIndexOf(sep);
  return i < 0 ? tuple(['', '', s]) : tuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
};

/** s[i] (aten::__getitem__.str, prim::StringIndex). */
export function stringAt(s: string, index: unknown): string {
  const n = s.length;
  let i = intNum(index);
  if (i < 0) i += n;
  // PyTorch reads the character with std::string::at, whose message this is (the index as size_t).
  if (i < 0 || i >= n) {
    const at = i < 0 ? 2n ** 64n + BigInt(i) : BigInt(i);
    throw new OpError(`basic_string::at: __n (which is ${at}) >= this->size() (which is ${n})`, 'IndexError');
  }
  return s[i];
}

export const strSlice: ImplFn = (args) =>
  sliceOf(Array.from(str(args.string)), args.start, args.end, args.step).join('');

export const strLen: ImplFn = (args) => str(args.s).length;

export const strList: ImplFn = (args) => Array.from(str(args.t));

export const strOrd: ImplFn = (args) => {
  const s = str(args.string);
  if (s.length !== 1) throw new OpError(`String for ord() must be 1 character, found ${s.length}`);
  return s.charCodeAt(0);
};

export const strChr: ImplFn = (args) => {
  const i = intNum(args.i);
  if (!(i >= 0 && i < 1114111)) throw new OpError(`chr() arg not in range(0x110000), found ${i}`);
  return String.fromCodePoint(i);
};

function radix(prefix: string, base: number): ImplFn {
  return (args) => {
    const v = typeof args.i === 'bigint' ? args.i : BigInt(intNum(args.i));
    return v < 0n ? `-${prefix}${(-v).toString(base)}` : `${prefix}${v.toString(base)}`;
  };
}
export const intHex = radix('0x', 16);
export const intOct = radix('0o', 8);
export const intBin = radix('0b', 2);

export const strGetItem: ImplFn = (args) => stringAt(str(args.s), args.index);
export const stringIndex: ImplFn = (args) => stringAt(str(args.string), args.index);
