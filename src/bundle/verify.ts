/** `cli bundle:verify FILE.pdf`: a bundle checked from the file alone (manifest.ts says what is checked). */
import { readFile } from 'node:fs/promises';
import { extractAttachments } from './extract.ts';
import { MANIFEST_NAME, verifyBundle, type BundleVerification } from './manifest.ts';

export async function verifyBundleFile(path: string): Promise<BundleVerification> {
  const pdf = await readFile(path);
  let attachments: Map<string, Uint8Array>;
  try {
    attachments = await extractAttachments(pdf);
  } catch (error) {
    return { valid: false, problems: [`${path}: not a readable PDF (${(error as Error).message})`], checkedFiles: 0, checkedEvents: 0 };
  }
  const manifest = attachments.get(MANIFEST_NAME);
  return verifyBundle(manifest && Buffer.from(manifest).toString('utf8'), attachments);
}
