import { describe, expect, it } from 'vitest';
import type { VisitDoc, VisitLogEntryDoc } from '../db/types';
import { InputError } from './errors';
import {
  checkIn,
  checkOut,
  createCorrection,
  createLogEntry,
  createVisit,
  effectiveTimeline,
} from './visit-ops';

const NOW = '2026-11-23T08:30:00.000+08:00';

function planned(): VisitDoc {
  return createVisit(
    {
      customerId: 'CUST1',
      siteId: 'SITE1',
      contractId: 'CONTRACT1',
      purpose: 'inspection',
      summary: '季度巡检',
      engineers: ['王磊', '陈静'],
      plannedDate: '2026-11-23',
    },
    NOW,
  );
}

function expectInputError(fn: () => unknown, field: string, message: RegExp): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).field).toBe(field);
    expect((err as InputError).message).toMatch(message);
    return;
  }
  throw new Error('expected an InputError');
}

describe('createVisit', () => {
  it('makes a planned visit with an id and the write time', () => {
    const v = planned();
    expect(v.status).toBe('planned');
    expect(v.id).toMatch(/^[0-9A-Z]{26}$/);
    expect(v.createdAt).toBe(NOW);
    expect(v.updatedAt).toBe(NOW);
    expect(v.engineers).toEqual(['王磊', '陈静']);
    expect('checkInAt' in v).toBe(false);
  });

  it('takes a Date as now and stores UTC', () => {
    const v = createVisit(
      { customerId: 'C', siteId: 'S', purpose: 'upgrade', summary: '', engineers: ['a'] },
      new Date(Date.UTC(2026, 10, 23, 1, 0)),
    );
    expect(v.createdAt).toBe('2026-11-23T01:00:00.000Z');
    expect('contractId' in v).toBe(false);
  });

  it('rejects bad input with the field named', () => {
    const base = { customerId: 'C', siteId: 'S', purpose: 'inspection' as const, summary: '' };
    expectInputError(
      () => createVisit({ ...base, engineers: [] }, NOW),
      'engineers',
      /at least one/,
    );
    expectInputError(
      () => createVisit({ ...base, engineers: ['a', 'a'] }, NOW),
      'engineers',
      /twice/,
    );
    expectInputError(
      () => createVisit({ ...base, engineers: ['a'], plannedDate: '2026-02-30' }, NOW),
      'plannedDate',
      /yyyy-MM-dd/,
    );
    expectInputError(
      () => createVisit({ ...base, engineers: ['a'], purpose: 'party' as never }, NOW),
      'purpose',
      /unknown visit purpose/,
    );
    expectInputError(
      () => createVisit({ ...base, engineers: ['a'] }, '2026-11-23T08:30:00'),
      'now',
      /offset/,
    );
    expectInputError(
      () => createVisit({ ...base, customerId: '', engineers: ['a'] }, NOW),
      'customerId',
      /not a document id/,
    );
  });
});

