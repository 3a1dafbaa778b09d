import { createCipheriv, createDecipheriv, randomBytes, randomFillSync } from 'node:crypto';

// What a personal value becomes in a stored event: AES-256-GCM under its subject's key. The AAD binds
// the ciphertext to its event and field path, so an envelope copied elsewhere does not open.
export interface Envelope {
  readonly pii: 1;
  readonly subject: string;
  /** Which of the subject's keys: a subject erased and then heard of again gets a new key, never the old one back. */
  readonly kid: string;
  /** The fields of the event it holds (field paths, no personal data): an erased event still shows which. */
  readonly paths?: readonly string[];
  readonly iv: string;
  readonly ct: string;
  readonly tag: string;
}

/** Where an event's data keeps its envelope (store.ts). */
export const SEALED = '$pii';

// What a reader sees for a subject whose key was deleted (crypto-shredded).
export const ERASED = '已删除' as const;

export const newSubjectKey = (): Buffer => randomBytes(32);

// Random IVs drawn from a pool refilled from the CSPRNG: one call per 1024 IVs (a call each cost as much as the cipher).
const IV_BYTES = 12;
const ivPool = Buffer.alloc(IV_BYTES * 1024);
let ivOffset = ivPool.length;
function nextIv(): Buffer {
  if (ivOffset >= ivPool.length) {
    randomFillSync(ivPool);
    ivOffset = 0;
  }
  return Buffer.from(ivPool.subarray(ivOffset, (ivOffset += IV_BYTES)));
}

export function seal(key: Buffer, subject: string, value: unknown, aad: string, kid = subject): Envelope {
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return { pii: 1, subject, kid, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

export const isEnvelope = (value: unknown): value is Envelope =>
  typeof value === 'object' && value !== null && (value as { pii?: unknown }).pii === 1 && typeof (value as { ct?: unknown }).ct === 'string';

// No key: the subject was erased. A wrong key or a tampered envelope throws (GCM authentication).
export function open(key: Buffer | undefined, envelope: Envelope, aad: string): unknown {
  if (!key) return ERASED;
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(envelope.ct, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8'));
}
