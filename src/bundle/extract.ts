/**
 * Reads a bundle's file attachments back (pdf-lib): the EmbeddedFiles name tree of the catalog, each
 * file's stream decoded. Used by `cli bundle:verify` and the tests.
 */
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString, type PDFObject } from 'pdf-lib';

const nameOf = (o: PDFObject | undefined) => (o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined);

export async function extractAttachments(pdf: Uint8Array): Promise<Map<string, Uint8Array>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const files = new Map<string, Uint8Array>();
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const root = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);

  const walk = (node: PDFDict) => {
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; i < (kids?.size() ?? 0); i++) walk(kids!.lookup(i, PDFDict));
    const pairs = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; i + 1 < (pairs?.size() ?? 0); i += 2) {
      const spec = pairs!.lookup(i + 1, PDFDict);
      const name = nameOf(spec.lookup(PDFName.of('UF'))) ?? nameOf(spec.lookup(PDFName.of('F'))) ?? nameOf(pairs!.lookup(i));
      const stream = spec.lookupMaybe(PDFName.of('EF'), PDFDict)?.lookup(PDFName.of('F'));
      if (!name || !(stream instanceof PDFRawStream)) continue;
      files.set(name, decodePDFRawStream(stream).decode());
    }
  };
  if (root) walk(root);
  return files;
}
