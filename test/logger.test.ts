import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, logFormatFor, maskUrlSecrets } from '../src/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, log: createLogger('info', stream) };
}

describe('secrets never reach the logs', () => {
  it('masks personal URL tokens and the bot token in URLs', () => {
    expect(maskUrlSecrets('/hooks/tradingview/AbCdEfGhIjKlMnOpQrStUvWx?x=1')).toBe('/hooks/tradingview/AbCdEf…?x=1');
    expect(maskUrlSecrets('/personal/AbCdEfGhIjKlMnOpQrStUvWx/webhook')).toBe('/personal/AbCdEf…/webhook');
    expect(maskUrlSecrets('https://api.telegram.org/bot123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ/getMe')).toBe('https://api.telegram.org/bot<redacted>/getMe');
  });

  it('redacts secret fields and masks request URLs', () => {
    const { lines, log } = capture();
    log.info(
      {
        req: { method: 'POST', url: '/hooks/tradingview/SuperSecretTokenValue123', headers: { authorization: 'Bearer hunter2' } },
        user: { token: 'tok-secret', apiSecret: 'api-secret', passphrase: 'pass-secret' },
        password: 'pw-secret',
        apiKeys: { key: 'hb_key-secret', webhookSecret: 'whsec_signing-secret' },
      },
      'request failed',
    );
    const output = lines.join('');
    for (const secret of ['SuperSecretTokenValue123', 'hunter2', 'tok-secret', 'api-secret', 'pass-secret', 'pw-secret', 'hb_key-secret', 'whsec_signing-secret']) {
      expect(output).not.toContain(secret);
    }
    expect(output).toContain('/hooks/tradingview/SuperS…');
  });
});

describe('log format', () => {
  it('is pretty only when stdout is a terminal, JSON otherwise (files, pipes, log collectors)', () => {
    expect(logFormatFor({ isTTY: true })).toBe('pretty');
    expect(logFormatFor({ isTTY: false })).toBe('json');
    // A pipe or a file has no isTTY at all.
    expect(logFormatFor({})).toBe('json');
  });
});
