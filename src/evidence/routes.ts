/**
 * The evidence HTTP routes (API.md "Evidence"): upload as multipart, download as the file. Both are
 * authorised like the dispute itself: the GraphQL bearer token, and NOT_FOUND for a dispute (or an
 * item) the caller may not see, exactly as for one that does not exist.
 */
import multipart, { type MultipartFields } from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { relationOf, type Viewer } from '../dispute/access.ts';
import { decide } from '../dispute/dispute.ts';
import { evidenceVisibleTo } from '../dispute/view.ts';
import type { Authenticate } from '../graphql/auth.ts';
import type { Platform } from '../platform.ts';
import { badInput, DomainError, notFound, type ErrorCode } from '../shared/errors.ts';
import { parseInput } from '../shared/validation.ts';
import { evidenceFields, sanitizeFileName, type EvidenceFields, type SubmitEvidence } from './commands.ts';
import { detectMediaType, PLAIN_TEXT } from './content.ts';
import { openEvidenceStore } from './storage.ts';

export interface EvidenceRoutesOptions {
  platform: Platform;
  authenticate: Authenticate;
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  INVALID_TRANSITION: 409,
  CONCURRENCY_CONFLICT: 409,
  DEADLINE_PASSED: 409,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** A file refused for what it is rather than for the form around it: 413 or 415. */
class FileRefused extends DomainError {
  readonly status: number;
  constructor(status: number, message: string, extensions: Record<string, unknown> = {}) {
    super('BAD_USER_INPUT', message, { issues: [{ path: 'file', message }], ...extensions });
    this.status = status;
  }
}

/**
 * A body that is not the multipart form it says it is (no boundary, cut off inside a part): the
 * client's to fix, 400, whichever part of the parser noticed it.
 */
function malformedUpload(error: unknown): FileRefused {
  const reason = error instanceof Error ? error.message : String(error);
  const message = `multipart/form-data 请求体格式错误 / malformed multipart/form-data body: ${reason}`;
  const refused = new FileRefused(400, message);
  refused.extensions.issues = [{ path: 'body', message }];
  return refused;
}

/** Errors the multipart parser raises for the body itself; its limits (413) and our own refusals carry a status already. */
const isParseError = (error: unknown) => !(error instanceof DomainError) && typeof (error as { statusCode?: unknown })?.statusCode !== 'number';

/** RFC 6266 / 5987: an ASCII fallback, and the real (often Chinese) name percent-encoded as UTF-8. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** The string values of the fields that came before the file; a repeated field stays a list (and fails validation). */
function fieldValues(fields: MultipartFields): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, part] of Object.entries(fields)) {
    const parts = (Array.isArray(part) ? part : [part]).filter((p) => p?.type === 'field');
    if (parts.length > 0) values[name] = parts.length === 1 ? parts[0]!.value : parts.map((p) => p!.value);
  }
  return values;
}

