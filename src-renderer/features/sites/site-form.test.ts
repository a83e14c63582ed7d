import { describe, expect, it } from 'vitest';
import type { SiteDoc } from '../../../src-shared/db/types';
import { siteFromForm, siteToForm } from './site-form';

const NOW = '2026-11-23T10:00:00.000+08:00';

describe('siteFromForm', () => {
  it('builds a site with remote access, keeping the password exactly as typed', () => {
    const doc = siteFromForm(
      {
        name: ' 张江数据中心 ',
        address: '上海市浦东新区',
        timeZone: 'Asia/Shanghai',
        holidayCalendar: 'cn',
        remoteMethod: 'SSH',
        remoteHost: '10.0.0.1',
        remoteUsername: 'ops',
        remotePassword: ' s3cret ',
      },
      NOW,
      { id: 'S1', customerId: 'C1' },
    );
    expect(doc).toEqual({
      id: 'S1',
      customerId: 'C1',
      createdAt: NOW,
      updatedAt: NOW,
      name: '张江数据中心',
      address: '上海市浦东新区',
      timeZone: 'Asia/Shanghai',
      holidayCalendar: 'cn',
      contacts: [],
      remoteAccess: { method: 'SSH', host: '10.0.0.1', username: 'ops', password: ' s3cret ' },
    });
  });

  it('leaves remote access out when nothing is filled in, and round-trips through the form', () => {
    const doc = siteFromForm(
      { name: 'A', timeZone: 'Europe/Berlin', holidayCalendar: 'none', remoteMethod: '' },
      NOW,
      { id: 'S1', customerId: 'C1' },
    );
    expect('remoteAccess' in doc).toBe(false);
    const again = siteFromForm(siteToForm(doc), NOW, doc);
    expect(again).toEqual(doc);
  });

  it('refuses credentials without an access method', () => {
    expect(() =>
      siteFromForm(
        { name: 'A', timeZone: 'UTC', holidayCalendar: 'none', remotePassword: 'x' },
        NOW,
        { id: 'S1', customerId: 'C1' },
      ),
    ).toThrow(/method/);
  });

  it('keeps createdAt on edit', () => {
    const existing = siteFromForm(
      { name: 'A', timeZone: 'UTC', holidayCalendar: 'none' },
      '2026-01-01T00:00:00.000Z',
      { id: 'S1', customerId: 'C1' },
    ) satisfies SiteDoc;
    const edited = siteFromForm({ ...siteToForm(existing), name: 'B' }, NOW, existing);
    expect(edited.createdAt).toBe('2026-01-01T00:00:00.000Z');
    expect(edited.name).toBe('B');
  });
});
