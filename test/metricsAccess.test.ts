import { describe, expect, it } from 'vitest';
import { loadConfig, ConfigError } from '../src/config.js';
import { metricsGate } from '../src/services/metrics/access.js';

const TOKEN = 'a-metrics-token-of-some-length';

describe('who may read /metrics', () => {
  it('nobody when neither a token nor a network is set', () => {
    expect(metricsGate({ token: undefined, allowFrom: [] })(`Bearer ${TOKEN}`, '127.0.0.1')).toBe('disabled');
  });

  it('the bearer of the token, from anywhere', () => {
    const gate = metricsGate({ token: TOKEN, allowFrom: [] });
    expect(gate(`Bearer ${TOKEN}`, '203.0.113.9')).toBe('allowed');
    expect(gate(undefined, '127.0.0.1')).toBe('denied');
    expect(gate(`Bearer ${TOKEN}x`, '127.0.0.1')).toBe('denied');
    expect(gate(TOKEN, '127.0.0.1')).toBe('denied');
  });

  it('clients in an admin network, IPv4 seen as IPv6 included, without a token', () => {
    const gate = metricsGate({ token: undefined, allowFrom: ['10.0.0.0/8', '::1', '192.168.1.5'] });
    expect(gate(undefined, '10.1.2.3')).toBe('allowed');
    expect(gate(undefined, '::ffff:10.1.2.3')).toBe('allowed');
    expect(gate(undefined, '::1')).toBe('allowed');
    expect(gate(undefined, '192.168.1.5')).toBe('allowed');
    expect(gate(undefined, '192.168.1.6')).toBe('denied');
    expect(gate(undefined, '11.0.0.1')).toBe('denied');
  });

  it('refuses a setting that is not a network, saying which', () => {
    const base = { TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ' };
    expect(loadConfig({ ...base, METRICS_ALLOW_FROM: '10.0.0.0/8, fd00::/8' }).metrics.allowFrom).toEqual(['10.0.0.0/8', 'fd00::/8']);
    let error: unknown;
    try {
      loadConfig({ ...base, METRICS_ALLOW_FROM: '10.0.0.0/8,intranet' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join('\n')).toMatch(/METRICS_ALLOW_FROM .*intranet/);
  });
});
