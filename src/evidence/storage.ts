/**
 * Evidence files under DATA_DIR/evidence/<first two hex>/<sha256>: named by content, so the same
 * bytes are stored once, and never changed. An upload is written to a temp file beside
 * them while it is hashed (never held in memory), then moved into place by an atomic rename.
 * Only the erasure of the person who submitted them deletes files (deleteEvidenceFile).
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface Received {
  /** The temp file, until kept or discarded. */
  path: string;
  sha256: string;
  size: number;
}

export interface EvidenceStore {
  /** Writes an upload to a temp file, hashing and counting as it goes. */
  receive(source: Readable): Promise<Received>;
  /** Moves a received file into place, unless the same bytes are stored already. */
  keep(received: Received): Promise<void>;
  discard(received: Received): Promise<void>;
  /** The stored file's size, or undefined when it is missing. */
  sizeOf(sha256: string): Promise<number | undefined>;
  open(sha256: string): ReadStream;
}

const blobPathIn = (dataDir: string, sha256: string) => join(dataDir, 'evidence', sha256.slice(0, 2), sha256);

/** Deletes a stored file: only for an erasure (src/privacy/erase.ts), which knows no one else's evidence has these bytes. */
export async function deleteEvidenceFile(dataDir: string, sha256: string): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/.test(sha256)) return false;
  const path = blobPathIn(dataDir, sha256);
  const existed = await exists(path);
  await rm(path, { force: true });
  return existed;
}

export async function openEvidenceStore(dataDir: string): Promise<EvidenceStore> {
  const root = join(dataDir, 'evidence');
  const incoming = join(root, 'incoming');
  await mkdir(incoming, { recursive: true });
  await clearStale(incoming);
  const blobPath = (sha256: string) => blobPathIn(dataDir, sha256);

  return {
    async receive(source) {
      const path = join(incoming, randomUUID());
      const hash = createHash('sha256');
      let size = 0;
      const measure = new Transform({
        transform(chunk: Buffer, _, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      try {
        await pipeline(source, measure, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
      } catch (error) {
        await rm(path, { force: true });
        throw error;
      }
      return { path, sha256: hash.digest('hex'), size };
    },

    async keep({ path, sha256 }) {
      const target = blobPath(sha256);
      if (await exists(target)) return rm(path, { force: true });
      await mkdir(join(root, sha256.slice(0, 2)), { recursive: true });
      // Two uploads of the same bytes at once both rename onto the same identical content: harmless.
      await rename(path, target);
    },

    discard: ({ path }) => rm(path, { force: true }),

    async sizeOf(sha256) {
      try {
        return (await stat(blobPath(sha256))).size;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },

    open: (sha256) => createReadStream(blobPath(sha256)),
  };
}

/** Temp files untouched for an hour were cut off by a crash mid-upload, and never recorded. */
async function clearStale(incoming: string): Promise<void> {
  const cutoff = Date.now() - 60 * 60 * 1000;
  for (const name of await readdir(incoming)) {
    const path = join(incoming, name);
    const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Infinity }));
    if (mtimeMs < cutoff) await rm(path, { force: true });
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