export const evidenceRoutes: FastifyPluginAsync<EvidenceRoutesOptions> = async (app, { platform, authenticate }) => {
  const { config } = platform;
  const store = await openEvidenceStore(config.dataDir);
  // Registered here, so multipart bodies are parsed only on these routes.
  await app.register(multipart, { limits: { fileSize: config.evidenceMaxBytes, files: 1, fields: 8, fieldSize: 16 * 1024, parts: 10 } });

  app.setErrorHandler((error, request, reply) => {
    if (error instanceof DomainError) {
      const status = error instanceof FileRefused ? error.status : HTTP_STATUS[error.code];
      // Stop taking the rest of an oversized upload.
      if (status === 413) reply.header('connection', 'close');
      return reply.code(status).send({ error: { code: error.code, message: error.message, ...error.extensions } });
    }
    // Malformed multipart bodies and their limits, as Fastify and @fastify/multipart report them.
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status < 500) return reply.code(status).send({ error: { code: 'BAD_USER_INPUT', message: (error as Error).message } });
    request.log.error({ err: error }, 'evidence request failed');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: '内部错误 / internal error' } });
  });

  async function viewerOf(request: FastifyRequest): Promise<Viewer> {
    const { viewer } = await authenticate(request.headers.authorization);
    if (!viewer) throw new DomainError('UNAUTHENTICATED', '请先登录 / sign in first');
    return viewer;
  }

  function visibleDispute(disputeId: string, viewer: Viewer) {
    const state = platform.queries.dispute(disputeId);
    const relation = state && relationOf(state, viewer);
    if (!state || !relation) throw notFound();
    return { state, relation };
  }

  /** Receives the file, refuses it for its size or its content, else keeps it by its hash. */
  async function accept(file: Readable & { truncated?: boolean }) {
    // An error the file's own stream emits is the body breaking off; one from the disk is ours (500).
    let broken: unknown;
    file.once('error', (error) => (broken = error));
    const received = await store.receive(file).catch((error: unknown) => {
      throw error === broken ? malformedUpload(error) : error;
    });
    try {
      if (file.truncated) {
        throw new FileRefused(413, `文件超过 ${config.evidenceMaxBytes} 字节 / the file is larger than ${config.evidenceMaxBytes} bytes`, {
          maxBytes: config.evidenceMaxBytes,
        });
      }
      if (received.size === 0) throw badInput([{ path: 'file', message: '文件为空 / the file is empty' }]);
      const type = await detectMediaType(received.path);
      if (!type.accepted) {
        throw new FileRefused(415, `不接受的文件类型 ${type.detected}（按内容识别）/ file type not accepted: ${type.detected} (detected from its content)`, {
          detectedType: type.detected,
        });
      }
      await store.keep(received);
      return { sha256: received.sha256, size: received.size, mediaType: type.mediaType };
    } catch (error) {
      await store.discard(received);
      throw error;
    }
  }

  app.post<{ Params: { id: string } }>('/disputes/:id/evidence', async (request, reply) => {
    const viewer = await viewerOf(request);
    const disputeId = request.params.id;
    const { state } = visibleDispute(disputeId, viewer);
    if (!request.isMultipart()) throw badInput([{ path: 'file', message: '请以 multipart/form-data 上传 / upload as multipart/form-data' }]);

    const part = await request.file().catch((error: unknown) => {
      throw isParseError(error) ? malformedUpload(error) : error;
    });
    if (!part || part.fieldname !== 'file') {
      part?.file.resume();
      throw badInput([{ path: 'file', message: '缺少文件（字段 file）/ no file in the field "file"' }]);
    }
    let fields: EvidenceFields;
    try {
      fields = parseInput(evidenceFields, fieldValues(part.fields));
      // The decision the command will take, made early so that a refused upload never reaches the disk.
      const ctx = { now: config.clock.now(), viewer, rules: config.rules, newId: () => '' };
      decide(state, { type: 'submitEvidence', data: { ...fields, fileName: '', mediaType: '', size: 0, sha256: '' } }, ctx);
    } catch (error) {
      part.file.resume();
      throw error;
    }

    const { sha256, size, mediaType } = await accept(part.file);
    const data: SubmitEvidence = { ...fields, fileName: sanitizeFileName(part.filename), mediaType, size, sha256 };
    const result = await platform.execute(disputeId, { type: 'submitEvidence', data }, { viewer, correlationId: request.id });
    const submitted = result.appended[0]!.data as { evidenceId: string };
    return reply.code(201).send({ id: submitted.evidenceId, sha256, size, mediaType });
  });

  // No HEAD route: it would record a download that sends nothing.
  app.get<{ Params: { id: string; evidenceId: string } }>('/disputes/:id/evidence/:evidenceId', { exposeHeadRoute: false }, async (request, reply) => {
    const viewer = await viewerOf(request);
    const { id: disputeId, evidenceId } = request.params;
    const { state, relation } = visibleDispute(disputeId, viewer);
    const item = evidenceVisibleTo(state, evidenceId, relation);
    if (!item) throw notFound('evidence');
    // Check the file before recording a download that could not happen.
    const storedSize = await store.sizeOf(item.sha256);
    if (storedSize !== item.size) throw new Error(`evidence file ${item.sha256} is ${storedSize === undefined ? 'missing' : 'damaged'}`);

    await platform.execute(disputeId, { type: 'downloadEvidence', data: { evidenceId } }, { viewer, correlationId: request.id });
    // Durable before the first byte goes out (src/privacy/accessLog.ts).
    await platform.accessLog.record(viewer, [{ personId: state.claimant.userId, disputeId, caseNumber: state.caseNumber, field: 'evidence.file', ref: evidenceId }], 'EVIDENCE_DOWNLOAD', request.id);
    return reply
      .header('content-type', item.mediaType === PLAIN_TEXT ? `${PLAIN_TEXT}; charset=utf-8` : item.mediaType)
      .header('content-length', item.size)
      .header('content-disposition', contentDisposition(item.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      // Every download must reach the server to be recorded.
      .header('cache-control', 'private, no-store')
      .header('etag', `"${item.sha256}"`)
      .send(store.open(item.sha256));
  });
};
