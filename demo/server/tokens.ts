/**
 * How the reference server keeps agent tokens: never in the clear, each with its own random salt,
 * through scrypt (node:crypto), a hash made slow and memory-hungry on purpose, so a copied database
 * does not give the tokens away and two agents with the same token store different values.
 *
 * A stored value reads `scrypt$<N>$<r>$<p>$<salt>$<key>` (salt and key in base64url), so the cost can
 * grow later and older values still verify. Databases written before salting hold a bare SHA-256 in
 * hex; `verifyToken` still accepts those, and `isCurrentHash` tells the storage to replace them.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** 2^14 rounds, blocks of 8: about 16 MiB and tens of milliseconds per check, the usual interactive cost. */
const COST = { N: 16_384, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const PREFIX = 'scrypt';
/** Stored parameters beyond these are not tried: a tampered row must not make a check take minutes. */
const MAX_N = 1 << 20;
const MAX_RP = 64;

const derive = (token: string, salt: Buffer, { N, r, p }: typeof COST, length: number) =>
  new Promise<Buffer>((resolve, reject) => {
    const options: ScryptOptions = { N, r, p, maxmem: 128 * N * r * p + 1024 * 1024 };
    scrypt(token, salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });

/** A new stored value for `token`, with a fresh salt. */
export async function hashToken(token: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(token, salt, COST, KEY_BYTES);
  return [PREFIX, COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** True when `stored` is the kind `hashToken` writes today. */
export const isCurrentHash = (stored: string) => {
  const parts = stored.split('$');
  return (
    parts[0] === PREFIX && Number(parts[1]) === COST.N && Number(parts[2]) === COST.r && Number(parts[3]) === COST.p
  );
};

/** The SHA-256 hex digest that databases written before salting hold. */
const LEGACY_HASH = /^[0-9a-f]{64}$/;

/** Whether `token` is the one `stored` was made from; false for anything malformed. */
export async function verifyToken(token: string, stored: string): Promise<boolean> {
  if (LEGACY_HASH.test(stored))
    return timingSafeEqual(createHash('sha256').update(token).digest(), Buffer.from(stored, 'hex'));
  const [prefix, n, r, p, salt, key, ...rest] = stored.split('$');
  if (prefix !== PREFIX || !salt || !key || rest.length > 0) return false;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const valid =
    Number.isInteger(cost.N) &&
    cost.N > 1 &&
    cost.N <= MAX_N &&
    (cost.N & (cost.N - 1)) === 0 &&
    [cost.r, cost.p].every((value) => Number.isInteger(value) && value > 0 && value <= MAX_RP);
  if (!valid) return false;
  const expected = Buffer.from(key, 'base64url');
  if (expected.length === 0) return false;
  const actual = await derive(token, Buffer.from(salt, 'base64url'), cost, expected.length);
  return timingSafeEqual(actual, expected);
}
