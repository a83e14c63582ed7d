import { describe, expect, it } from 'vitest';
import type { DeliverableDoc, IncidentDoc, VisitLogEntryDoc } from '../db/types';
import { SearchIndex } from './search-index';
import { toSearchDoc, wallTimeWithZone } from './search-docs';
import { tokenize, tokenizeQuery } from './tokenize';

const T = '2026-03-06T10:00:00.000+08:00';

function logEntry(
  id: string,
  text: string,
  extra: Partial<VisitLogEntryDoc> = {},
): VisitLogEntryDoc {
  return {
    id,
    customerId: 'c1',
    createdAt: T,
    updatedAt: T,
    visitId: 'v1',
    at: T,
    author: '张伟',
    kind: 'note',
    text,
    attachments: [],
    ...extra,
  };
}

describe('tokenize', () => {
  it('cuts Chinese runs into bigrams plus the last character, Latin into lowercase words', () => {
    expect(tokenize('巡检报告')).toEqual(['巡检', '检报', '报告', '告']);
    expect(tokenize('etcd延迟 Node-1')).toEqual(['etcd', '延迟', '迟', 'node', '1', 'node-1']);
    expect(tokenize('磁')).toEqual(['磁']);
  });

  it('gives a query only its bigrams', () => {
    expect(tokenizeQuery('巡检')).toEqual(['巡检']);
    expect(tokenizeQuery('磁盘使用')).toEqual(['磁盘', '使用']);
    expect(tokenizeQuery('使用率')).toEqual(['使用', '用率']);
    expect(tokenizeQuery('磁盘使用率')).toEqual(['磁盘', '使用', '用率']);
    expect(tokenizeQuery('  ，。 ')).toEqual([]);
  });
});

