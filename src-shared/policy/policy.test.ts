import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../domain/errors';
import {
  BUILTIN_POLICY_PACKS,
  DCE_SUPPORT_PACK,
  PRIVATE_CLOUD_OPS_PACK,
  getPolicyPack,
  isAllowedPauseReason,
  responseTarget,
} from './index';
import type { PolicyPack } from './types';
import { validatePolicyPack } from './validate';

const seed000 = readFileSync(
  new URL('../../../shared/seeds/000_da9fac5a86c596a5.txt', import.meta.url),
  'utf8',
);
const seed002 = readFileSync(
  new URL('../../../shared/seeds/002_49e0a0d646723368.txt', import.meta.url),
  'utf8',
);

/**
 * The seeds are PDF extractions (line breaks, page footers, bullets, a stray ” used as an opening
 * quote): a quote matches when each of its sentences appears in the seed once whitespace is
 * removed and curly quotes are unified.
 */
const squash = (s: string): string => s.replace(/\s+/g, '').replace(/[“”"]/g, '"');
const inSeed = (seed: string, text: string): boolean => {
  const haystack = squash(seed);
  const sentences = squash(text)
    .split(/[。；]/)
    .filter((x) => x !== '');
  return sentences.length > 0 && sentences.every((x) => haystack.includes(x));
};

function clone(pack: PolicyPack): PolicyPack {
  return JSON.parse(JSON.stringify(pack)) as PolicyPack;
}

function errorsOf(data: unknown): string[] {
  const r = validatePolicyPack(data);
  return r.ok ? [] : r.errors;
}

describe('the seed quote check', () => {
  it('accepts quoted sentences and rejects altered ones', () => {
    expect(inSeed(seed000, '对于 3 级事件，客户应在 7 天内响应请求。')).toBe(true);
    expect(inSeed(seed000, '对于 3 级事件，客户应在 5 天内响应请求。')).toBe(false);
    expect(inSeed(seed002, '')).toBe(false);
  });
});

describe('built-in packs', () => {
  it.each(BUILTIN_POLICY_PACKS.map((p) => [p.id, p] as const))(
    '%s is plain JSON data',
    (_id, pack) => {
      expect(JSON.parse(JSON.stringify(pack))).toEqual(pack);
    },
  );

  it.each(BUILTIN_POLICY_PACKS.map((p) => [p.id, p] as const))('%s validates', (_id, pack) => {
    expect(validatePolicyPack(clone(pack))).toEqual({ ok: true, pack: clone(pack) });
  });

  it('getPolicyPack finds built-ins and prefers given packs', () => {
    expect(getPolicyPack('dce-support')).toBe(DCE_SUPPORT_PACK);
    expect(getPolicyPack('private-cloud-ops')).toBe(PRIVATE_CLOUD_OPS_PACK);
    const edited = { ...clone(DCE_SUPPORT_PACK), version: '1.1.0' };
    expect(getPolicyPack('dce-support', [edited]).version).toBe('1.1.0');
    expect(getPolicyPack('private-cloud-ops', [edited])).toBe(PRIVATE_CLOUD_OPS_PACK);
    expect(() => getPolicyPack('x' as 'dce-support')).toThrow(InputError);
  });
});

describe('dce-support follows seed 000', () => {
  const p = DCE_SUPPORT_PACK;

  it('has the three tiers and five levels with the seed names', () => {
    expect(p.tiers.map((t) => [t.id, t.name.zh])).toEqual([
      ['standard', '标准服务'],
      ['advanced', '高级服务'],
      ['professional', '专业服务'],
    ]);
    expect(p.levels.map((l) => [l.id, l.name.zh])).toEqual([
      ['1', '生产灾害性事故'],
      ['2', '影响严重性事故'],
      ['3', '影响一般性事故'],
      ['4', '操作使用配置问题'],
      ['5', '优化和改进建议'],
    ]);
  });

  it('quotes every level definition verbatim from the seed', () => {
    for (const level of p.levels) {
      expect(inSeed(seed000, level.definition.zh), level.id).toBe(true);
      expect(level.definition.en.length).toBeGreaterThan(40);
    }
    expect(p.levels[0]!.definition.zh).toBe(
      '严重影响客户生产，使客户系统失效或难以正常开展工作，导致数据丢失等严重问题，且无程序上的避开或备用方法',
    );
  });

  it('only level 1 has hourly updates', () => {
    expect(p.levels.filter((l) => l.hourlyUpdates).map((l) => l.id)).toEqual(['1']);
  });

  it('response matrix is exactly the seed table, with on-site from the channel column', () => {
    const m = p.responseMatrix;
    expect(m.standard).toMatchObject({
      '1': { kind: 'hours', hours: 4, coverage: '7x24', onSite: false },
      '2': { kind: 'hours', hours: 8, coverage: '5x8', onSite: false },
      '3': { kind: 'business-days', days: 2, coverage: '5x8', onSite: false },
      '4': { kind: 'business-days', days: 4, coverage: '5x8', onSite: false },
      '5': { kind: 'none', note: { zh: '无' }, onSite: false },
    });
    expect(m.advanced).toMatchObject({
      '1': { kind: 'hours', hours: 2, coverage: '7x24', onSite: true },
      '2': { kind: 'hours', hours: 4, coverage: '7x24', onSite: true },
      '3': { kind: 'business-days', days: 1, coverage: '5x8', onSite: false },
      '4': { kind: 'business-days', days: 2, coverage: '5x8', onSite: false },
      '5': { kind: 'none', note: { zh: '定期探讨' }, onSite: false },
    });
    expect(m.professional).toMatchObject({
      '1': { kind: 'hours', hours: 1, coverage: '7x24', onSite: true },
      '2': { kind: 'hours', hours: 2, coverage: '7x24', onSite: true },
      '3': { kind: 'hours', hours: 4, coverage: '5x8', onSite: true },
      '4': { kind: 'business-days', days: 1, coverage: '5x8', onSite: true },
      '5': { kind: 'none', note: { zh: '每月探讨' }, onSite: true },
    });
  });

  it('coverage windows: 5x8 is 09:00–18:00 on working days, 7x24 the whole day', () => {
    expect(p.coverageWindows['5x8']).toMatchObject({
      workingDaysOnly: true,
      start: '09:00',
      end: '18:00',
    });
    expect(p.coverageWindows['7x24']).toMatchObject({
      workingDaysOnly: false,
      start: '00:00',
      end: '24:00',
    });
  });

  it('closure states with the seed terms, deadlines and visibility', () => {
    const byId = Object.fromEntries(p.closureStates.map((c) => [c.id, c]));
    expect(byId['transferred-to-customer']).toMatchObject({
      name: { zh: '已转移给客户' },
      visibleYears: 2,
    });
    expect(byId['cancelled-by-customer']).toMatchObject({
      name: { zh: '已由客户取消' },
      deadlineDaysByLevel: { '3': 7, '4': 14 },
    });
    expect(byId.resolved).toBeDefined();
    for (const c of p.closureStates) expect(inSeed(seed000, c.description.zh), c.id).toBe(true);
  });

  it('resolution types quote the seed', () => {
    expect(p.resolutionTypes.map((r) => r.id)).toEqual([
      'advice',
      'permanent-workaround',
      'change-request',
    ]);
    for (const r of p.resolutionTypes) expect(inSeed(seed000, r.name.zh), r.id).toBe(true);
  });

  it('services SNS, PDS, S360, EAM', () => {
    expect(p.services.map((s) => s.code)).toEqual(['SNS', 'PDS', 'S360', 'EAM']);
    expect(p.services.find((s) => s.code === 'S360')?.deliverable?.zh).toContain('产品巡检报告');
  });

  it('lifecycle DCE 5/4/3 dates', () => {
    expect(p.lifecycle).toEqual([
      {
        product: 'DCE',
        major: 5,
        series: 'DCE 5',
        ga: '2023-06-01',
        eoss: '2026-06-01',
        eosl: '2028-10-30',
      },
      {
        product: 'DCE',
        major: 4,
        series: 'DCE 4',
        ga: '2020-03-31',
        eoss: '2023-03-31',
        eosl: '2025-03-31',
      },
      {
        product: 'DCE',
        major: 3,
        series: 'DCE 3',
        ga: '2018-07-15',
        eoss: '2021-07-30',
        eosl: '2023-07-30',
      },
    ]);
  });

  it('carries the quoted rules', () => {
    const ids = p.rules.map((r) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'hourly-updates-level-1',
        'reclassify-1-to-2-without-access',
        'outage-beyond-change-control',
        'change-control-notice-28-days',
        'product-move-notice-30-days',
        'eam-limits',
        'validity-start',
        'validity-expansion',
      ]),
    );
    const verbatim = [
      'hourly-updates-level-1',
      'reclassify-1-to-2-without-access',
      'change-control-notice-28-days',
      'product-move-notice-30-days',
      'validity-start',
      'validity-expansion',
      'coverage-local-time',
    ];
    for (const id of verbatim) {
      expect(inSeed(seed000, p.rules.find((r) => r.id === id)!.text.zh), id).toBe(true);
    }
  });

  it('pauses only for waiting on customer information', () => {
    expect(p.pauseReasons.map((r) => r.id)).toEqual(['waiting-for-customer-information']);
    expect(isAllowedPauseReason(p, 'waiting-for-customer-information')).toBe(true);
    expect(isAllowedPauseReason(p, 'lunch')).toBe(false);
  });
});

