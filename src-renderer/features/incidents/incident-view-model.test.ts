import { describe, expect, it } from 'vitest';
import type { IncidentDoc } from '../../../src-shared/db/types';
import {
  DCE_SUPPORT_PACK,
  PRIVATE_CLOUD_OPS_PACK,
  responseTarget,
} from '../../../src-shared/policy/index';
import { translate } from '../../app/i18n-core';
import {
  chineseCount,
  compareByDue,
  levelColor,
  levelLabel,
  onSiteResponseMs,
  statusColor,
  targetText,
} from './incident-view-model';
import { messages } from './messages';

const tZh = (key: string, params?: Record<string, string | number>) =>
  translate(messages.zh, key, params);
const tEn = (key: string, params?: Record<string, string | number>) =>
  translate(messages.en, key, params);

function incident(id: string, dueAt: string, openedAt = '2026-03-06T09:00:00+08:00'): IncidentDoc {
  return {
    id,
    customerId: 'c',
    siteId: 's',
    contractId: 'k',
    title: id,
    description: '',
    packId: 'dce-support',
    tier: 'standard',
    level: '2',
    levelHistory: [],
    openedAt,
    status: 'open',
    dueAt,
    pauses: [],
    timeline: [],
    createdAt: openedAt,
    updatedAt: openedAt,
  };
}

describe('level labels and colours', () => {
  it('labels numbered levels as the seed does, ops levels by id or name', () => {
    expect(levelLabel(DCE_SUPPORT_PACK, '1', tZh, 'zh')).toBe('1 级');
    expect(levelLabel(DCE_SUPPORT_PACK, '1', tEn, 'en')).toBe('Level 1');
    expect(levelLabel(PRIVATE_CLOUD_OPS_PACK, 'P2', tEn, 'en')).toBe('P2');
    expect(levelLabel(PRIVATE_CLOUD_OPS_PACK, 'request', tZh, 'zh')).toBe('其他服务请求');
  });

  it('colours the most severe level red and the rest by rank', () => {
    expect(levelColor(DCE_SUPPORT_PACK, '1')).toBe('red');
    expect(levelColor(DCE_SUPPORT_PACK, '2')).toBe('volcano');
    expect(levelColor(DCE_SUPPORT_PACK, '5')).toBe('default');
    expect(levelColor(PRIVATE_CLOUD_OPS_PACK, 'P1')).toBe('red');
    expect(levelColor(DCE_SUPPORT_PACK, 'unknown')).toBe('default');
  });

  it('gives every status its own colour', () => {
    const all = (['open', 'paused', 'resolved', 'closed'] as const).map(statusColor);
    expect(new Set(all).size).toBe(4);
  });
});

describe('target text', () => {
  const target = (tier: string, level: string) => responseTarget(DCE_SUPPORT_PACK, tier, level);

  it('quotes the seed table in Chinese', () => {
    expect(targetText(DCE_SUPPORT_PACK, target('standard', '2'), tZh, 'zh')).toBe(
      '八小时 5*8 (9:00 - 18:00)',
    );
    expect(targetText(DCE_SUPPORT_PACK, target('standard', '1'), tZh, 'zh')).toBe('四小时 7*24');
    expect(targetText(DCE_SUPPORT_PACK, target('standard', '3'), tZh, 'zh')).toBe(
      '二个工作日 5*8 (9:00 - 18:00)',
    );
    expect(targetText(DCE_SUPPORT_PACK, target('advanced', '3'), tZh, 'zh')).toBe(
      '一个工作日 5*8 (9:00 - 18:00)',
    );
    expect(targetText(DCE_SUPPORT_PACK, target('standard', '5'), tZh, 'zh')).toBe('无');
    expect(targetText(DCE_SUPPORT_PACK, target('professional', '5'), tZh, 'zh')).toBe('每月探讨');
  });

  it('reads naturally in English, with singular and plural', () => {
    expect(targetText(DCE_SUPPORT_PACK, target('standard', '2'), tEn, 'en')).toBe(
      '8 hours 5×8 (09:00–18:00 on working days)',
    );
    expect(targetText(DCE_SUPPORT_PACK, target('professional', '1'), tEn, 'en')).toBe(
      '1 hour 7×24 (every day, all day)',
    );
    expect(targetText(DCE_SUPPORT_PACK, target('professional', '4'), tEn, 'en')).toBe(
      '1 business day 5×8 (09:00–18:00 on working days)',
    );
  });

  it('shows minute targets of the ops pack', () => {
    const p1 = responseTarget(PRIVATE_CLOUD_OPS_PACK, '5x8', 'P1');
    expect(targetText(PRIVATE_CLOUD_OPS_PACK, p1, tZh, 'zh')).toBe('5 分钟 工作日 9:00~18:00');
  });

  it('writes small counts in Chinese numerals only', () => {
    expect(chineseCount(2)).toBe('二');
    expect(chineseCount(8)).toBe('八');
    expect(chineseCount(12)).toBe('12');
    expect(chineseCount(1.5)).toBe('1.5');
  });
});

describe('compareByDue', () => {
  it('puts the earliest due first whatever the offset, then incidents without a due time', () => {
    const a = incident('a', '2026-03-09T08:00:00.000Z');
    const b = incident('b', '2026-03-09T07:00:00.000Z');
    const none1 = incident('n1', '', '2026-03-06T09:00:00+08:00');
    const none2 = incident('n2', '', '2026-03-07T09:00:00+08:00');
    expect([a, none1, b, none2].sort(compareByDue).map((i) => i.id)).toEqual([
      'b',
      'a',
      'n2',
      'n1',
    ]);
  });

  it('breaks ties by id', () => {
    const x = incident('x', '2026-03-09T08:00:00.000Z');
    const y = incident('y', '2026-03-09T08:00:00.000Z');
    expect([y, x].sort(compareByDue).map((i) => i.id)).toEqual(['x', 'y']);
  });
});

describe('onSiteResponseMs', () => {
  it('measures real time from dispatch to arrival', () => {
    expect(
      onSiteResponseMs({
        dispatchedAt: '2026-03-06T10:00:00+08:00',
        onSiteArrivalAt: '2026-03-06T11:30:00+08:00',
      }),
    ).toBe(90 * 60_000);
    expect(onSiteResponseMs({ dispatchedAt: '2026-03-06T10:00:00+08:00' })).toBeNull();
  });
});
