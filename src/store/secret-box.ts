import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { StoreError } from './store-error.js';

export { loadOrCreateMasterKey, parseMasterKey, resolveMasterKey, type MasterKey } from './master-key.js';

export interface SecretBox {
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
}

const VERSION = 'v1';
const KEY_BYTES = 32;
/** 96-bit IV: the size GCM is specified for (NIST SP 800-38D); other sizes get hashed first. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function decodePart(part: string, expectedBytes?: number): Buffer | undefined {
  if (!BASE64URL.test(part)) return undefined;
  const bytes = Buffer.from(part, 'base64url');
  if (expectedBytes !== undefined && bytes.length !== expectedBytes) return undefined;
  return bytes;
}

/**
 * AES-256-GCM with a fresh random IV per value, serialised as
 * `v1.<base64url iv>.<base64url tag>.<base64url ciphertext>`; the version prefix leaves room to
 * rotate the algorithm or key without guessing what an old value is.
 */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) {
    throw new StoreError('secret_key_invalid', `The master key must be ${KEY_BYTES} bytes, got ${key.length}`);
  }
  const secretKey = Buffer.from(key);

  return {
    encrypt(plaintext: string): string {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', secretKey, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join('.');
    },

    decrypt(ciphertext: string): string {
      const parts = ciphertext.split('.');
      const [version, ivPart, tagPart, bodyPart] = parts;
      if (parts.length !== 4 || version !== VERSION || ivPart === undefined || tagPart === undefined || bodyPart === undefined) {
        throw new StoreError('secret_decrypt_failed', 'Cannot decrypt secret: not a v1 SecretBox value');
      }
      const iv = decodePart(ivPart, IV_BYTES);
      const tag = decodePart(tagPart, TAG_BYTES);
      const body = decodePart(bodyPart);
      if (iv === undefined || tag === undefined || body === undefined) {
        throw new StoreError('secret_decrypt_failed', 'Cannot decrypt secret: malformed v1 SecretBox value');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', secretKey, iv, { authTagLength: TAG_BYTES });
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch (error) {
        throw new StoreError(
          'secret_decrypt_failed',
          'Cannot decrypt secret: wrong master key (OMNIROUTE_SECRET_KEY or DATA_DIR/secret.key changed?) or the stored value was tampered with',
          { cause: error },
        );
      }
    },
  };
}
