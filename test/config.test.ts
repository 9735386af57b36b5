import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const token = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: token });
    expect(config.http).toEqual({ host: '0.0.0.0', port: 3000, publicUrl: 'http://localhost:3000', publicUrlIsDefault: true, trustProxy: false });
    expect(config.telegram.mode).toBe('polling');
    expect(config.hooks).toEqual({ bodyLimitBytes: 65536, rateLimitPerMinute: 120, dedupeWindowSeconds: 60, duplicateNoticeIntervalSeconds: 3600, refusedKeepPerUrl: 50, refusedPerMinute: 10 });
    expect(config.database.url).toBeUndefined();
    expect(config.adminIds).toEqual([]);
  });

  it('builds the default PUBLIC_URL from PORT, and keeps one that is set', () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token, PORT: '8080' }).http).toMatchObject({ publicUrl: 'http://localhost:8080', publicUrlIsDefault: true });
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token, PORT: '8080', PUBLIC_URL: '' }).http.publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token, PORT: '8080', PUBLIC_URL: 'https://hooks.example.com/' }).http).toMatchObject({
      publicUrl: 'https://hooks.example.com',
      publicUrlIsDefault: false,
    });
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

  it('reads TRUST_PROXY as a number of proxies or their addresses, and refuses true', () => {
    const trust = (value: string) => loadConfig({ TELEGRAM_BOT_TOKEN: token, TRUST_PROXY: value }).http.trustProxy;
    expect(trust('false')).toBe(false);
    expect(trust('1')).toBe(1);
    expect(trust('127.0.0.1, 172.16.0.0/12,loopback,::1')).toEqual(['127.0.0.1', '172.16.0.0/12', 'loopback', '::1']);
    expect(() => trust('true')).toThrow(/TRUST_PROXY .*true would let any client fake its address/);
    expect(() => trust('nginx')).toThrow(/TRUST_PROXY .*not an address: nginx/);
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
      proxies: [],
      proxyDownMinutes: 15,
      placeListMax: 100,
      watchesPerUser: 10,
      watchCheckSeconds: 60,
      area: { maxPlaces: 2000, maxCells: 256, maxSideKm: 100, maxDepth: 4, cellCap: 120 },
    });
    expect(config.webhooks).toEqual({ allowPrivate: false, retrySeconds: 900, dnsServers: [] });
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token, DNS_SERVERS: '10.0.0.2, 127.0.0.1:5353' }).webhooks.dnsServers).toEqual(['10.0.0.2', '127.0.0.1:5353']);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, DNS_SERVERS: 'dns.example' })).toThrow(/DNS_SERVERS must be comma-separated IP addresses/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, SCRAPE_CONCURRENCY: '0' })).toThrow(/SCRAPE_CONCURRENCY/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, MAPS_BASE_URL: 'maps' })).toThrow(/MAPS_BASE_URL/);
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token, SCRAPE_BROWSER_NICE: '0' }).scrape.browserNice).toBe(0);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, SCRAPE_BROWSER_NICE: '20' })).toThrow(/SCRAPE_BROWSER_NICE/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, SCRAPE_AREA_CELL_CAP: '1' })).toThrow(/SCRAPE_AREA_CELL_CAP/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, SCRAPE_AREA_MAX_DEPTH: '9' })).toThrow(/SCRAPE_AREA_MAX_DEPTH/);
  });

  it('reads scrape proxies with their credentials apart, and names a bad entry without its text', () => {
    const { proxies } = loadConfig({ TELEGRAM_BOT_TOKEN: token, SCRAPE_PROXIES: 'http://bob:s%40cret@10.0.0.5:3128, http://10.0.0.6:8080' }).scrape;
    expect(proxies).toEqual([
      { server: 'http://10.0.0.5:3128', username: 'bob', password: 's@cret', label: '10.0.0.5:3128' },
      { server: 'http://10.0.0.6:8080', username: undefined, password: undefined, label: '10.0.0.6:8080' },
    ]);
    let message = '';
    try {
      loadConfig({ TELEGRAM_BOT_TOKEN: token, SCRAPE_PROXIES: 'http://bob:hunter2@10.0.0.5:3128,ftp://alice:topsecret@host:21' });
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/SCRAPE_PROXIES entry 2 must start with http:\/\/, https:\/\/ or socks5:\/\//);
    expect(message).not.toMatch(/topsecret|hunter2/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, SCRAPE_PROXIES: 'http://10.0.0.5' })).toThrow(/entry 1 needs a host and a port/);
  });
});

describe('trading settings', () => {
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
