import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import type { RxStorage } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerDoc } from '../../src-shared/db/types';
import { InputError } from '../../src-shared/domain/errors';
import { openIncident } from '../../src-shared/domain/incident-ops';
import { translate } from '../app/i18n-core';
import { dictionaries } from '../app/messages';
import { openFieldbookDatabase } from '../db/database';
import type { FieldbookDatabase } from '../db/database';
import { errorField, userErrorText } from './error-text';
import { customerFieldLabels, incidentFieldLabels, visitFieldLabels } from './field-labels';

const zh = (key: string, params?: Record<string, string | number>) =>
  translate(dictionaries.zh, key, params);
const en = (key: string, params?: Record<string, string | number>) =>
  translate(dictionaries.en, key, params);

const T0 = '2026-11-23T02:00:00.000Z';
const site = {
  id: 'SITE1',
  customerId: 'CUST1',
  name: '上海张江机房',
  address: '',
  timeZone: 'Asia/Shanghai',
  holidayCalendar: 'cn' as const,
  contacts: [],
  createdAt: T0,
  updatedAt: T0,
};
const contract = {
  id: 'K1',
  customerId: 'CUST1',
  number: 'DC-2026-0158',
  packId: 'dce-support' as const,
  services: ['SNS'],
  tier: 'standard',
  startDate: '2026-01-01',
  endDate: '2026-12-31',
  validityRule: 'licence-activation' as const,
  siteIds: [],
  clusterIds: [],
  createdAt: T0,
  updatedAt: T0,
};

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('userErrorText: save errors in the UI language, naming the form field', () => {
  it('a first contact in the future (the field engineer’s report) reads in Chinese with the label', () => {
    const err = caught(() =>
      openIncident(
        {
          customerId: 'CUST1',
          site,
          contract,
          title: 't',
          description: '',
          level: '2',
          openedAt: '2026-11-24T10:00:00+08:00',
          author: '王磊',
        },
        T0,
      ),
    );
    expect(userErrorText(zh, err, incidentFieldLabels(zh))).toBe(
      '客户首次联系时间不能晚于当前时间',
    );
    expect(userErrorText(en, err, incidentFieldLabels(en))).toBe(
      "Customer's first contact cannot be in the future",
    );
    expect(errorField(err)).toBe('openedAt');
  });

  it('params of a code fill its message', () => {
    const err = caught(() =>
      openIncident(
        {
          customerId: 'CUST1',
          site,
          contract: { ...contract, endDate: '2026-06-30' },
          title: 't',
          description: '',
          level: '2',
          openedAt: '2026-11-23T10:00:00+08:00',
          author: '王磊',
        },
        T0,
      ),
    );
    expect(userErrorText(zh, err, incidentFieldLabels(zh))).toBe(
      '合同 DC-2026-0158 在 2026-11-23 不在有效期内（2026-01-01 至 2026-06-30）',
    );
  });

  it('an InputError without a code, or a field without a label, never shows internal names', () => {
    const text = userErrorText(zh, new InputError('clusterIds[3] is odd', 'clusterIds'), {});
    expect(text).toBe('该项的值无效');
    expect(text).not.toMatch(/[a-z]/i);
  });

  it('an error with a message key (as the deliverable errors carry) is translated', () => {
    const err = Object.assign(new Error('x'), { key: 'error.code.notDispatched', params: {} });
    expect(userErrorText(zh, err)).toBe('尚未派遣工程师');
  });

  it('anything else is “unexpected”, in the UI language, with the detail for the report', () => {
    expect(userErrorText(zh, new TypeError('boom'))).toBe('发生意外错误，请报告给开发人员（boom）');
  });
});

describe('userErrorText on a real schema refusal (RxDB VD2 from the shared validator)', () => {
  const storage = getRxStorageDexie({ indexedDB, IDBKeyRange }) as RxStorage<unknown, unknown>;
  let db: FieldbookDatabase | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it('a too-long customer industry names the “行业” field and its limit', async () => {
    db = await openFieldbookDatabase({
      name: `fb-error-text-${Date.now()}`,
      password: 'a3f1c9e07b2d4e68a3f1c9e07b2d4e68',
      storage,
    });
    const customer: CustomerDoc = {
      id: 'CUST1',
      customerId: 'CUST1',
      name: '华东银行',
      industry: '金'.repeat(500),
      contacts: [],
      createdAt: T0,
      updatedAt: T0,
    };
    let err: unknown;
    await db.customers.insert(customer).catch((e: unknown) => {
      err = e;
    });
    expect(err).toBeDefined();
    expect(errorField(err)).toBe('industry');
    const text = userErrorText(zh, err, customerFieldLabels(zh));
    expect(text).toMatch(/^行业不能超过 \d+ 个字符$/);
    expect(await db.customers.count().exec()).toBe(0);
  });
});

describe('field labels (forms and the merge history card)', () => {
  it('every label exists in both languages; “industry” is 行业 in Chinese', () => {
    for (const t of [zh, en]) {
      for (const labels of [customerFieldLabels(t), visitFieldLabels(t), incidentFieldLabels(t)]) {
        for (const [field, label] of Object.entries(labels)) {
          expect(label, field).not.toMatch(/^[a-z]+(\.[a-zA-Z._]+)+$/);
        }
      }
    }
    expect(customerFieldLabels(zh)['industry']).toBe('行业');
    expect(customerFieldLabels(en)['industry']).toBe('Industry');
  });
});
