/**
 * Delivering notifications: an HTTP POST of JSON (chat webhooks, the generic webhook) or an
 * e-mail through nodemailer, each retried with exponential back-off. The sleep between tries is
 * passed in, so tests run the retries without waiting.
 */
import { createTransport } from 'nodemailer';

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryPolicy {
  /** Tries in all (the first one included). */
  attempts: number;
  /** The wait before the second try; it doubles for each further one. */
  baseDelayMs: number;
  sleep: Sleep;
}

/**
 * Runs `send` until it succeeds or the tries are used up; `onFailure` hears of every failed
 * try. Returns the last error, or null on success.
 */
export async function withRetry(
  send: () => Promise<void>,
  policy: RetryPolicy,
  onFailure: (error: Error, attempt: number, willRetry: boolean) => void,
): Promise<Error | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      await send();
      return null;
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      const willRetry = attempt < policy.attempts;
      onFailure(e, attempt, willRetry);
      if (!willRetry) return e;
      await policy.sleep(policy.baseDelayMs * 2 ** (attempt - 1));
    }
  }
}

/** POSTs `payload` as JSON; any answer but 2xx is an error naming the status (never the URL: it is a secret). */
export async function postJson(url: string, payload: unknown, timeoutMs = 30_000): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'opsbook-notify' },
      body: JSON.stringify(payload),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause?.code;
    throw new Error(`request failed${cause ? ` (${cause})` : ''}`);
  }
  // Read the body so the connection is released.
  await response.arrayBuffer().catch(() => undefined);
  if (response.status < 200 || response.status > 299) throw new Error(`HTTP ${response.status}`);
}

export interface Mail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Stable per event: a receiver can tell a re-sent mail. */
  messageId: string;
}

/** Sends one mail through the SMTP server of `smtpUrl` (`smtp://user:pass@host:port`, options as query). */
export async function sendMail(smtpUrl: string, mail: Mail): Promise<void> {
  const transport = createTransport(smtpUrl);
  try {
    await transport.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
    });
  } catch (error) {
    // nodemailer's messages may quote the server's greeting, never the password.
    throw new Error(`SMTP: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    transport.close();
  }
}
