/**
 * Document ids generated on the laptop, offline: 48-bit millisecond timestamp + 80 random bits,
 * in Crockford base32 (26 characters, ULID layout). Ids sort by creation time as strings, which
 * keeps primary-key order close to insertion order, and 80 random bits make a collision between
 * two laptops in the same millisecond negligible (birthday bound ~2^40 ids per millisecond).
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;
export const ID_LENGTH = TIME_CHARS + RANDOM_CHARS;
const MAX_TIME = 2 ** 48 - 1;

function encodeTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_TIME) {
    throw new RangeError(`id timestamp out of range: ${ms}`);
  }
  let out = '';
  let rest = ms;
  for (let i = 0; i < TIME_CHARS; i++) {
    out = ALPHABET.charAt(rest % 32) + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

/** 80 bits as 16 five-bit digits, most significant first. */
function randomDigits(bytes: Uint8Array): number[] {
  const digits: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      digits.push((acc >> bits) & 31);
    }
    acc &= (1 << bits) - 1;
  }
  return digits;
}

/** Adds one to the 80-bit random part; false when it overflows. */
function increment(digits: number[]): boolean {
  for (let i = digits.length - 1; i >= 0; i--) {
    const d = digits[i]!;
    if (d < 31) {
      digits[i] = d + 1;
      return true;
    }
    digits[i] = 0;
  }
  return false;
}

export type RandomBytes = (length: number) => Uint8Array;

/** Web Crypto exists in browsers and Node >= 19; src-shared is compiled without DOM/node types. */
interface WebCryptoRandom {
  getRandomValues(array: Uint8Array): Uint8Array;
}

const cryptoRandomBytes: RandomBytes = (length) =>
  (globalThis as unknown as { crypto: WebCryptoRandom }).crypto.getRandomValues(
    new Uint8Array(length),
  );

/**
 * An id generator with its own monotonic state: two ids made in the same millisecond still
 * sort in the order they were made (the second's random part is the first's plus one).
 */
export function createIdGenerator(randomBytes: RandomBytes = cryptoRandomBytes) {
  let lastTime = -1;
  let lastDigits: number[] = [];
  return (at: number = Date.now()): string => {
    let ms = Math.floor(at);
    let digits: number[] = [];
    if (ms === lastTime) {
      digits = [...lastDigits];
      // 2^80 ids in one millisecond cannot happen with real randomness; with a degenerate
      // source, moving on by a millisecond keeps ids unique and ordered.
      if (!increment(digits)) ms += 1;
    }
    if (ms !== lastTime) digits = randomDigits(randomBytes(10));
    lastTime = ms;
    lastDigits = digits;
    return encodeTime(ms) + digits.map((d) => ALPHABET.charAt(d)).join('');
  };
}

/**
 * Deterministic generator for fixtures and the sample workspace: the same seed and timestamps
 * give the same ids. Never use it for real documents.
 */
export function createSeededIdGenerator(seed: number) {
  // mulberry32: small, fast, good enough to spread fixture ids.
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return createIdGenerator((length) => {
    const bytes = new Uint8Array(length);
    for (let i = 0; i < length; i++) bytes[i] = next() & 0xff;
    return bytes;
  });
}

const defaultGenerator = createIdGenerator();

/** A new time-ordered, collision-safe document id (26 characters). */
export function newId(at: number = Date.now()): string {
  return defaultGenerator(at);
}

/** The creation time (ms since epoch) encoded in an id made by `newId`. */
export function idTimestamp(id: string): number {
  if (id.length !== ID_LENGTH) throw new RangeError(`not an id: ${id}`);
  let ms = 0;
  for (const ch of id.slice(0, TIME_CHARS)) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new RangeError(`not an id: ${id}`);
    ms = ms * 32 + v;
  }
  return ms;
}
