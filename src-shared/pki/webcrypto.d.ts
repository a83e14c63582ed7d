/**
 * The part of WebCrypto (https://www.w3.org/TR/WebCryptoAPI/) that src-shared/pki uses, declared
 * for the shared project only: it compiles without the DOM and Node type libraries, yet WebCrypto
 * is a global in Node >= 20 and in browsers. The names and shapes are those of lib.dom, so the
 * Node and web projects (which have their own declarations) accept what these modules return.
 */

interface Algorithm {
  name: string;
}

type KeyUsage =
  'decrypt' | 'deriveBits' | 'deriveKey' | 'encrypt' | 'sign' | 'unwrapKey' | 'verify' | 'wrapKey';

type BufferSource = ArrayBufferView | ArrayBuffer;

interface CryptoKey {
  readonly algorithm: Algorithm;
  readonly extractable: boolean;
  readonly type: 'private' | 'public' | 'secret';
  readonly usages: KeyUsage[];
}

interface CryptoKeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

interface RsaHashedKeyGenParams extends Algorithm {
  modulusLength: number;
  publicExponent: Uint8Array;
  hash: string | Algorithm;
}

interface RsaHashedImportParams extends Algorithm {
  hash: string | Algorithm;
}

interface EcKeyImportParams extends Algorithm {
  namedCurve: string;
}

interface EcdsaParams extends Algorithm {
  hash: string | Algorithm;
}

interface SubtleCrypto {
  digest(algorithm: string | Algorithm, data: BufferSource): Promise<ArrayBuffer>;
  exportKey(format: 'pkcs8' | 'spki' | 'raw', key: CryptoKey): Promise<ArrayBuffer>;
  generateKey(
    algorithm: RsaHashedKeyGenParams,
    extractable: boolean,
    keyUsages: readonly KeyUsage[],
  ): Promise<CryptoKeyPair>;
  importKey(
    format: 'pkcs8' | 'spki' | 'raw',
    keyData: BufferSource,
    algorithm: string | Algorithm | RsaHashedImportParams | EcKeyImportParams,
    extractable: boolean,
    keyUsages: readonly KeyUsage[],
  ): Promise<CryptoKey>;
  sign(
    algorithm: string | Algorithm | EcdsaParams,
    key: CryptoKey,
    data: BufferSource,
  ): Promise<ArrayBuffer>;
  verify(
    algorithm: string | Algorithm | EcdsaParams,
    key: CryptoKey,
    signature: BufferSource,
    data: BufferSource,
  ): Promise<boolean>;
}

interface Crypto {
  readonly subtle: SubtleCrypto;
  getRandomValues<T extends Uint8Array>(array: T): T;
}

// eslint-disable-next-line no-var -- only a `var` declaration makes `globalThis.crypto` typed
declare var crypto: Crypto;