describe('private-cloud-ops follows seed 002', () => {
  const p = PRIVATE_CLOUD_OPS_PACK;

  it('products, packages and levels', () => {
    expect(p.products).toEqual(['Apsara Stack', 'ZStack']);
    expect(p.tiers.map((t) => t.id)).toEqual(['5x8', '7x24']);
    expect(p.levels.map((l) => [l.id, l.kind])).toEqual([
      ['P1', 'fault'],
      ['P2', 'fault'],
      ['P3', 'fault'],
      ['P4', 'fault'],
      ['request', 'request'],
    ]);
  });

  it('faults 5 minutes, other requests 10 minutes, in the package service time', () => {
    for (const tier of ['5x8', '7x24'] as const) {
      for (const level of ['P1', 'P2', 'P3', 'P4']) {
        expect(responseTarget(p, tier, level)).toMatchObject({
          kind: 'minutes',
          minutes: 5,
          coverage: tier,
        });
      }
      expect(responseTarget(p, tier, 'request')).toMatchObject({
        kind: 'minutes',
        minutes: 10,
        coverage: tier,
      });
    }
  });

  it('says that P1–P4 are not defined by the seed, and that P1 gets a fault-handling report', () => {
    for (const l of p.levels.filter((x) => x.kind === 'fault')) {
      expect(l.definition.zh).toContain('未定义');
      expect(l.definition.en).toContain('does not define');
    }
    expect(p.levels[0]!.definition.zh).toContain('《故障处理报告》');
    expect(p.rules.find((r) => r.id === 'p1-fault-handling-report')?.text.zh).toContain('P1');
  });

  it('nine service items with their deliverables', () => {
    expect(p.services.map((s) => [s.name.zh, s.deliverable?.zh])).toEqual([
      ['技术支持', '《问题清单》'],
      ['故障应急', '《故障报告》'],
      ['监报告警', '《事件清单》'],
      ['资源巡检', '《巡检报告》'],
      ['风险管理', '《风险报告》'],
      ['变更支持', '《变更清单》'],
      ['备份管理', '《备份报告》'],
      ['需求管理', '《需求清单》'],
      ['服务报告', '《运维月报》'],
    ]);
    for (const s of p.services) expect(inSeed(seed002, s.deliverable!.zh), s.code).toBe(true);
  });

  it('service times of the packages', () => {
    expect(p.coverageWindows['5x8']).toMatchObject({
      name: { zh: '工作日 9:00~18:00' },
      start: '09:00',
      end: '18:00',
    });
    expect(p.coverageWindows['7x24'].name.zh).toBe('每天 0:00~23:59');
    for (const w of Object.values(p.coverageWindows)) expect(inSeed(seed002, w.name.zh)).toBe(true);
  });

  it('rules: entry report, acceptance within 7 days, report contents', () => {
    const text = (id: string): string => p.rules.find((r) => r.id === id)!.text.zh;
    expect(text('entry-report')).toContain('运维进场报告');
    expect(text('acceptance-7-days')).toContain('7 天内');
    for (const id of [
      'entry-report',
      'acceptance-7-days',
      'service-report-contents',
      'p1-fault-handling-report',
    ]) {
      expect(inSeed(seed002, text(id)), id).toBe(true);
    }
  });
});

