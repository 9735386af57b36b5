import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../../config.js';

const VERSION = 'v1';

/**
 * Encrypts secrets at rest (Bybit keys, provider tokens) with AES-256-GCM. A stored value is
 * `v1:<iv>:<tag>:<ciphertext>` (base64url), so a future key or algorithm can be told apart.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromKey(key: Buffer): SecretBox {
    if (key.length !== 32) throw new Error('an AES-256 key is 32 bytes');
    return new SecretBox(key);
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
  }

  /** Throws when the value was not sealed with this key or was altered. */
  decrypt(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split(':');
    if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new Error('not a value sealed by SecretBox');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** `abcd…wxyz`: enough for a person to recognise their key, too little to use it. */
  static mask(secret: string): string {
    if (secret.length <= 8) return '•'.repeat(secret.length);
    return `${secret.slice(0, 4)}…${secret.slice(-4)}`;
  }
}

/** 64 hex characters or base64 of 32 bytes; anything else is refused with a reason. */
export function parseEncryptionKey(text: string): Buffer {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  const decoded = Buffer.from(value, 'base64');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value) && decoded.length === 32) return decoded;
  throw new ConfigError(['ENCRYPTION_KEY must be 32 bytes: 64 hex characters or base64 (generate one with: openssl rand -hex 32)']);
}

/**
 * The key from ENCRYPTION_KEY; else, on the embedded database only, one kept in the data folder
 * and created on first start. With an outside database every process must share one key, so it
 * has to be given.
 */
export async function loadSecretBox(options: { encryptionKey: string | undefined; embedded: boolean; dataDir: string }): Promise<SecretBox> {
  if (options.encryptionKey) return SecretBox.fromKey(parseEncryptionKey(options.encryptionKey));
  if (!options.embedded) {
    throw new ConfigError(['ENCRYPTION_KEY is required when DATABASE_URL is set (generate one with: openssl rand -hex 32)']);
  }
  const file = path.join(options.dataDir, 'encryption.key');
  try {
    return SecretBox.fromKey(parseEncryptionKey(await readFile(file, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  // 'wx': two processes starting together must not each write a different key.
  await writeFile(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' }).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  await chmod(file, 0o600);
  return SecretBox.fromKey(parseEncryptionKey(await readFile(file, 'utf8')));
}
