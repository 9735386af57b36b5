import { describe, expect, it } from 'vitest';
import { parseGreenApiWebhook } from '../handlers/whatsapp.js';
import { whatsappStateProblem } from '../src/services/health/connectionHealth.js';
import { QUICK_REPLY_NAME_MAX, quickReplyName } from '../src/services/relay/quickReplies.js';
import { greenApiWebhooks } from './support/fakeGreenApi.js';

/** The pure rules of the team inbox: quick-reply names, the Green API stub, instance states as problems. */
describe('quick reply names', () => {
  it('are one word, lower-cased, not a /q verb, within the limit', () => {
    expect(quickReplyName(' Hello ')).toEqual({ ok: true, name: 'hello' });
    expect(quickReplyName('цена_1')).toEqual({ ok: true, name: 'цена_1' });
    expect(quickReplyName('شكرا')).toEqual({ ok: true, name: 'شكرا' });
    expect(quickReplyName('')).toEqual({ ok: false, error: 'empty' });
    expect(quickReplyName('two words')).toEqual({ ok: false, error: 'characters' });
    expect(quickReplyName('a.b')).toEqual({ ok: false, error: 'characters' });
    expect(quickReplyName('LIST')).toEqual({ ok: false, error: 'reserved' });
    expect(quickReplyName('x'.repeat(QUICK_REPLY_NAME_MAX))).toMatchObject({ ok: true });
    expect(quickReplyName('x'.repeat(QUICK_REPLY_NAME_MAX + 1))).toEqual({ ok: false, error: 'too-long' });
  });
});

describe('the Green API stub before a decrypted message', () => {
  const connection = { webhookToken: 'secret-token-1234567890', idInstance: '1101000001' };
  const hooks = greenApiWebhooks({ idInstance: '1101000001', wid: '79990001122@c.us' }, 'https://example.org');
  const request = (body: unknown) => ({ contentType: 'application/json', body: Buffer.from(JSON.stringify(body)), headers: { authorization: 'Bearer secret-token-1234567890' } });

  it('is a pending message under a key of its own, so the decrypted one (same idMessage) is not its duplicate', () => {
    expect(parseGreenApiWebhook(request(hooks.text('3AE2864C77312000000', '{{SWE001}}')), connection)).toMatchObject({
      ok: true,
      event: { kind: 'message', idMessage: '3AE2864C77312000000', content: { type: 'pending', marker: '{{SWE001}}' } },
      dedupe: { key: 'wa-stub:1101000001:3AE2864C77312000000' },
    });
    expect(parseGreenApiWebhook(request(hooks.text('3AE2864C77312000000', 'the text')), connection)).toMatchObject({
      ok: true,
      event: { content: { type: 'text', text: 'the text' } },
      dedupe: { key: 'wa:1101000001:3AE2864C77312000000' },
    });
    // The marker inside a customer's own words is just text.
    expect(parseGreenApiWebhook(request(hooks.text('T-2', 'I saw {{SWE001}} on my phone')), connection)).toMatchObject({ event: { content: { type: 'text' } } });
  });
});

describe('instance states as problems', () => {
  it('authorized is healthy, starting is left alone, the rest are told with what to do', () => {
    expect(whatsappStateProblem('authorized', '1101')).toBeNull();
    expect(whatsappStateProblem('starting', '1101')).toBeUndefined();
    expect(whatsappStateProblem('notAuthorized', '1101')).toMatchObject({ code: 'wa-state:notAuthorized', notice: 'health-wa-not-authorized' });
    expect(whatsappStateProblem('blocked', '1101')).toMatchObject({ notice: 'health-wa-blocked' });
    expect(whatsappStateProblem('sleepMode', '1101')).toMatchObject({ notice: 'health-wa-sleep' });
    expect(whatsappStateProblem('yellowCard', '1101')).toMatchObject({ code: 'wa-state:yellowCard', notice: 'health-wa-state-other', variables: { state: 'yellowCard' } });
  });
});
