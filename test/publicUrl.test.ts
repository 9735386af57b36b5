import { describe, expect, it } from 'vitest';
import { publicUrlProblems } from '../src/publicUrl.js';

const judge = (publicUrl: string) => publicUrlProblems({ publicUrl, publicUrlIsDefault: false });

describe('publicUrlProblems: can TradingView reach the personal URLs?', () => {
  it('accepts a public https address on the default port or 443, and plain http is only a warning', () => {
    expect(judge('https://hooks.example.com')).toEqual([]);
    expect(judge('https://hooks.example.com:443/base')).toEqual([]);
    expect(judge('https://203.0.113.7')).toEqual(['private']); // TEST-NET-3 is reserved, not routable
    expect(judge('https://8.8.8.8')).toEqual([]);
    expect(judge('https://[2606:4700:4700::1111]')).toEqual([]);
    expect(judge('http://hooks.example.com')).toEqual(['plain-http']);
    expect(judge('http://hooks.example.com:80')).toEqual(['plain-http']);
  });

  it('says when PUBLIC_URL is unset', () => {
    expect(publicUrlProblems({ publicUrl: 'http://localhost:3000', publicUrlIsDefault: true })).toEqual(['unset']);
  });

  it.each([
    ['http://localhost:3000', ['loopback', 'port']],
    ['https://localhost', ['loopback']],
    ['https://app.localhost', ['loopback']],
    ['http://127.0.0.1', ['loopback']],
    ['https://[::1]', ['loopback']],
    ['http://0.0.0.0:8080', ['loopback', 'port']],
    ['https://192.168.1.20', ['private']],
    ['https://10.0.0.5', ['private']],
    ['https://172.16.3.4', ['private']],
    ['https://100.64.0.1', ['private']],
    ['https://[fd00::1]', ['private']],
    ['https://[::ffff:10.0.0.1]', ['private']],
    ['https://169.254.10.10', ['link-local']],
    ['https://[fe80::1]', ['link-local']],
    ['https://hookbot', ['private']],
    ['https://nas.local', ['private']],
    ['https://hookbot.internal', ['private']],
    ['https://hooks.example.com:8443', ['port']],
    ['http://hooks.example.com:3000', ['port', 'plain-http']],
  ] as const)('%s -> %j', (url, expected) => {
    expect(judge(url)).toEqual(expected);
  });
});
