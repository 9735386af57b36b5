import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const token = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: token });
    expect(config.http).toEqual({ host: '0.0.0.0', port: 3000, publicUrl: 'http://localhost:3000' });
    expect(config.telegram.mode).toBe('polling');
    expect(config.hooks).toEqual({ bodyLimitBytes: 65536, rateLimitPerMinute: 120, dedupeWindowSeconds: 60 });
    expect(config.database.url).toBeUndefined();
    expect(config.adminIds).toEqual([]);
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token, PORT: '', DATABASE_URL: '' }).http.port).toBe(3000);
  });

  it('reports every problem, one line each', () => {
    try {
      loadConfig({ PORT: 'abc', ADMIN_IDS: '1, x', BOT_MODE: 'webhook', NEW_USERS_ACTIVE: 'maybe' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems;
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^TELEGRAM_BOT_TOKEN is required/),
          expect.stringMatching(/^PORT /),
          expect.stringMatching(/^ADMIN_IDS .*not a number: x/),
          expect.stringMatching(/^NEW_USERS_ACTIVE /),
        ]),
      );
    }
  });

  it('requires a webhook secret in webhook mode', () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, BOT_MODE: 'webhook' })).toThrow(/TELEGRAM_WEBHOOK_SECRET is required when BOT_MODE=webhook/);
  });

  it('parses admin ids', () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token, ADMIN_IDS: '1, 22,333' }).adminIds).toEqual([1, 22, 333]);
  });
});
