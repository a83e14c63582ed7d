/**
 * The periodic operations service report's snapshot (运维服务报告: 运维月报 on 5*8, 周报 on 7*24).
 * Self-contained like every snapshot: it carries the records the figures were computed from
 * (the period's incidents and inspections, the ops lists), the figures themselves, and what the
 * engineer wrote (service plan, resource status notes, backup strategy, cost analysis, notes on
 * breaches). Validation recomputes the figures from the records: a snapshot whose figures
 * disagree with its records is refused, so the appendix always traces what the report prints.
 */
import type { HolidayCalendarId, IsoInstant } from '../../../db/types';
import { compileJsonSchema } from '../../../db/json-validator';
import type { SchemaViolation } from '../../../db/json-validator';
import { jsonEqual } from '../../../db/conflicts';
import type {
  DateRange,
  FigureIncident,
  FigureInspection,
  ServiceFigures,
} from '../../../domain/ops/service-figures';
import { computeServiceFigures } from '../../../domain/ops/service-figures';
import type { OpsRecordRow } from '../../../domain/ops/records';
import { OPS_RECORD_KINDS, OPS_RECORD_STATES } from '../../../domain/ops/records';
import type { SnapshotPerson, SnapshotSignature } from '../../snapshot-types';
import { HOLIDAY_CALENDAR_IDS } from '../../../db/types';

export interface OpsClusterStatus {
  name: string;
  product: string;
  version: string;
  environment: string;
  nodes: number;
  /** Health score of the latest inspection in the period (0–100); null if none. */
  healthScore: number | null;
  lastInspectedAt?: IsoInstant;
  /** Engineer's note on how the cluster ran (capacity, alarms). */
  note?: string;
}

export interface OpsCostItem {
  name: string;
  /** Amount in `cost.currency`; the engineer fills it (seed 002 费用分析). */
  amount: number;
  note?: string;
}

export interface OpsReportSnapshot {
  kind: 'ops-service-report';
  schemaVersion: 1;
  documentNumber: string;
  revision: number;
  issuedAt: IsoInstant;
  customer: { name: string; shortName?: string };
  site: { name: string; address?: string; timeZone: string; holidayCalendar: HolidayCalendarId };
  contract: {
    number: string;
    tier: string;
    services: string[];
    startDate: string;
    endDate: string;
  };
  packId: 'private-cloud-ops';
  /** monthly on 5x8, weekly on 7x24 (seed 002 服务报告). */
  cadence: 'monthly' | 'weekly';
  period: DateRange;
  /** From the signed entry report (运维进场报告), else the contract dates. */
  servicePeriod: DateRange;
  engineers: SnapshotPerson[];
  customerRepresentatives: SnapshotPerson[];
  signatures: SnapshotSignature[];
  /** 运维服务方案: the plan the customer confirmed, and this period's work. */
  servicePlan: { summary: string; confirmedAt?: string; nextPeriod: string };
  /** 资源运行状态. */
  resourceStatus: { summary: string; clusters: OpsClusterStatus[] };
  /** The ops lists as of the report time (issue, event, risk, change, backup, requirement). */
  records: OpsRecordRow[];
  /** 备份策略: the overall strategy; the results are the backup records. */
  backupStrategy: string;
  /** 费用分析. */
  cost: { currency: string; items: OpsCostItem[]; analysis: string };
  /** The engineer's explanation of a breach, by incident id. */
  breachNotes: { incidentId: string; note: string }[];
  recommendations: string;
  /** The records the SLA and inspection figures are computed from. */
  sources: { incidents: FigureIncident[]; inspections: FigureInspection[] };
  figures: ServiceFigures;
}

/** The figures of a snapshot's sources, as validation recomputes them (asOf = issue time). */
export function figuresOf(s: Omit<OpsReportSnapshot, 'figures'>): ServiceFigures {
  return computeServiceFigures({
    period: s.period,
    servicePeriod: s.servicePeriod,
    packId: s.packId,
    tier: s.contract.tier,
    timeZone: s.site.timeZone,
    calendar: s.site.holidayCalendar,
    incidents: s.sources.incidents,
    inspections: s.sources.inspections,
    asOf: s.issuedAt,
  });
}

export function buildOpsReportSnapshot(
  input: Omit<OpsReportSnapshot, 'figures' | 'kind' | 'schemaVersion'>,
): OpsReportSnapshot {
  const base = {
    kind: 'ops-service-report' as const,
    schemaVersion: 1 as const,
    ...structuredClone(input),
  };
  return { ...base, figures: figuresOf(base) };
}

const str = (max = 2000) => ({ type: 'string', maxLength: max });
const text = { type: 'string', maxLength: 50_000 };
const instant = { type: 'string', minLength: 20, maxLength: 40 };
const date = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const range = {
  type: 'object',
  additionalProperties: false,
  required: ['start', 'end'],
  properties: { start: date, end: date },
};
const person = {
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    title: str(200),
    organisation: str(200),
    phone: str(60),
  },
};
const signature = {
  type: 'object',
  required: ['role', 'name', 'signedAt', 'image'],
  properties: {
    role: { enum: ['customer', 'engineer'] },
    name: { type: 'string', minLength: 1 },
    title: { type: 'string' },
    organisation: { type: 'string' },
    signedAt: { type: 'string' },
    image: { type: 'string', pattern: '^data:image/png;base64,' },
  },
};
const record = {
  type: 'object',
  required: ['id', 'kind', 'number', 'title', 'description', 'state', 'openedAt', 'links'],
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 64 },
    kind: { enum: [...OPS_RECORD_KINDS] },
    number: str(40),
    title: { type: 'string', minLength: 1, maxLength: 300 },
    description: text,
    state: { type: 'string', minLength: 1, maxLength: 32 },
    owner: str(200),
    openedAt: instant,
    closedAt: instant,
    links: { type: 'array', maxItems: 100 },
  },
};