describe('SearchIndex', () => {
  it('finds 巡检 and a word inside a Chinese sentence', () => {
    const index = new SearchIndex();
    index.applyRecord('visitLogEntries', logEntry('e1', '完成季度巡检，所有节点正常'), false);
    index.applyRecord('visitLogEntries', logEntry('e2', '节点磁盘使用率过高，已清理日志'), false);
    index.applyRecord('visitLogEntries', logEntry('e3', 'Routine check, nothing to report'), false);

    expect(index.search('巡检').map((h) => h.recordId)).toEqual(['e1']);
    expect(index.search('磁盘').map((h) => h.recordId)).toEqual(['e2']);
    expect(index.search('使用率').map((h) => h.recordId)).toEqual(['e2']);
    // A word both entries contain.
    expect(
      index
        .search('节点')
        .map((h) => h.recordId)
        .sort(),
    ).toEqual(['e1', 'e2']);
    // Characters that occur, but not next to each other, do not match a bigram query.
    expect(index.search('巡常')).toEqual([]);
    // One character matches as a prefix of the bigrams it starts, or the run's last one.
    expect(index.search('磁').map((h) => h.recordId)).toEqual(['e2']);
    expect(index.search('志').map((h) => h.recordId)).toEqual(['e2']);
    expect(index.search('routine').map((h) => h.recordId)).toEqual(['e3']);
  });

  it('searches command output and prefixes of the word being typed', () => {
    const index = new SearchIndex();
    index.applyRecord(
      'visitLogEntries',
      logEntry('e1', '', {
        kind: 'command',
        command: 'kubectl get nodes',
        output: 'NAME STATUS\nmaster-01 NotReady\nworker-07 Ready',
      }),
      false,
    );
    expect(index.search('notready')[0]?.recordId).toBe('e1');
    expect(index.search('worker-0')[0]?.recordId).toBe('e1');
    expect(index.search('kubec')[0]?.title).toBe('kubectl get nodes');
    expect(index.search('kubectl')[0]?.route).toBe('/visits/v1');
  });

  it('follows updates and deletions one record at a time', () => {
    const index = new SearchIndex();
    const entry = logEntry('e1', '更换电源模块');
    index.applyRecord('visitLogEntries', entry, false);
    expect(index.search('电源')).toHaveLength(1);
    index.applyRecord('visitLogEntries', { ...entry, text: '更换风扇' }, false);
    expect(index.search('电源')).toHaveLength(0);
    expect(index.search('风扇')).toHaveLength(1);
    expect(index.size).toBe(1);
    index.applyRecord('visitLogEntries', entry, true);
    expect(index.search('风扇')).toHaveLength(0);
    expect(index.size).toBe(0);
    // Removing what is not there changes nothing.
    index.remove('log-entry:missing');
    expect(index.size).toBe(0);
  });

  it('finds a deliverable by its number and leads to its source record', () => {
    const index = new SearchIndex();
    const d = {
      id: 'd1',
      customerId: 'c1',
      createdAt: T,
      updatedAt: T,
      kind: 'fault-report',
      sourceId: 'i1',
      title: '数据库主节点宕机',
      documentNumber: 'FR-2026-7K3QZ-0042',
      documentRevision: 1,
      lang: 'zh',
      status: 'signed',
      snapshot: {},
      signatures: [],
      history: [],
    } as DeliverableDoc;
    index.applyRecord('deliverables', d, false);
    const hit = index.search('FR-2026-7K3QZ-0042')[0];
    expect(hit?.kind).toBe('deliverable');
    expect(hit?.route).toBe('/incidents/i1');
    expect(index.search('7k3qz-004')[0]?.recordId).toBe('d1');
  });

  it('indexes incident timelines and ignores collections it does not search', () => {
    const incident = {
      id: 'i1',
      customerId: 'c1',
      title: 'Ingress 502',
      description: '生产集群入口网关返回 502',
      openedAt: T,
      timeline: [{ id: 't1', at: T, kind: 'update', author: 'a', text: '已回滚网关配置' }],
    } as unknown as IncidentDoc;
    expect(toSearchDoc('incidents', incident)?.route).toBe('/incidents/i1');
    const index = new SearchIndex();
    index.applyRecord('incidents', incident, false);
    expect(index.search('回滚')[0]?.recordId).toBe('i1');
    expect(toSearchDoc('contracts', {} as never)).toBeNull();
  });

  it('returns nothing for an empty query', () => {
    const index = new SearchIndex();
    index.applyRecord('visitLogEntries', logEntry('e1', 'x'), false);
    expect(index.search('')).toEqual([]);
    expect(index.search(' - ')).toEqual([]);
  });

  it('ranks a name above the same word in a body, and finds a word with a typo only when nothing else hits', () => {
    const index = new SearchIndex();
    index.applyRecord('visitLogEntries', logEntry('e1', '检查 containerd 日志'), false);
    index.applyRecord(
      'incidents',
      {
        id: 'i1',
        customerId: 'c1',
        title: 'containerd 重启',
        description: '',
        openedAt: T,
        timeline: [],
      } as unknown as IncidentDoc,
      false,
    );
    expect(index.search('containerd').map((h) => h.recordId)).toEqual(['i1', 'e1']);
    // One typo in a long word: found by the last pass.
    expect(
      index
        .search('containrd')
        .map((h) => h.recordId)
        .sort(),
    ).toEqual(['e1', 'i1']);
    // Short words get no typo allowance.
    expect(index.search('cntr')).toEqual([]);
  });

  it('keeps prefixes, scores and sizes right through thousands of replacements (compaction)', () => {
    const index = new SearchIndex();
    for (let i = 0; i < 3_000; i++) {
      index.applyRecord('visitLogEntries', logEntry(`e${i}`, `alpha${i % 7} 第${i}次`), false);
    }
    // Every entry replaced once with new text (each replacement leaves a removed entry behind),
    // then a third of them deleted.
    for (let i = 0; i < 3_000; i++) {
      index.applyRecord('visitLogEntries', logEntry(`e${i}`, `beta${i % 5} 巡检`), false);
    }
    for (let i = 0; i < 1_000; i++)
      index.applyRecord('visitLogEntries', logEntry(`e${i}`, ''), true);
    expect(index.size).toBe(2_000);
    expect(index.search('alpha')).toEqual([]);
    expect(index.search('巡检', 5_000)).toHaveLength(2_000);
    expect(index.search('beta3', 5_000)).toHaveLength(400);
    // A term added after the vocabulary was sorted is found by prefix, one by one and in bulk.
    index.applyRecord('visitLogEntries', logEntry('n1', 'zulu-gateway'), false);
    expect(index.search('zul').map((h) => h.recordId)).toEqual(['n1']);
    for (let i = 0; i < 50; i++)
      index.applyRecord('visitLogEntries', logEntry(`m${i}`, `yank${i}`), false);
    expect(index.search('yank', 100)).toHaveLength(50);
    expect(
      index
        .search('yank4', 100)
        .map((h) => h.recordId)
        .sort(),
    ).toEqual(['m4', 'm40', 'm41', 'm42', 'm43', 'm44', 'm45', 'm46', 'm47', 'm48', 'm49']);
  });

  it('returns at most the limit, best first', () => {
    const index = new SearchIndex();
    for (let i = 0; i < 120; i++) {
      index.applyRecord(
        'visitLogEntries',
        logEntry(`e${i}`, i === 77 ? '磁盘 磁盘 磁盘' : `磁盘 记录${i} 其他内容很长很长`),
        false,
      );
    }
    const hits = index.search('磁盘');
    expect(hits).toHaveLength(50);
    expect(hits[0]?.recordId).toBe('e77');
    for (let k = 1; k < hits.length; k++)
      expect(hits[k - 1]!.score).toBeGreaterThanOrEqual(hits[k]!.score);
  });
});

describe('search result times', () => {
  it('name the zone they were written in', () => {
    expect(wallTimeWithZone('2026-11-30T10:06:00+08:00')).toBe('2026-11-30 10:06 GMT+8');
    expect(wallTimeWithZone('2026-11-30T10:06:00.000+05:30')).toBe('2026-11-30 10:06 GMT+5:30');
    expect(wallTimeWithZone('2026-11-30T02:06:00.000Z')).toBe('2026-11-30 02:06 GMT+0');
    expect(wallTimeWithZone('2026-11-30T02:06:00-04:00')).toBe('2026-11-30 02:06 GMT-4');
  });
});
