/**
 * Local stand-ins for the notification receivers, on 127.0.0.1: an HTTP server per webhook
 * channel that records every JSON request (and can answer with an error), and a real SMTP
 * server (smtp-server) that records every mail with its decoded text and HTML parts.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface RecordedRequest {
  method: string;
  contentType: string;
  body: string;
  json: unknown;
}

export interface HookReceiver {
  url: string;
  requests: RecordedRequest[];
  /** The statuses of the next answers, first first; 200 once they are used up. */
  answers: number[];
  close: () => Promise<void>;
}

export async function hookReceiver(): Promise<HookReceiver> {
  const receiver: HookReceiver = { url: '', requests: [], answers: [], close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const status = receiver.answers.shift() ?? 200;
      if (status === 200) {
        receiver.requests.push({
          method: req.method ?? '',
          contentType: req.headers['content-type'] ?? '',
          body,
          json: JSON.parse(body),
        });
      }
      res.writeHead(status).end(status === 200 ? 'ok' : 'boom');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/hook/secret-token`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}

export interface RecordedMail {
  user: string | undefined;
  from: string;
  to: string[];
  raw: string;
  subject: string;
  text: string;
  html: string;
}

function decodePart(headers: string, body: string): string {
  if (/content-transfer-encoding:\s*base64/i.test(headers)) {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  if (/content-transfer-encoding:\s*quoted-printable/i.test(headers)) {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/** The decoded text/plain and text/html parts of a multipart/alternative mail. */
function parts(raw: string): { text: string; html: string } {
  const result = { text: '', html: '' };
  for (const part of raw.split(/\r?\n--[^\r\n]+\r?\n/)) {
    const split = part.search(/\r?\n\r?\n/);
    if (split < 0) continue;
    const headers = part.slice(0, split);
    const body = part
      .slice(split)
      .replace(/^\r?\n\r?\n/, '')
      .replace(/\r?\n--[^\r\n]+--\s*$/, '');
    if (/content-type:\s*text\/plain/i.test(headers)) result.text = decodePart(headers, body);
    if (/content-type:\s*text\/html/i.test(headers)) result.html = decodePart(headers, body);
  }
  return result;
}

export interface MailReceiver {
  url: string;
  mails: RecordedMail[];
  close: () => Promise<void>;
}

export async function mailReceiver(): Promise<MailReceiver> {
  const mails: RecordedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'notifier' && auth.password === 'pw') callback(null, { user: auth.username });
      else callback(new Error('bad credentials'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)?.[1] ?? '';
        mails.push({
          user: typeof session.user === 'string' ? session.user : undefined,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          subject: subject.replace(/\r?\n[ \t]/g, ' '),
          ...parts(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://notifier:pw@127.0.0.1:${port}/?ignoreTLS=true`,
    mails,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
