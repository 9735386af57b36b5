import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks headers for one request: the signature is HMAC-SHA256, keyed with the
 * base64-decoded secret, over `<id>.<timestamp>.<body>`.
 */
export function signWebhook(secret: string, messageId: string, timestamp: Date, body: string): Record<string, string> {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const seconds = Math.floor(timestamp.getTime() / 1000);
  const signature = createHmac('sha256', key).update(`${messageId}.${seconds}.${body}`).digest('base64');
  return { 'webhook-id': messageId, 'webhook-timestamp': String(seconds), 'webhook-signature': `v1,${signature}` };
}
