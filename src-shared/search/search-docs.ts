/**
 * What the offline search indexes of each record kind, and where a hit leads. One mapper per
 * collection, looked up by collection name (no switch over kinds elsewhere).
 *
 * A search document is self-contained (its title, subtitle and route come from the record
 * alone), so a change to one record updates exactly one index entry; names of related records
 * (the customer) are looked up when results are shown.
 */
import type {
  ClusterDoc,
  CollectionName,
  CustomerDoc,
  DeliverableDoc,
  DocByCollection,
  IncidentDoc,
  SiteDoc,
  VisitDoc,
  VisitLogEntryDoc,
} from '../db/types';

/** The record kinds search finds. */
export type SearchKind =
  'customer' | 'site' | 'cluster' | 'incident' | 'visit' | 'log-entry' | 'deliverable';

/**
 * An instant as the wall time it was written in, with that offset named
 * (`2026-11-30T10:06:00+08:00` → `2026-11-30 10:06 GMT+8`), as every time on screen names its
 * zone. Stored instants carry the site's offset; `Z` is `GMT+0`.
 */
export function wallTimeWithZone(at: string): string {
  const wall = at.slice(0, 16).replace('T', ' ');
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(at);
  if (offset === null) return /Z$/i.test(at) ? `${wall} GMT+0` : wall;
  const [, sign, hh, mm] = offset;
  const hours = Number(hh);
  if (hours === 0 && mm === '00') return `${wall} GMT+0`;
  return `${wall} GMT${sign}${hours}${mm === '00' ? '' : `:${mm}`}`;
}

export const SEARCH_KINDS: readonly SearchKind[] = [
  'customer',
  'site',
  'cluster',
  'incident',
  'visit',
  'log-entry',
  'deliverable',
];

/** One entry of the index. `id` is `<kind>:<record id>` (record ids are unique per collection). */
export interface SearchDoc {
  id: string;
  kind: SearchKind;
  recordId: string;
  customerId: string;
  /** Shown as the result's first line; searched with extra weight unless `titleInBody`. */
  title: string;
  /**
   * The title only repeats the start of `body` (a log entry's first line): it is not indexed a
   * second time, which would double the postings of every log entry.
   */
  titleInBody?: boolean;
  /** Shown under it (a date, a number, a status); may be empty. */
  subtitle: string;
  /** Hash route of the record, e.g. `/incidents/abc`. */
  route: string;
  /** Identifiers: document numbers, versions, commands (boosted). */
  codes: string;
  /** Everything else worth finding: descriptions, notes, command output. */
  body: string;
}

/**
 * The longest text taken from one field. Command output can be megabytes (a full `kubectl get
 * pods -A`); the first 32,000 characters hold what an engineer searches for (the error, the node
 * name) and keep the index small enough to stay fast at 50,000 log entries.
 */
export const SEARCH_FIELD_MAX = 32_000;

function clip(text: string | undefined): string {
  if (text === undefined) return '';
  return text.length > SEARCH_FIELD_MAX ? text.slice(0, SEARCH_FIELD_MAX) : text;
}

function join(...parts: (string | undefined)[]): string {
  return parts
    .filter((p): p is string => p !== undefined && p !== '')
    .map(clip)
    .join('\n');
}

/** First line of a text, at most 120 characters (a result title). */
export function firstLine(text: string): string {
  const line = text.split('\n', 1)[0]?.trim() ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

const SOURCE_ROUTES: Partial<Record<DeliverableDoc['kind'], (sourceId: string) => string>> = {
  'inspection-report': (id) => `/inspections/${id}`,
  'fault-report': (id) => `/incidents/${id}`,
};

type Mapper<K extends CollectionName> = (doc: DocByCollection[K]) => SearchDoc;

const base = (kind: SearchKind, doc: { id: string; customerId: string }) => ({
  id: `${kind}:${doc.id}`,
  kind,
  recordId: doc.id,
  customerId: doc.customerId,
});

/** The mapper of each indexed collection (contracts and inspections are not searched). */
export const SEARCH_MAPPERS: { readonly [K in CollectionName]?: Mapper<K> } = {
  customers: (c: CustomerDoc) => ({
    ...base('customer', c),
    title: c.name,
    subtitle: c.shortName ?? '',
    route: `/customers/${c.id}`,
    codes: join(c.shortName),
    body: join(c.industry, c.notes, ...c.contacts.map((p) => `${p.name} ${p.title ?? ''}`)),
  }),
  sites: (s: SiteDoc) => ({
    ...base('site', s),
    title: s.name,
    subtitle: s.address,
    route: `/customers/${s.customerId}?tab=sites`,
    codes: join(s.remoteAccess?.host),
    body: join(s.address, s.notes, ...s.contacts.map((p) => `${p.name} ${p.title ?? ''}`)),
  }),
  clusters: (c: ClusterDoc) => ({
    ...base('cluster', c),
    title: c.name,
    subtitle: `${c.product} ${c.version}`,
    route: `/customers/${c.customerId}?tab=clusters`,
    codes: join(c.product, c.version, c.environment),
    body: join(c.notes),
  }),
  incidents: (i: IncidentDoc) => ({
    ...base('incident', i),
    title: i.title,
    subtitle: i.openedAt.slice(0, 10),
    route: `/incidents/${i.id}`,
    codes: '',
    body: join(
      i.description,
      i.impact,
      i.rootCause,
      i.workaround,
      ...i.timeline.map((e) => e.text),
    ),
  }),
  visits: (v: VisitDoc) => ({
    ...base('visit', v),
    title: v.summary,
    subtitle: v.checkInAt?.slice(0, 10) ?? v.plannedDate ?? '',
    route: `/visits/${v.id}`,
    codes: '',
    body: join(...v.engineers),
  }),
  visitLogEntries: (e: VisitLogEntryDoc) => ({
    ...base('log-entry', e),
    title:
      firstLine(e.text) || firstLine(e.command ?? '') || firstLine(e.attachments[0]?.name ?? ''),
    titleInBody: e.text !== '',
    subtitle: wallTimeWithZone(e.at),
    route: `/visits/${e.visitId}`,
    codes: join(e.command, ...e.attachments.map((a) => a.name)),
    body: join(e.text, e.output),
  }),
  deliverables: (d: DeliverableDoc) => ({
    ...base('deliverable', d),
    title: d.title,
    subtitle: `${d.documentNumber} r${d.documentRevision}`,
    route: SOURCE_ROUTES[d.kind]?.(d.sourceId) ?? '/deliverables',
    codes: d.documentNumber,
    body: '',
  }),
};

/** The collections the search index follows. */
export const SEARCHED_COLLECTIONS = Object.keys(SEARCH_MAPPERS) as CollectionName[];

/** The search document of a record of `collection`, or null when that collection is not searched. */
export function toSearchDoc<K extends CollectionName>(
  collection: K,
  doc: DocByCollection[K],
): SearchDoc | null {
  const mapper = SEARCH_MAPPERS[collection];
  return mapper === undefined ? null : mapper(doc);
}
