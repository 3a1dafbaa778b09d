import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sanitizeFileName } from '../../../src/evidence/commands.ts';
import { detectMediaType } from '../../../src/evidence/content.ts';
import { contentDisposition } from '../../../src/evidence/routes.ts';
import * as sample from './samples.ts';

const dir = mkdtempSync(join(tmpdir(), 'yimei-evidence-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function detect(bytes: Buffer) {
  // Names that lie about the content: the name is never consulted.
  const path = join(dir, `${++files}-photo.png`);
  writeFileSync(path, bytes);
  return detectMediaType(path);
}

describe('evidence type, decided by content', () => {
  it.each([
    ['a PNG photo', sample.png(), 'image/png'],
    ['a JPEG photo', sample.jpeg(), 'image/jpeg'],
    ['an iPhone HEIC photo', sample.heic(), 'image/heic'],
    ['a PDF invoice', sample.pdf(), 'application/pdf'],
    ['a QuickTime video', sample.mov(), 'video/quicktime'],
    ['a WAV recording', sample.wav(), 'audio/wav'],
    ['an AMR voice memo (its header starts with #!)', sample.amr(), 'audio/amr'],
    ['a UTF-8 chat export', sample.chatExport(), 'text/plain'],
  ])('accepts %s as %s', async (_, bytes, mediaType) => {
    expect(await detect(bytes)).toEqual({ accepted: true, mediaType });
  });

  it.each([
    ['a shell script', sample.shellScript(), 'text/x-script'],
    ['an HTML page', sample.html(), 'text/html'],
    ['a Windows executable', sample.exe(), 'application/x-msdownload'],
    ['a zip archive', sample.zip(), 'application/zip'],
    ['text that is not UTF-8 (GBK)', sample.gbkText(), 'application/octet-stream'],
    ['text with NUL bytes', sample.withNul(), 'application/octet-stream'],
  ])('refuses %s, naming what it is (%s)', async (_, bytes, detected) => {
    expect(await detect(bytes)).toEqual({ accepted: false, detected });
  });
});

describe('file names', () => {
  it('keeps the last path segment and drops control, bidi and file-system-special characters', () => {
    expect(sanitizeFileName('C:\\Users\\张三\\术后照片.jpg')).toBe('术后照片.jpg');
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe');
    expect(sanitizeFileName('a\r\nb"c<>.txt')).toBe('abc.txt');
    expect(sanitizeFileName('.htaccess')).toBe('htaccess');
    expect(sanitizeFileName('   ')).toBe('evidence');
    expect(sanitizeFileName(undefined)).toBe('evidence');
    expect([...sanitizeFileName('长'.repeat(300))]).toHaveLength(200);
  });

  it('encodes a Chinese name for Content-Disposition (RFC 5987) with an ASCII fallback', () => {
    const header = contentDisposition("聊天记录 (2026)'s.txt");
    expect(header).toBe(`attachment; filename="____ (2026)'s.txt"; filename*=UTF-8''%E8%81%8A%E5%A4%A9%E8%AE%B0%E5%BD%95%20%282026%29%27s.txt`);
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe("聊天记录 (2026)'s.txt");
  });
});