export const OPS_REPORT_SNAPSHOT_SCHEMA = {
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
    'packId',
    'cadence',
    'period',
    'servicePeriod',
    'engineers',
    'customerRepresentatives',
    'signatures',
    'servicePlan',
    'resourceStatus',
    'records',
    'backupStrategy',
    'cost',
    'breachNotes',
    'recommendations',
    'sources',
    'figures',
  ],
  properties: {
    kind: { const: 'ops-service-report' },
    schemaVersion: { const: 1 },
    documentNumber: { type: 'string', pattern: '^[A-Z0-9]{1,12}-OPS-\\d{8}-\\d{4,6}$' },
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
      required: ['number', 'tier', 'services', 'startDate', 'endDate'],
      properties: {
        number: { type: 'string', minLength: 1 },
        tier: { enum: ['5x8', '7x24'] },
        services: { type: 'array', items: { type: 'string' } },
        startDate: date,
        endDate: date,
      },
    },
    packId: { const: 'private-cloud-ops' },
    cadence: { enum: ['monthly', 'weekly'] },
    period: range,
    servicePeriod: range,
    engineers: { type: 'array', minItems: 1, items: person },
    customerRepresentatives: { type: 'array', items: person },
    signatures: { type: 'array', items: signature },
    servicePlan: {
      type: 'object',
      required: ['summary', 'nextPeriod'],
      properties: { summary: text, confirmedAt: str(40), nextPeriod: text },
    },
    resourceStatus: {
      type: 'object',
      required: ['summary', 'clusters'],
      properties: {
        summary: text,
        clusters: {
          type: 'array',
          maxItems: 500,
          items: {
            type: 'object',
            required: ['name', 'product', 'version', 'environment', 'nodes', 'healthScore'],
            properties: {
              name: { type: 'string', minLength: 1 },
              product: { type: 'string' },
              version: { type: 'string' },
              environment: { type: 'string' },
              nodes: { type: 'integer', minimum: 0 },
              healthScore: { type: ['number', 'null'], minimum: 0, maximum: 100 },
              lastInspectedAt: instant,
              note: text,
            },
          },
        },
      },
    },
    records: { type: 'array', maxItems: 20_000, items: record },
    backupStrategy: text,
    cost: {
      type: 'object',
      required: ['currency', 'items', 'analysis'],
      properties: {
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
        items: {
          type: 'array',
          maxItems: 200,
          items: {
            type: 'object',
            required: ['name', 'amount'],
            properties: {
              name: { type: 'string', minLength: 1 },
              amount: { type: 'number' },
              note: text,
            },
          },
        },
        analysis: text,
      },
    },
    breachNotes: {
      type: 'array',
      items: {
        type: 'object',
        required: ['incidentId', 'note'],
        properties: { incidentId: { type: 'string' }, note: text },
      },
    },
    recommendations: text,
    sources: {
      type: 'object',
      required: ['incidents', 'inspections'],
      properties: {
        incidents: {
          type: 'array',
          maxItems: 50_000,
          items: {
            type: 'object',
            required: [
              'id',
              'title',
              'packId',
              'tier',
              'level',
              'levelHistory',
              'openedAt',
              'pauses',
            ],
          },
        },
        inspections: {
          type: 'array',
          maxItems: 50_000,
          items: { type: 'object', required: ['id', 'startedAt', 'status'] },
        },
      },
    },
    figures: { type: 'object', required: ['levels', 'totals', 'incidents', 'inspections'] },
  },
} as const;

let validator: ((v: unknown) => SchemaViolation[]) | null = null;

export function validateOpsReportSnapshot(
  value: unknown,
): { ok: true; snapshot: OpsReportSnapshot } | { ok: false; errors: string[] } {
  validator ??= compileJsonSchema(OPS_REPORT_SNAPSHOT_SCHEMA);
  const violations = validator(value);
  if (violations.length > 0) {
    return { ok: false, errors: violations.map((v) => `${v.field || '/'}: ${v.message}`) };
  }
  const s = value as OpsReportSnapshot;
  const errors: string[] = [];
  for (const [i, r] of s.records.entries()) {
    const states = OPS_RECORD_STATES[r.kind] as readonly string[];
    if (!states.includes(r.state)) {
      errors.push(
        `/records/${i}/state: "${r.state}" is not a state of ${r.kind} (${states.join(', ')})`,
      );
    }
    if (typeof (r as unknown as Record<string, unknown>)[r.kind] !== 'object') {
      errors.push(`/records/${i}/${r.kind}: missing the ${r.kind} fields`);
    }
  }
  if (s.period.end < s.period.start) errors.push('/period: ends before it starts');
  if (errors.length > 0) return { ok: false, errors };
  let recomputed: ServiceFigures;
  try {
    recomputed = figuresOf(s);
  } catch (e) {
    return { ok: false, errors: [`/sources: ${(e as Error).message}`] };
  }
  // The figures printed must be the sources': a report cannot claim an attainment its
  // incidents do not give.
  if (!jsonEqual(recomputed, s.figures)) {
    return { ok: false, errors: ['/figures: do not match the figures computed from /sources'] };
  }
  return { ok: true, snapshot: s };
}
