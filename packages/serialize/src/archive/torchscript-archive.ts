import { ArchiveError } from '../errors/archive-error.js';
import { archiveRoot } from '../zip/archive-root.js';
import { ZipReader, type ZipReaderOptions } from '../zip/zip-reader.js';

/** The oldest and newest file format versions PyTorch 1.13 and 2.x read (caffe2::serialize's kMin/kMax). */
export const ARCHIVE_VERSIONS = { min: 1, max: 10 } as const;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The records of a TorchScript archive (`torch.jit.save`'s layout, docs/architecture.md §5):
 * `<root>/version` (or `.data/version`), `data.pkl`, `constants.pkl`, `code/**.py`, `data/<key>`,
 * `constants/<key>`, `extra/<name>`. Records are read on demand; stored records are views of the
 * input bytes (no copy).
 */
export class TorchScriptArchive {
  readonly zip: ZipReader;
  /** The top-level folder every record sits in (`model`). */
  readonly root: string;
  /** The file format version. */
  readonly version: number;

  private constructor(zip: ZipReader, root: string, version: number) {
    this.zip = zip;
    this.root = root;
    this.version = version;
  }

  static open(bytes: Uint8Array, options: ZipReaderOptions = {}): TorchScriptArchive {
    const zip = ZipReader.open(bytes, options);
    const root = archiveRoot(zip);
    const versionName = [`${root}/version`, `${root}/.data/version`].find((n) => zip.has(n));
    if (versionName === undefined) throw new ArchiveError('the archive has no version record', `${root}/version`);
    const text = decodeText(zip.read(versionName), versionName).trim();
    const version = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
    if (!(version >= ARCHIVE_VERSIONS.min && version <= ARCHIVE_VERSIONS.max)) {
      throw new ArchiveError(
        `unsupported archive version '${text.slice(0, 40)}': the supported versions are ${ARCHIVE_VERSIONS.min} to ${ARCHIVE_VERSIONS.max}`,
        versionName,
      );
    }
    return new TorchScriptArchive(zip, root, version);
  }

  /** Whether the record `<root>/<name>` exists. */
  has(name: string): boolean {
    return this.zip.has(`${this.root}/${name}`);
  }

  /** The bytes of `<root>/<name>` (an ArchiveError naming it when it is missing); `verifyCrc` as ZipReader.read. */
  record(name: string, options?: { verifyCrc?: boolean }): Uint8Array {
    const full = `${this.root}/${name}`;
    if (!this.zip.has(full)) throw new ArchiveError('the archive has no such record', full);
    return this.zip.read(full, options);
  }

  /** The full entry name of `<root>/<name>` (for messages). */
  entryName(name: string): string {
    return `${this.root}/${name}`;
  }

  /** The TorchScript sources under `code/`, by path below it (`__torch__/m.py`). */
  codeFiles(): Map<string, string> {
    const prefix = `${this.root}/code/`;
    const files = new Map<string, string>();
    for (const entry of this.zip.entries) {
      if (!entry.name.startsWith(prefix) || !entry.name.endsWith('.py')) continue;
      files.set(entry.name.slice(prefix.length), decodeText(this.zip.read(entry.name), entry.name));
    }
    return files;
  }

  /** The names of the records under `extra/`. */
  extraNames(): string[] {
    const prefix = `${this.root}/extra/`;
    return this.zip.entries.filter((e) => e.name.startsWith(prefix)).map((e) => e.name.slice(prefix.length));
  }
}

function decodeText(bytes: Uint8Array, entry: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new ArchiveError('the record is not valid UTF-8 text', entry);
  }
}
