/**
 * What a file is, decided by its content alone: the declared name and Content-Type are the
 * uploader's claim, not evidence. Known formats are recognised by their magic numbers (file-type);
 * a file with none is accepted only as a plain UTF-8 text, such as an exported chat.
 */
import { createReadStream } from 'node:fs';
import { fileTypeFromFile } from 'file-type';

/** file-type's extensions of the formats evidence comes in: photos (HEIC from iPhones), documents, phone video and audio. */
const ACCEPTED: ReadonlySet<string> = new Set([
  'jpg', 'png', 'gif', 'webp', 'heic',
  'pdf',
  'mp4', 'mov', 'webm', '3gp',
  'mp3', 'm4a', 'wav', 'ogg', 'oga', 'opus', 'amr',
]);

export const PLAIN_TEXT = 'text/plain';
const BINARY = 'application/octet-stream';

export type Detected = { accepted: true; mediaType: string } | { accepted: false; detected: string };

export async function detectMediaType(path: string): Promise<Detected> {
  const type = await fileTypeFromFile(path);
  if (type) return ACCEPTED.has(type.ext) ? { accepted: true, mediaType: type.mime } : { accepted: false, detected: type.mime };
  const text = await textType(path);
  return text === PLAIN_TEXT ? { accepted: true, mediaType: PLAIN_TEXT } : { accepted: false, detected: text };
}

/** Plain text is valid UTF-8 without NUL bytes, and is not a script or markup a program would run or render. */
async function textType(path: string): Promise<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let head = '';
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
      if (chunk.includes(0)) return BINARY;
      const text = decoder.decode(chunk, { stream: true });
      if (head.length < 64) head += text;
    }
    decoder.decode();
  } catch (error) {
    if (error instanceof TypeError) return BINARY; // not UTF-8
    throw error;
  }
  const start = head.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('#!')) return 'text/x-script';
  if (start.startsWith('<')) return 'text/html';
  return PLAIN_TEXT;
}
