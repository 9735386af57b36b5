/** How a user reaches the scrape API in tests: the key from /apikey, then plain HTTP. */
import type { FakeTelegram } from './fakeTelegram.js';

export interface ApiCredentials {
  key: string;
  secret: string;
}

/** The API key and webhook secret, read the way a user gets them: from /apikey in the chat. */
export async function apiCredentials(telegram: FakeTelegram, userId: number): Promise<ApiCredentials> {
  const asked = Date.now();
  telegram.sendUserMessage({ id: userId, first_name: 'Test' }, '/apikey');
  const reply = await telegram.waitForMessage(userId, (message) => message.at >= asked && (message.text ?? '').includes('whsec_'));
  const key = /<code>(hb_[A-Za-z0-9_-]+)<\/code>/.exec(reply.text ?? '')?.[1];
  const secret = /<code>(whsec_[A-Za-z0-9+/=]+)<\/code>/.exec(reply.text ?? '')?.[1];
  if (!key || !secret) throw new Error(`no key or secret in: ${reply.text}`);
  return { key, secret };
}

export async function api(
  baseUrl: string,
  method: 'GET' | 'POST',
  path: string,
  options: { key?: string; body?: unknown; rawBody?: string } = {},
): Promise<{ status: number; body: Record<string, unknown>; text: string; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = {};
  }
  return { status: response.status, body, text, headers: response.headers };
}

/** Polls GET /jobs/<id> until the job has ended. */
export async function waitForJobEnd(baseUrl: string, key: string, jobId: string, timeoutMs = 60_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await api(baseUrl, 'GET', `/jobs/${jobId}`, { key });
    if (['completed', 'failed', 'cancelled'].includes(String(body.status))) return body;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${String(body.status)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export { waitUntil } from './until.js';
