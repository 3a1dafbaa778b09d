/**
 * A real SMTP server for the mail tests (smtp-server), whose messages are parsed with mailparser.
 * A message counts as received only once the server has answered 250 to it: what a sender may
 * consider delivered. `respond` lets a test refuse (e.g. 451) or hold a message unanswered.
 */
import { createServer } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  notice: string;
  parsed: ParsedMail;
}

/** accept; refuse with an SMTP code; or hold: answer nothing (the returned promise tells the test). */
export type Response = 'accept' | { code: number; message?: string } | 'hold';

export interface TestSmtpServer {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** Every DATA the server saw, answered or not. */
  attempts: number;
  /** Decides the answer to each message (attempt number from 1). */
  respond: (attempt: number, mail: ParsedMail) => Response;
  /** Resolves when a message is being held. */
  held(): Promise<ParsedMail>;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** A port nothing listens on (yet). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const addresses = (value: ParsedMail['to']): string[] =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((a) => a.value.map((v) => v.address ?? ''));

export async function startSmtpServer(options: { port?: number } = {}): Promise<TestSmtpServer> {
  let onHold: ((mail: ParsedMail) => void) | undefined;
  const heldCallbacks: Array<(error?: Error) => void> = [];
  const state: TestSmtpServer = {
    port: 0,
    url: '',
    received: [],
    attempts: 0,
    respond: () => 'accept',
    held: () => new Promise((resolve) => (onHold = resolve)),
    async waitFor(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (state.received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, received ${state.received.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
      return state.received;
    },
    async close() {
      for (const callback of heldCallbacks.splice(0)) callback(Object.assign(new Error('shutting down'), { responseCode: 421 }));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const response = state.respond(++state.attempts, parsed);
          if (response === 'hold') {
            heldCallbacks.push(callback);
            onHold?.(parsed);
            return;
          }
          if (response !== 'accept') {
            return callback(Object.assign(new Error(response.message ?? 'try again later'), { responseCode: response.code }));
          }
          state.received.push({
            messageId: parsed.messageId ?? '',
            to: addresses(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            notice: String(parsed.headers.get('x-yimei-notice') ?? ''),
            parsed,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  state.port = (server.server.address() as { port: number }).port;
  state.url = `smtp://127.0.0.1:${state.port}`;
  return state;
}