describe('responseTarget', () => {
  it('throws InputError naming tier or level and the known ids', () => {
    const err = (fn: () => unknown): InputError => {
      try {
        fn();
      } catch (e) {
        if (e instanceof InputError) return e;
      }
      throw new Error('expected InputError');
    };
    const t = err(() => responseTarget(DCE_SUPPORT_PACK, 'gold', '1'));
    expect(t.field).toBe('tier');
    expect(t.message).toContain('standard, advanced, professional');
    const l = err(() => responseTarget(DCE_SUPPORT_PACK, 'standard', 'P1'));
    expect(l.field).toBe('level');
    expect(l.message).toContain('1, 2, 3, 4, 5');
    // Prototype keys are not tiers.
    expect(err(() => responseTarget(DCE_SUPPORT_PACK, 'toString', '1')).field).toBe('tier');
    expect(err(() => responseTarget(DCE_SUPPORT_PACK, 'standard', 'constructor')).field).toBe(
      'level',
    );
  });
});

describe('validatePolicyPack rejects broken packs with specific errors', () => {
  const mutate = (fn: (p: PolicyPack & Record<string, unknown>) => void): PolicyPack => {
    const p = clone(DCE_SUPPORT_PACK) as PolicyPack & Record<string, unknown>;
    fn(p);
    return p;
  };

  it.each<[string, unknown, string]>([
    ['not an object', 'pack', '/: must be object'],
    [
      'missing version',
      mutate((p) => delete (p as Partial<PolicyPack>).version),
      '/: missing property "version"',
    ],
    [
      'version not semver',
      mutate((p) => (p.version = '1.0')),
      '/version: must be a semantic version',
    ],
    [
      'unknown pack id',
      mutate((p) => ((p as { id: string }).id = 'gold')),
      '/id: must be one of "dce-support", "private-cloud-ops"',
    ],
    ['extra property', mutate((p) => (p.extra = 1)), '/: unknown property "extra"'],
    [
      'name without en',
      mutate((p) => (p.name = { zh: '名' } as PolicyPack['name'])),
      '/name: missing property "en"',
    ],
    [
      'hours target without hours',
      mutate(
        (p) =>
          (p.responseMatrix.standard!['1'] = {
            kind: 'hours',
            coverage: '7x24',
            onSite: false,
          } as never),
      ),
      '/responseMatrix/standard/1: missing property "hours"',
    ],
    [
      'business days on 7x24',
      mutate(
        (p) =>
          (p.responseMatrix.standard!['3'] = {
            kind: 'business-days',
            days: 2,
            coverage: '7x24',
            onSite: false,
          } as never),
      ),
      '/responseMatrix/standard/3/coverage: must be "5x8"',
    ],
    [
      'negative hours',
      mutate(
        (p) =>
          (p.responseMatrix.standard!['1'] = {
            kind: 'hours',
            hours: -1,
            coverage: '7x24',
            onSite: false,
          }),
      ),
      '/responseMatrix/standard/1/hours: must be > 0',
    ],
    [
      'unknown target kind',
      mutate((p) => (p.responseMatrix.standard!['1'] = { kind: 'days', onSite: false } as never)),
      '/responseMatrix/standard/1/kind: must be one of "hours", "minutes", "business-days", "none"',
    ],
    [
      'bad window time',
      mutate((p) => (p.coverageWindows['5x8'].end = '25:00')),
      '/coverageWindows/5x8/end: must be a time HH:mm',
    ],
    [
      'bad lifecycle date',
      mutate((p) => (p.lifecycle[0]!.eoss = '2026-6-1')),
      '/lifecycle/0/eoss: must be a date yyyy-MM-dd',
    ],
    [
      'unknown closure state',
      mutate((p) => ((p.closureStates[0] as { id: string }).id = 'done')),
      '/closureStates/0/id: must be one of "resolved", "transferred-to-customer", "cancelled-by-customer"',
    ],
    [
      'matrix missing a level',
      mutate((p) => delete p.responseMatrix.standard!['3']),
      '/responseMatrix/standard: missing level "3"',
    ],
    [
      'matrix missing a tier',
      mutate((p) => delete p.responseMatrix.advanced),
      '/responseMatrix: missing tier "advanced"',
    ],
    [
      'matrix with a level the pack lacks',
      mutate((p) => (p.responseMatrix.standard!['6'] = p.responseMatrix.standard!['5']!)),
      '/responseMatrix/standard/6: "6" is not a level of the pack',
    ],
    [
      'matrix with a tier the pack lacks',
      mutate((p) => (p.responseMatrix.gold = p.responseMatrix.standard!)),
      '/responseMatrix/gold: "gold" is not a tier of the pack',
    ],
    ['duplicate level id', mutate((p) => (p.levels[1]!.id = '1')), '/levels: duplicate id "1"'],
    [
      'window ending before it starts',
      mutate((p) => (p.coverageWindows['5x8'].start = '19:00')),
      '/coverageWindows/5x8: start 19:00 must be before end 18:00',
    ],
    [
      'lifecycle dates out of order',
      mutate((p) => (p.lifecycle[0]!.eoss = '2029-01-01')),
      '/lifecycle/0: dates must be ordered',
    ],
    [
      'impossible lifecycle date',
      mutate((p) => (p.lifecycle[0]!.eosl = '2028-02-30')),
      '/lifecycle/0/eosl: 2028-02-30 is not a real date',
    ],
    [
      'deadline for an unknown level',
      mutate((p) => (p.closureStates[2]!.deadlineDaysByLevel = { '9': 3 })),
      '/closureStates/2/deadlineDaysByLevel/9: "9" is not a level of the pack',
    ],
  ])('%s', (_name, data, expected) => {
    const errors = errorsOf(data);
    expect(errors.length).toBeGreaterThan(0);
    expect(
      errors.some((e) => e.startsWith(expected)),
      errors.join('\n'),
    ).toBe(true);
  });

  it('reports all schema errors at once', () => {
    const p = mutate((x) => {
      x.version = 'one';
      x.products = [];
    });
    const errors = errorsOf(p);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/version:/),
        expect.stringMatching(/^\/products:/),
      ]),
    );
  });
});