describe('check-in and check-out', () => {
  it('checks in and out without touching the original', () => {
    const v = planned();
    const frozen = JSON.stringify(v);
    const inVisit = checkIn(v, '2026-11-23T09:05:00+08:00');
    expect(inVisit.status).toBe('checked-in');
    expect(inVisit.checkInAt).toBe('2026-11-23T09:05:00+08:00');
    expect(inVisit.updatedAt).toBe('2026-11-23T09:05:00+08:00');
    const outVisit = checkOut(inVisit, '2026-11-23T17:40:00+08:00', '2026-11-23T17:41:00+08:00');
    expect(outVisit.status).toBe('checked-out');
    expect(outVisit.checkOutAt).toBe('2026-11-23T17:40:00+08:00');
    expect(outVisit.updatedAt).toBe('2026-11-23T17:41:00+08:00');
    expect(JSON.stringify(v)).toBe(frozen);
    expect(inVisit.status).toBe('checked-in');
  });

  it('compares instants, not strings, across offsets', () => {
    const v = checkIn(planned(), '2026-11-23T09:00:00+08:00');
    // 01:30Z is 09:30 in Shanghai: after check-in even though the string sorts first.
    expect(checkOut(v, '2026-11-23T01:30:00Z').status).toBe('checked-out');
    expectInputError(() => checkOut(v, '2026-11-23T00:30:00Z'), 'checkOutAt', /before check-in/);
  });

  it('refuses double check-in, check-out before check-in, double check-out', () => {
    const v = planned();
    const inVisit = checkIn(v, '2026-11-23T09:00:00+08:00');
    expectInputError(
      () => checkIn(inVisit, '2026-11-23T09:10:00+08:00'),
      'status',
      /already checked in/,
    );
    expectInputError(() => checkOut(v, '2026-11-23T10:00:00+08:00'), 'status', /not checked in/);
    expectInputError(
      () => checkOut(inVisit, '2026-11-23T08:00:00+08:00'),
      'checkOutAt',
      /before check-in/,
    );
    const outVisit = checkOut(inVisit, '2026-11-23T12:00:00+08:00');
    expectInputError(
      () => checkOut(outVisit, '2026-11-23T13:00:00+08:00'),
      'status',
      /already checked out/,
    );
    expectInputError(
      () => checkIn(outVisit, '2026-11-23T13:00:00+08:00'),
      'status',
      /already checked out/,
    );
    expectInputError(() => checkIn(v, 'yesterday'), 'checkInAt', /ISO-8601/);
  });
});

