import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config.js';
import { loadSecretBox, parseEncryptionKey, SecretBox } from '../src/services/secrets/secretBox.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const box = SecretBox.fromKey(Buffer.alloc(32, 7));

describe('SecretBox', () => {
  it('round-trips text, Arabic and Cyrillic included, with a fresh IV each time', () => {
    const secret = 'ключ-مفتاح-KEY-123';
    const first = box.encrypt(secret);
    const second = box.encrypt(secret);
    expect(first).not.toBe(second);
    expect(first).not.toContain('KEY');
    expect(first.startsWith('v1:')).toBe(true);
    expect(box.decrypt(first)).toBe(secret);
    expect(box.decrypt(second)).toBe(secret);
  });

  it('refuses a value sealed with another key, an altered value and garbage', () => {
    const sealed = box.encrypt('secret');
    expect(() => SecretBox.fromKey(Buffer.alloc(32, 8)).decrypt(sealed)).toThrow();
    const parts = sealed.split(':');
    const altered = [parts[0], parts[1], parts[2], Buffer.from('xxxxxx').toString('base64url')].join(':');
    expect(() => box.decrypt(altered)).toThrow();
    expect(() => box.decrypt('plain text')).toThrow('not a value sealed by SecretBox');
  });

  it('masks a secret to its ends', () => {
    expect(SecretBox.mask('ABCDEFGHIJKLMNOP')).toBe('ABCD…MNOP');
    expect(SecretBox.mask('short')).toBe('•••••');
  });
});

describe('encryption key', () => {
  it('accepts hex and base64 of 32 bytes and refuses anything else with a reason', () => {
    expect(parseEncryptionKey('ab'.repeat(32))).toEqual(Buffer.alloc(32, 0xab));
    expect(parseEncryptionKey(Buffer.alloc(32, 3).toString('base64'))).toEqual(Buffer.alloc(32, 3));
    expect(() => parseEncryptionKey('too-short')).toThrow(ConfigError);
    expect(() => parseEncryptionKey('ab'.repeat(31))).toThrow(/openssl rand -hex 32/);
  });

  it('is required with an outside database', async () => {
    await expect(loadSecretBox({ encryptionKey: undefined, embedded: false, dataDir: '/nonexistent' })).rejects.toThrow(
      /ENCRYPTION_KEY is required when DATABASE_URL is set/,
    );
  });

  it('is generated once into the data folder for the embedded database, private, and reused', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'hookbot-key-'));
    dirs.push(dataDir);
    const first = await loadSecretBox({ encryptionKey: undefined, embedded: true, dataDir });
    const file = path.join(dataDir, 'encryption.key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const second = await loadSecretBox({ encryptionKey: undefined, embedded: true, dataDir });
    expect(second.decrypt(first.encrypt('kept'))).toBe('kept');
    const given = await loadSecretBox({ encryptionKey: (await readFile(file, 'utf8')).trim(), embedded: false, dataDir: '/nonexistent' });
    expect(given.decrypt(first.encrypt('same key'))).toBe('same key');
  });
});
