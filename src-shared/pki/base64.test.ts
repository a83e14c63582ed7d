import { describe, expect, it } from 'vitest';
import { Base64Error, base64Decode, base64Encode, latin1 } from './base64';

describe('base64 without Buffer', () => {
  it('matches Node for every length 0–300, both ways', () => {
    for (let n = 0; n <= 300; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 37 + n) & 0xff);
      const expected = Buffer.from(bytes).toString('base64');
      expect(base64Encode(bytes)).toBe(expected);
      expect([...base64Decode(expected)]).toEqual([...bytes]);
    }
  });

  it('ignores line breaks (PEM) and refuses characters outside the alphabet', () => {
    expect([...base64Decode('AQID\nBAU=\r\n')]).toEqual([1, 2, 3, 4, 5]);
    expect(() => base64Decode('AQ*D')).toThrow(Base64Error);
    expect(() => base64Decode('A')).toThrow(Base64Error);
  });

  it('latin1 keeps every byte value', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i & 0xff);
    expect(latin1(bytes)).toBe(Buffer.from(bytes).toString('latin1'));
  });
});
