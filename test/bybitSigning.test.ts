import { createVerify, generateKeyPairSync } from 'node:crypto';
import { signMessage } from 'bybit-api/lib/util/webCryptoAPI.js';
import { describe, expect, it } from 'vitest';
import { signBybitMessage } from '../src/services/trading/signing.js';

describe('signing Bybit requests with node:crypto', () => {
  const message = '1658384314791XXXXXXXXXX5000category=linear&symbol=BTCUSDT';

  it('gives the signature the SDK would for a system-generated (HMAC) key', async () => {
    const secret = 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX';
    expect(await signBybitMessage(message, secret)).toBe(await signMessage(message, secret, 'hex', 'SHA-256'));
    expect(await signBybitMessage(message, secret)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs with RSA-SHA256 in base64 for a self-generated RSA key, as Bybit checks it', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const signature = await signBybitMessage(message, pem);
    expect(createVerify('RSA-SHA256').update(message).verify(publicKey, signature, 'base64')).toBe(true);
    expect(signature).toBe(await signMessage(message, pem, 'base64', 'SHA-256'));
  });
});
