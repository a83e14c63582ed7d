/**
 * The operations entry report's snapshot (运维进场报告, seed 002 §三: “如购买驻场服务，需要客户签署
 * 运维进场报告，双方确认服务开始和结束时间”): made from a contract, it fixes the service start and
 * end dates both sides confirm; once signed, those dates are the service period the periodic
 * service reports and the acceptance use. Validation: the dates lie inside the contract, start
 * before end.
 */
import type { HolidayCalendarId, IsoDate, IsoInstant } from '../../../db/types';
import { compileJsonSchema } from '../../../db/json-validator';
import type { SchemaViolation } from '../../../db/json-validator';
import type { SnapshotPerson, SnapshotSignature } from '../../snapshot-types';
import { HOLIDAY_CALENDAR_IDS } from '../../../db/types';

export interface EntrySnapshot {
  kind: 'entry-report';
  schemaVersion: 1;
  documentNumber: string;
  revision: number;
  issuedAt: IsoInstant;
  customer: { name: string; shortName?: string };
  site: { name: string; address?: string; timeZone: string; holidayCalendar: HolidayCalendarId };
  contract: {
    number: string;
    packId: 'private-cloud-ops';
    tier: string;
    services: string[];
    startDate: IsoDate;
    endDate: IsoDate;
  };
  /** The service period both sides confirm. */
  serviceStart: IsoDate;
  serviceEnd: IsoDate;
  /** 远程 / 驻场. */
  mode: 'remote' | 'on-site';
  /** Resident engineers and their roles. */
  engineers: SnapshotPerson[];
  customerRepresentatives: SnapshotPerson[];
  /** Products and resources in scope (运维产品范围). */
  scope: string[];
  /** Access channels, permissions and authorisations the customer provides (前提条件). */
  access: string[];
  /** Where the customer confirmed the service plan in writing, if already. */
  planConfirmation?: string;
  signatures: SnapshotSignature[];
}

const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const person = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    title: { type: 'string', maxLength: 200 },
    organisation: { type: 'string', maxLength: 200 },
    phone: { type: 'string', maxLength: 60 },
  },
};

export const ENTRY_SNAPSHOT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: [
    'kind',
    'schemaVersion',
    'documentNumber',
    'revision',
    'issuedAt',
    'customer',
    'site',
    'contract',
    'serviceStart',
    'serviceEnd',
    'mode',
    'engineers',
    'customerRepresentatives',
    'scope',
    'access',
    'signatures',
  ],
  properties: {
    kind: { const: 'entry-report' },
    schemaVersion: { const: 1 },
    documentNumber: { type: 'string', pattern: '^[A-Z0-9]{1,12}-ENT-\\d{8}-\\d{4,6}$' },
    revision: { type: 'integer', minimum: 1 },
    issuedAt: { type: 'string', minLength: 20, maxLength: 40 },
    customer: {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string', minLength: 1 } },
    },
    site: {
      type: 'object',
      required: ['name', 'timeZone', 'holidayCalendar'],
      properties: {
        name: { type: 'string', minLength: 1 },
        timeZone: { type: 'string', minLength: 1 },
        holidayCalendar: { enum: [...HOLIDAY_CALENDAR_IDS] },
      },
    },
    contract: {
      type: 'object',
      required: ['number', 'packId', 'tier', 'services', 'startDate', 'endDate'],
      properties: {
        number: { type: 'string', minLength: 1 },
        packId: { const: 'private-cloud-ops' },
        tier: { enum: ['5x8', '7x24'] },
        services: { type: 'array', items: { type: 'string' } },
        startDate: date,
        endDate: date,
      },
    },
    serviceStart: date,
    serviceEnd: date,
    mode: { enum: ['remote', 'on-site'] },
    engineers: { type: 'array', minItems: 1, items: person },
    customerRepresentatives: { type: 'array', minItems: 1, items: person },
    scope: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1, maxLength: 500 } },
    access: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 500 } },
    planConfirmation: { type: 'string', maxLength: 500 },
    signatures: {
      type: 'array',
      items: {
        type: 'object',
        required: ['role', 'name', 'signedAt', 'image'],
        properties: {
          role: { enum: ['customer', 'engineer'] },
          name: { type: 'string', minLength: 1 },
          signedAt: { type: 'string' },
          image: { type: 'string', pattern: '^data:image/png;base64,' },
        },
      },
    },
  },
} as const;

let validator: ((v: unknown) => SchemaViolation[]) | null = null;

export function validateEntrySnapshot(
  value: unknown,
): { ok: true; snapshot: EntrySnapshot } | { ok: false; errors: string[] } {
  validator ??= compileJsonSchema(ENTRY_SNAPSHOT_SCHEMA);
  const violations = validator(value);
  if (violations.length > 0) {
    return { ok: false, errors: violations.map((v) => `${v.field || '/'}: ${v.message}`) };
  }
  const s = value as EntrySnapshot;
  const errors: string[] = [];
  if (s.serviceEnd < s.serviceStart) errors.push('/serviceEnd: before the service start');
  if (s.serviceStart < s.contract.startDate || s.serviceEnd > s.contract.endDate) {
    errors.push(
      `/serviceStart: the service period must lie inside the contract (${s.contract.startDate} — ${s.contract.endDate})`,
    );
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, snapshot: s };
}

/** The service period a signed entry report fixes (null while it is not signed by both sides). */
export function servicePeriodOf(s: EntrySnapshot): { start: IsoDate; end: IsoDate } | null {
  const signed = (role: 'customer' | 'engineer') => s.signatures.some((x) => x.role === role);
  return signed('customer') && signed('engineer')
    ? { start: s.serviceStart, end: s.serviceEnd }
    : null;
}
