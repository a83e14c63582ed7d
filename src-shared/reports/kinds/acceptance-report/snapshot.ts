/**
 * The acceptance report's snapshot (验收报告): the contract, every deliverable its services
 * promise with its status, the punch list, the customer's confirmation deadline, and the earlier
 * revisions' rejections. A rejection is recorded per item; the resubmission is a new revision
 * (same number, revision + 1, signatures dropped) that carries the rejections it answers.
 * Validation checks that the deliverables are exactly the contract's and the deadline is the
 * rule's, so a report cannot leave out a promised deliverable or stretch the 7 days.
 */
import type { HolidayCalendarId, IsoInstant, PolicyPackId } from '../../../db/types';
import { compileJsonSchema } from '../../../db/json-validator';
import type { SchemaViolation } from '../../../db/json-validator';
import { jsonEqual } from '../../../db/conflicts';
import type {
  AcceptanceDeadline,
  AcceptanceItem,
  AcceptanceReview,
  PunchItem,
} from '../../../domain/ops/acceptance';
import {
  acceptanceDeadline,
  contractDeliverables,
  itemProblems,
} from '../../../domain/ops/acceptance';
import type { SnapshotPerson, SnapshotSignature } from '../../snapshot-types';
import { HOLIDAY_CALENDAR_IDS } from '../../../db/types';

export interface AcceptanceSnapshot {
  kind: 'acceptance-report';
  schemaVersion: 1;
  documentNumber: string;
  revision: number;
  issuedAt: IsoInstant;
  customer: { name: string; shortName?: string };
  site: { name: string; address?: string; timeZone: string; holidayCalendar: HolidayCalendarId };
  contract: {
    number: string;
    packId: PolicyPackId;
    tier: string;
    services: string[];
    startDate: string;
    endDate: string;
  };
  engineers: SnapshotPerson[];
  customerRepresentatives: SnapshotPerson[];
  signatures: SnapshotSignature[];
  deliverables: AcceptanceItem[];
  punchList: PunchItem[];
  confirmation: AcceptanceDeadline;
  /** Rejections of earlier revisions, oldest first. */
  reviews: AcceptanceReview[];
  /** The engineer's summary of the service delivered. */
  conclusion: string;
}

export type AcceptanceSnapshotInput = Omit<
  AcceptanceSnapshot,
  'kind' | 'schemaVersion' | 'confirmation' | 'deliverables' | 'reviews'
> & {
  /** Status per deliverable code; a promised deliverable not given here is `missing`. */
  statuses: Record<string, Omit<AcceptanceItem, 'code' | 'service' | 'name'>>;
  reviews?: AcceptanceReview[];
};

export function buildAcceptanceSnapshot(input: AcceptanceSnapshotInput): AcceptanceSnapshot {
  const { statuses, reviews, ...rest } = structuredClone(input);
  const promised = contractDeliverables(rest.contract);
  for (const code of Object.keys(statuses)) {
    if (!promised.some((d) => d.code === code)) {
      throw new Error(
        `statuses: "${code}" is not a deliverable of contract ${rest.contract.number}`,
      );
    }
  }
  return {
    kind: 'acceptance-report',
    schemaVersion: 1,
    ...rest,
    deliverables: promised.map((d) => ({ ...d, ...(statuses[d.code] ?? { status: 'missing' }) })),
    confirmation: acceptanceDeadline(
      rest.contract.endDate,
      rest.site.timeZone,
      rest.site.holidayCalendar,
    ),
    reviews: reviews ?? [],
  };
}

/**
 * The resubmission after a rejection: the same number, the next revision, no signatures, the
 * rejection kept in `reviews`, and the items as corrected (`changes` by code).
 */
export function resubmitAcceptance(
  previous: AcceptanceSnapshot,
  review: AcceptanceReview,
  changes: Record<string, Omit<AcceptanceItem, 'code' | 'service' | 'name'>>,
  issuedAt: IsoInstant,
): AcceptanceSnapshot {
  if (review.revision !== previous.revision) {
    throw new Error(`the review is of revision ${review.revision}, not ${previous.revision}`);
  }
  return {
    ...structuredClone(previous),
    revision: previous.revision + 1,
    issuedAt,
    signatures: [],
    reviews: [...previous.reviews, review],
    deliverables: previous.deliverables.map((d) => {
      const c = changes[d.code];
      return c ? { code: d.code, service: d.service, name: d.name, ...c } : d;
    }),
  };
}

const instant = { type: 'string', minLength: 20, maxLength: 40 };
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const localized = {
  type: 'object',
  required: ['zh', 'en'],
  properties: { zh: { type: 'string' }, en: { type: 'string' } },
};
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

