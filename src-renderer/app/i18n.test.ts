/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatSiteDateTime,
  mergeMessages,
  placeholdersOf,
  translate,
} from './i18n-core';
import { REPLICATED_COLLECTIONS } from '../../src-shared/sync/protocol';
import { dictionaries, messageModules } from './messages';

/** Every renderer source file's text, read at build time by vite (no node:fs in this layer). */
const sources = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.*'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

describe('message modules', () => {
  it('are all registered, and the sources were found', () => {
    expect(Object.keys(messageModules).sort()).toEqual(
      [
        'app',
        'clusters',
        'components',
        'contracts',
        'customers',
        'db',
        'deliverables',
        'home',
        'lead',
        'incidents',
        'inspections',
        'procedures',
        'reminders',
        'search',
        'plans',
        'ops',
        'settings',
        'sites',
        'sync',
        'visits',
        'workspace',
      ].sort(),
    );
    expect(Object.keys(sources).length).toBeGreaterThan(10);
  });

  for (const [name, module] of Object.entries(messageModules)) {
    describe(name, () => {
      it('has the same keys in Chinese and English', () => {
        expect(Object.keys(module.en).sort()).toEqual(Object.keys(module.zh).sort());
      });

      it('has no empty or blank message', () => {
        for (const lang of ['zh', 'en'] as const) {
          const empty = Object.entries(module[lang])
            .filter(([, text]) => text.trim() === '')
            .map(([key]) => `${lang}:${key}`);
          expect(empty).toEqual([]);
        }
      });

      it('uses the same placeholders in both languages', () => {
        const mismatched = Object.keys(module.zh).filter(
          (key) =>
            placeholdersOf(module.zh[key] ?? '').join() !==
            placeholdersOf(module.en[key] ?? '').join(),
        );
        expect(mismatched).toEqual([]);
      });

      it(`namespaces its keys (${name}.* or a shell namespace)`, () => {
        const malformed = Object.keys(module.zh).filter(
          (key) => !/^[a-z][\w-]*\.[\w.-]+$/.test(key),
        );
        expect(malformed).toEqual([]);
      });
    });
  }

  it('never define the same key twice (merging would hide one)', () => {
    expect(() => mergeMessages(Object.values(messageModules), 'zh')).not.toThrow();
  });
});

describe('keys used in the sources', () => {
  const known = new Set(Object.keys(dictionaries.zh));
  const namespaces = new Set([...known].map((key) => key.split('.')[0]));

  function missingKeys(pattern: RegExp, filter: (key: string) => boolean = () => true) {
    const missing: string[] = [];
    for (const [file, text] of Object.entries(sources)) {
      if (file.endsWith('messages.ts')) continue;
      for (const match of text.matchAll(pattern)) {
        const key = match[1] ?? '';
        if (filter(key) && !known.has(key)) missing.push(`${file}: ${key}`);
      }
    }
    return missing;
  }

  it("exist for every t('…') call", () => {
    expect(missingKeys(/\bt\(\s*['"`]([^'"`$]+)['"`]/g)).toEqual([]);
  });

  it('exist for every key-like string literal of a known namespace (keys passed around)', () => {
    const keyLike = /['"]([a-z][\w-]*\.[\w.-]*[\w-])['"]/g;
    expect(
      missingKeys(
        keyLike,
        (key) => namespaces.has(key.split('.')[0]) && !/\.(tsx?|css)$/.test(key),
      ),
    ).toEqual([]);
  });

  it('exist for every replicated collection (the refused-records list names its kind)', () => {
    const missing = REPLICATED_COLLECTIONS.map((c) => `sync.refused.kind.${c}`).filter(
      (key) => !known.has(key),
    );
    expect(missing).toEqual([]);
  });

  it('detects a missing key (the scan itself works)', () => {
    const text = 'const a = t(\'no.such.key\'); const b = t("common.save");';
    const found = [...text.matchAll(/\bt\(\s*['"`]([^'"`$]+)['"`]/g)].map((m) => m[1]);
    expect(found).toEqual(['no.such.key', 'common.save']);
    expect(known.has('no.such.key')).toBe(false);
    expect(known.has('common.save')).toBe(true);
  });
});

describe('translate', () => {
  const dict = { 'a.hello': '你好，{name}！共 {count} 条', 'a.plain': '纯文本' };

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate(dict, 'a.hello', { name: '张工', count: 3 })).toBe('你好，张工！共 3 条');
    expect(translate(dict, 'a.hello', { name: '张工' })).toBe('你好，张工！共 {count} 条');
    expect(translate(dict, 'a.plain')).toBe('纯文本');
  });

  it('returns the key itself for an unknown key', () => {
    expect(translate(dict, 'a.missing')).toBe('a.missing');
    expect(translate(dict, 'toString')).toBe('toString');
  });

  it('merging rejects a duplicate key', () => {
    const m1 = { zh: { 'x.a': '甲' }, en: { 'x.a': 'A' } };
    const m2 = { zh: { 'x.a': '乙' }, en: { 'x.a': 'B' } };
    expect(() => mergeMessages([m1, m2], 'en')).toThrow(/x\.a/);
  });
});

describe('date formatting', () => {
  it('shows an instant in the given zone with its offset', () => {
    const iso = '2026-03-06T07:00:00.000Z';
    const zh = formatDateTime('zh', iso, 'Asia/Shanghai');
    expect(zh).toContain('2026');
    expect(zh).toContain('15:00');
    expect(zh).toMatch(/GMT\+8/);
    const en = formatDateTime('en', iso, 'Europe/Berlin');
    expect(en).toContain('Mar');
    expect(en).toContain('08:00');
  });

  it('says the zone of every time: the laptop’s offset when no zone is given', () => {
    const iso = '2026-03-06T07:00:00Z';
    const laptop = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(formatDateTime('zh', iso)).toBe(formatDateTime('zh', iso, laptop));
    expect(formatDateTime('zh', iso)).toMatch(/GMT/);
    expect(formatDateTime('en', iso)).toMatch(/GMT/);
  });

  it('shows the site’s time first and the laptop’s second when their offsets differ', () => {
    const iso = '2026-03-06T07:00:00Z';
    const join = (site: string, laptop: string) => `${site}（本机 ${laptop}）`;
    const both = formatSiteDateTime('zh', iso, 'Asia/Shanghai', join, 'Europe/Berlin');
    expect(both).toMatch(/^\d{4}\/03\/06 GMT\+8 15:00（本机 \d{4}\/03\/06 GMT\+1 08:00）$/);
    // Same offset at that instant: one time is enough.
    expect(formatSiteDateTime('zh', iso, 'Asia/Shanghai', join, 'Asia/Singapore')).toBe(
      formatDateTime('zh', iso, 'Asia/Shanghai'),
    );
    // No site: the laptop's time, with its offset.
    expect(formatSiteDateTime('en', iso, undefined, join, 'Europe/Berlin')).toBe(
      formatDateTime('en', iso, 'Europe/Berlin'),
    );
    expect(formatSiteDateTime('en', 'garbage', 'Asia/Shanghai', join)).toBe('garbage');
  });

  it('never shifts a calendar date', () => {
    expect(formatDate('zh', '2026-11-23')).toBe('2026/11/23');
    expect(formatDate('en', '2026-11-23')).toBe('Nov 23, 2026');
    expect(formatDate('en', '2026-01-01')).toBe('Jan 1, 2026');
  });

  it('returns malformed input unchanged rather than "Invalid Date"', () => {
    expect(formatDate('zh', '23.11.2026')).toBe('23.11.2026');
    expect(formatDateTime('en', 'yesterday')).toBe('yesterday');
  });
});
