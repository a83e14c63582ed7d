import { describe, expect, it } from 'vitest';
import {
  contains,
  formatCidr,
  formatIp,
  isNetworkOrBroadcast,
  lastAddress,
  overlaps,
  parseCidr,
  parseIp,
  size,
} from './ip';

function cidr(text: string) {
  const c = parseCidr(text);
  if (!c) throw new Error(`bad test cidr ${text}`);
  return c;
}
function ip(text: string) {
  const a = parseIp(text);
  if (!a) throw new Error(`bad test ip ${text}`);
  return a;
}

describe('parseIp', () => {
  it.each([
    ['10.0.0.1', 4],
    ['0.0.0.0', 4],
    ['255.255.255.255', 4],
    ['::', 6],
    ['::1', 6],
    ['fe80::1', 6],
    ['2001:db8::8a2e:370:7334', 6],
    ['2001:0db8:0000:0000:0000:ff00:0042:8329', 6],
    ['::ffff:192.0.2.128', 6],
  ])('accepts %s', (text, family) => {
    expect(parseIp(text)?.family).toBe(family);
  });

  it.each([
    '',
    '10.0.0',
    '10.0.0.1.2',
    '256.0.0.1',
    '010.0.0.1',
    '10.0.0.-1',
    ' 10.0.0.1',
    '10.0.0.1/24',
    '1:2:3:4:5:6:7:8:9',
    '1::2::3',
    'fe80::1%eth0',
    '12345::',
    'g::1',
    '1:2:3:4:5:6:7::8:9',
  ])('refuses %j', (text) => {
    expect(parseIp(text)).toBeNull();
  });

  it('round-trips IPv6 to the RFC 5952 form', () => {
    expect(formatIp(6, ip('2001:0db8:0000:0000:0000:ff00:0042:8329').value)).toBe(
      '2001:db8::ff00:42:8329',
    );
    expect(formatIp(6, ip('::').value)).toBe('::');
    expect(formatIp(6, ip('1:0:0:1:0:0:0:1').value)).toBe('1:0:0:1::1');
  });
});

describe('parseCidr', () => {
  it('normalises host bits and says so', () => {
    const c = cidr('10.0.0.5/24');
    expect(formatCidr(c)).toBe('10.0.0.0/24');
    expect(c.hostBitsSet).toBe(true);
    expect(cidr('10.0.0.0/24').hostBitsSet).toBe(false);
  });
  it.each(['10.0.0.0', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/08', '::/129', 'x/24', '10.0.0.0/'])(
    'refuses %j',
    (text) => {
      expect(parseCidr(text)).toBeNull();
    },
  );
  it('handles /0, /31 and /32', () => {
    expect(size(cidr('0.0.0.0/0'))).toBe(2n ** 32n);
    expect(size(cidr('10.0.0.0/31'))).toBe(2n);
    expect(size(cidr('10.0.0.7/32'))).toBe(1n);
    expect(formatIp(4, lastAddress(cidr('10.0.0.0/22')))).toBe('10.0.3.255');
  });
});

describe('contains / overlaps', () => {
  it('includes the first and last address', () => {
    const c = cidr('192.168.1.0/24');
    expect(contains(c, ip('192.168.1.0'))).toBe(true);
    expect(contains(c, ip('192.168.1.255'))).toBe(true);
    expect(contains(c, ip('192.168.0.255'))).toBe(false);
    expect(contains(c, ip('192.168.2.0'))).toBe(false);
    expect(contains(c, ip('::ffff:192.168.1.1'))).toBe(false);
  });
  it('detects nested, partial and adjacent ranges', () => {
    expect(overlaps(cidr('10.0.0.0/8'), cidr('10.20.0.0/16'))).toBe(true);
    expect(overlaps(cidr('10.20.0.0/16'), cidr('10.0.0.0/8'))).toBe(true);
    expect(overlaps(cidr('10.0.0.0/25'), cidr('10.0.0.128/25'))).toBe(false);
    expect(overlaps(cidr('10.0.0.0/24'), cidr('10.0.0.255/32'))).toBe(true);
    expect(overlaps(cidr('10.0.0.0/24'), cidr('::/0'))).toBe(false);
  });
});

describe('isNetworkOrBroadcast', () => {
  it.each([
    ['10.0.0.0/24', '10.0.0.0', true],
    ['10.0.0.0/24', '10.0.0.255', true],
    ['10.0.0.0/24', '10.0.0.1', false],
    ['10.0.0.0/24', '10.0.0.254', false],
    // RFC 3021: both addresses of a /31 are hosts; a /32 is one host.
    ['10.0.0.0/31', '10.0.0.0', false],
    ['10.0.0.0/31', '10.0.0.1', false],
    ['10.0.0.9/32', '10.0.0.9', false],
    ['10.0.0.0/30', '10.0.0.3', true],
    // IPv6: the subnet-router anycast address is reserved, there is no broadcast.
    ['2001:db8::/64', '2001:db8::', true],
    ['2001:db8::/64', '2001:db8::ffff:ffff:ffff:ffff', false],
    ['2001:db8::/127', '2001:db8::', false],
  ])('%s: %s → %s', (range, address, expected) => {
    expect(isNetworkOrBroadcast(cidr(range), ip(address))).toBe(expected);
  });
});