export const ACCEPTANCE_SNAPSHOT_SCHEMA = {
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
    'engineers',
    'customerRepresentatives',
    'signatures',
    'deliverables',
    'punchList',
    'confirmation',
    'reviews',
    'conclusion',
  ],
  properties: {
    kind: { const: 'acceptance-report' },
    schemaVersion: { const: 1 },
    documentNumber: { type: 'string', pattern: '^[A-Z0-9]{1,12}-ACC-\\d{8}-\\d{4,6}$' },
    revision: { type: 'integer', minimum: 1 },
    issuedAt: instant,
    customer: {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string', minLength: 1 }, shortName: { type: 'string' } },
    },
    site: {
      type: 'object',
      required: ['name', 'timeZone', 'holidayCalendar'],
      properties: {
        name: { type: 'string', minLength: 1 },
        address: { type: 'string' },
        timeZone: { type: 'string', minLength: 1 },
        holidayCalendar: { enum: [...HOLIDAY_CALENDAR_IDS] },
      },
    },
    contract: {
      type: 'object',
      required: ['number', 'packId', 'tier', 'services', 'startDate', 'endDate'],
      properties: {
        number: { type: 'string', minLength: 1 },
        packId: { enum: ['dce-support', 'private-cloud-ops'] },
        tier: { type: 'string', minLength: 1 },
        services: { type: 'array', minItems: 1, items: { type: 'string' } },
        startDate: date,
        endDate: date,
      },
    },
    engineers: { type: 'array', minItems: 1, items: person },
    customerRepresentatives: { type: 'array', items: person },
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
    deliverables: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'service', 'name', 'status'],
        properties: {
          code: { type: 'string', minLength: 1 },
          service: { type: 'string', minLength: 1 },
          name: localized,
          status: { enum: ['signed', 'missing', 'waived'] },
          documentNumber: { type: 'string', minLength: 1, maxLength: 40 },
          revision: { type: 'integer', minimum: 1 },
          signedDate: date,
          waivedReason: { type: 'string', maxLength: 2000 },
        },
      },
    },
    punchList: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['item', 'owner', 'due', 'state'],
        properties: {
          item: { type: 'string', minLength: 1, maxLength: 2000 },
          owner: { type: 'string', minLength: 1, maxLength: 200 },
          due: date,
          state: { enum: ['open', 'closed'] },
        },
      },
    },
    confirmation: { type: 'object', required: ['deadlineDate', 'deadlineAt', 'deadlineDay'] },
    reviews: {
      type: 'array',
      items: {
        type: 'object',
        required: ['revision', 'rejectedAt', 'by', 'items'],
        properties: {
          revision: { type: 'integer', minimum: 1 },
          rejectedAt: instant,
          by: { type: 'string', minLength: 1 },
          items: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              required: ['code', 'reason'],
              properties: { code: { type: 'string' }, reason: { type: 'string', minLength: 1 } },
            },
          },
        },
      },
    },
    conclusion: { type: 'string', maxLength: 20_000 },
  },
} as const;

let validator: ((v: unknown) => SchemaViolation[]) | null = null;

export function validateAcceptanceSnapshot(
  value: unknown,
): { ok: true; snapshot: AcceptanceSnapshot } | { ok: false; errors: string[] } {
  validator ??= compileJsonSchema(ACCEPTANCE_SNAPSHOT_SCHEMA);
  const violations = validator(value);
  if (violations.length > 0) {
    return { ok: false, errors: violations.map((v) => `${v.field || '/'}: ${v.message}`) };
  }
  const s = value as AcceptanceSnapshot;
  const errors: string[] = [];
  try {
    const promised = contractDeliverables(s.contract).map((d) => d.code);
    const listed = s.deliverables.map((d) => d.code);
    if (!jsonEqual(promised, listed)) {
      errors.push(
        `/deliverables: must be the contract's deliverables in order: ${promised.join(', ')}`,
      );
    }
    errors.push(...itemProblems(s.deliverables).map((e) => `/${e}`));
    const deadline = acceptanceDeadline(
      s.contract.endDate,
      s.site.timeZone,
      s.site.holidayCalendar,
    );
    if (!jsonEqual(deadline, s.confirmation)) {
      errors.push(
        `/confirmation: the deadline is ${deadline.deadlineDate} (contract end + 7 days)`,
      );
    }
    for (const [i, r] of s.reviews.entries()) {
      if (r.revision >= s.revision)
        errors.push(`/reviews/${i}: rejects revision ${r.revision}, not an earlier one`);
      for (const it of r.items) {
        if (!listed.includes(it.code))
          errors.push(`/reviews/${i}: "${it.code}" is not a deliverable`);
      }
    }
  } catch (e) {
    errors.push(`/contract: ${(e as Error).message}`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, snapshot: s };
}
