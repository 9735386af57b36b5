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

  it('has safe defaults for Maps scrapes and outbound webhooks, and checks them', () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: token });
    expect(config.scrape).toEqual({
      mapsBaseUrl: 'https://www.google.com',
      chromiumPath: undefined,
      concurrency: 3,
      maxResults: 200,
      jobsPerWorker: 2,
      emailTimeoutSeconds: 8,
      browserNice: 10,
    });
    expect(config.webhooks).toEqual({ allowPrivate: false, retrySeconds: 900, dnsServers: [] });
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token, DNS_SERVERS: '10.0.0.2, 127.0.0.1:5353' }).webhooks.dnsServers).toEqual(['10.0.0.2', '127.0.0.1:5353']);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, DNS_SERVERS: 'dns.example' })).toThrow(/DNS_SERVERS must be comma-separated IP addresses/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, SCRAPE_CONCURRENCY: '0' })).toThrow(/SCRAPE_CONCURRENCY/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, MAPS_BASE_URL: 'maps' })).toThrow(/MAPS_BASE_URL/);
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token, SCRAPE_BROWSER_NICE: '0' }).scrape.browserNice).toBe(0);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, SCRAPE_BROWSER_NICE: '20' })).toThrow(/SCRAPE_BROWSER_NICE/);
  });
});

describe('trading settings (issue #3)', () => {
  it('defaults to Bybit itself, 600 requests per 5 s, and no shared /webhook', () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: token });
    expect(config.trading).toMatchObject({ baseUrl: undefined, demoBaseUrl: undefined, rateLimit: 600, rateWindowMs: 5000, signalExpirySeconds: 300 });
    expect(config.legacyWebhook).toBeUndefined();
  });

  it('enables POST /webhook only with both the owner and the passphrase', () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token, OWNER_TELEGRAM_ID: '42', WEBHOOK_PASSPHRASE: 'long enough' }).legacyWebhook).toEqual({
      ownerTelegramId: 42,
      passphrase: 'long enough',
    });
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, OWNER_TELEGRAM_ID: '42' })).toThrow(/WEBHOOK_PASSPHRASE and OWNER_TELEGRAM_ID go together/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, OWNER_TELEGRAM_ID: '42', WEBHOOK_PASSPHRASE: 'short' })).toThrow(/at least 8 characters/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, BYBIT_BASE_URL: 'not a url' })).toThrow(/BYBIT_BASE_URL/);
  });
});
