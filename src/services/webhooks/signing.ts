import { Webhook } from 'standardwebhooks';

/**
 * Standard Webhooks headers for one request, signed by the spec's reference library (the one
 * receivers verify with), so the signature scheme is never ours to get wrong. `messageId` is the
 * delivery's stored id: a retry carries the same `webhook-id`, which lets receivers drop repeats.
 */
export function signWebhook(secret: string, messageId: string, timestamp: Date, body: string): Record<string, string> {
  const seconds = Math.floor(timestamp.getTime() / 1000);
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(seconds),
    'webhook-signature': new Webhook(secret).sign(messageId, timestamp, body),
  };
}