describe('visit log', () => {
  const visit = checkIn(planned(), '2026-11-23T09:00:00+08:00');

  it('creates entries of each kind with the visit and customer ids', () => {
    const note = createLogEntry({
      visit,
      author: '王磊',
      kind: 'note',
      text: '到达机房',
      at: '2026-11-23T09:10:00+08:00',
    });
    expect(note).toMatchObject({
      visitId: visit.id,
      customerId: 'CUST1',
      kind: 'note',
      attachments: [],
    });
    const cmd = createLogEntry({
      visit,
      author: '王磊',
      kind: 'command',
      text: '',
      command: 'kubectl get nodes',
      output: 'NAME STATUS\nmaster-01 Ready',
      at: '2026-11-23T09:20:00+08:00',
    });
    expect(cmd.command).toBe('kubectl get nodes');
    const photo = createLogEntry({
      visit,
      author: '陈静',
      kind: 'photo',
      text: '机柜照片',
      attachments: [
        { sha256: 'a'.repeat(64), name: 'rack.jpg', mimeType: 'image/jpeg', size: 12345 },
      ],
      at: '2026-11-23T09:30:00+08:00',
    });
    expect(photo.attachments).toHaveLength(1);
    expect('correctsEntryId' in photo).toBe(false);
  });

  it('validates content per kind and the time against check-in', () => {
    const at = '2026-11-23T10:00:00+08:00';
    expectInputError(
      () => createLogEntry({ visit, author: 'a', kind: 'note', text: '  ', at }),
      'text',
      /needs text/,
    );
    expectInputError(
      () => createLogEntry({ visit, author: 'a', kind: 'command', text: 'x', at }),
      'command',
      /command line/,
    );
    expectInputError(
      () => createLogEntry({ visit, author: 'a', kind: 'note', text: 'x', output: 'y', at }),
      'command',
      /only command entries/,
    );
    expectInputError(
      () => createLogEntry({ visit, author: 'a', kind: 'file', text: 'x', at }),
      'attachments',
      /at least one attachment/,
    );
    expectInputError(
      () =>
        createLogEntry({
          visit,
          author: 'a',
          kind: 'photo',
          text: 'x',
          attachments: [{ sha256: 'XYZ', name: 'a', mimeType: 'image/png', size: 1 }],
          at,
        }),
      'attachments',
      /sha256/,
    );
    expectInputError(
      () => createLogEntry({ visit, author: ' ', kind: 'note', text: 'x', at }),
      'author',
      /empty/,
    );
    expectInputError(
      () =>
        createLogEntry({
          visit,
          author: 'a',
          kind: 'note',
          text: 'x',
          at: '2026-11-23T08:59:00+08:00',
        }),
      'at',
      /before check-in/,
    );
    expectInputError(
      () => createLogEntry({ visit: planned(), author: 'a', kind: 'note', text: 'x', at }),
      'status',
      /check in before/,
    );
  });

  it('corrects by appending, and the timeline marks the superseded entry', () => {
    const first = createLogEntry({
      visit,
      author: '王磊',
      kind: 'note',
      text: 'etcd 3 个成员健康',
      at: '2026-11-23T10:00:00+08:00',
    });
    const second = createLogEntry({
      visit,
      author: '王磊',
      kind: 'note',
      text: '检查证书',
      at: '2026-11-23T10:30:00+08:00',
    });
    const frozen = JSON.stringify(first);
    const fix1 = createCorrection(first, {
      author: '王磊',
      text: '更正：etcd 2 个成员健康，1 个成员落后',
      at: '2026-11-23T11:00:00+08:00',
    });
    const fix2 = createCorrection(first, {
      author: '陈静',
      text: '再次更正：etcd-03 已追平',
      at: '2026-11-23T11:30:00+08:00',
    });
    expect(JSON.stringify(first)).toBe(frozen);
    expect(fix1).toMatchObject({
      correctsEntryId: first.id,
      visitId: visit.id,
      kind: 'note',
      customerId: 'CUST1',
    });
    expect(fix1.id).not.toBe(first.id);

    const timeline = effectiveTimeline([first, fix1, second, fix2]);
    expect(timeline.map((t) => t.entry.id)).toEqual([fix2.id, fix1.id, second.id, first.id]);
    expect(timeline.find((t) => t.entry.id === first.id)).toMatchObject({
      superseded: true,
      supersededBy: fix2.id,
    });
    expect(timeline.filter((t) => t.superseded)).toHaveLength(1);

    const cmd = createLogEntry({
      visit,
      author: 'a',
      kind: 'command',
      text: '',
      command: 'etcdctl endpoint health',
      output: 'ok',
      at: '2026-11-23T10:40:00+08:00',
    });
    expect(
      createCorrection(cmd, {
        author: 'a',
        text: '输出属于 etcd-02',
        at: '2026-11-23T10:41:00+08:00',
      }).kind,
    ).toBe('note');
    expect(
      createCorrection(cmd, {
        author: 'a',
        text: '',
        command: 'etcdctl endpoint status',
        at: '2026-11-23T10:41:00+08:00',
      }).kind,
    ).toBe('command');
    expectInputError(
      () => createCorrection(second, { author: 'a', text: 'x', at: '2026-11-23T10:00:00+08:00' }),
      'at',
      /cannot predate/,
    );
  });

  it('orders the timeline by instant across offsets', () => {
    const a = createLogEntry({
      visit,
      author: 'a',
      kind: 'note',
      text: 'a',
      at: '2026-11-23T10:00:00+08:00',
    });
    // 02:30Z = 10:30 +08:00: newer, though its string sorts first.
    const b = createLogEntry({
      visit,
      author: 'a',
      kind: 'note',
      text: 'b',
      at: '2026-11-23T02:30:00Z',
    });
    expect(effectiveTimeline([a, b]).map((t) => t.entry.text)).toEqual(['b', 'a']);
  });
});

describe('effectiveTimeline', () => {
  it('is empty for no entries and keeps entries whose correction is outside the page', () => {
    expect(effectiveTimeline([])).toEqual([]);
    const lone = {
      id: 'X',
      correctsEntryId: 'NOT-LOADED',
      at: '2026-11-23T10:00:00+08:00',
    } as VisitLogEntryDoc;
    expect(effectiveTimeline([lone])).toEqual([{ entry: lone, superseded: false }]);
  });
});
