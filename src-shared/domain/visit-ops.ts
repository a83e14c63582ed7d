/**
 * Visits and their log, as pure operations on documents. Every operation returns a new document
 * (nothing is mutated) or throws InputError with a specific message and changes nothing.
 *
 * Log entries are append-only: an entry is never edited; a correction is a new entry whose
 * `correctsEntryId` names the entry it corrects, and `effectiveTimeline` shows which entries a
 * correction supersedes.
 */
import type {
  AttachmentRef,
  IsoDate,
  IsoInstant,
  VisitDoc,
  VisitLogEntryDoc,
  VisitLogKind,
  VisitPurpose,
} from '../db/types';
import { InputError } from './errors';
import { newId } from './ids';
import {
  compact,
  instantMs,
  nowInstant,
  optionalText,
  requireId,
  requireText,
} from '../db/doc-fields';
import type { Now } from '../db/doc-fields';

export type { Now } from '../db/doc-fields';

export const VISIT_PURPOSES: readonly VisitPurpose[] = [
  'planning',
  'deployment',
  'inspection',
  'upgrade',
  'troubleshooting',
  'incident',
  'training',
  'other',
];

export const VISIT_LOG_KINDS: readonly VisitLogKind[] = ['note', 'command', 'photo', 'file'];

export interface CreateVisitInput {
  customerId: string;
  siteId: string;
  contractId?: string;
  purpose: VisitPurpose;
  summary: string;
  engineers: string[];
  plannedDate?: IsoDate;
  /** Only for fixtures and imports; new visits get `newId()`. */
  id?: string;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function requireDate(value: string, field: string): IsoDate {
  const m = DATE_RE.exec(value);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.toISOString().slice(0, 10) !== value) {
    throw new InputError(`${field}: expected a date yyyy-MM-dd, got "${value}"`, field, {
      code: 'badDate',
    });
  }
  return value;
}

function requireEngineers(engineers: unknown): string[] {
  if (!Array.isArray(engineers) || engineers.length === 0) {
    throw new InputError('a visit needs at least one engineer', 'engineers', { code: 'required' });
  }
  const names = engineers.map((e, i) => requireText(e, `engineers[${i}]`, 100));
  if (new Set(names).size !== names.length) {
    throw new InputError('an engineer is listed twice', 'engineers', { code: 'listedTwice' });
  }
  return names;
}

/** A planned visit. */
export function createVisit(input: CreateVisitInput, now: Now): VisitDoc {
  const at = nowInstant(now);
  if (!VISIT_PURPOSES.includes(input.purpose)) {
    throw new InputError(`unknown visit purpose "${String(input.purpose)}"`, 'purpose');
  }
  return compact<VisitDoc>({
    id: input.id === undefined ? newId(instantMs(at, 'now')) : requireId(input.id, 'id'),
    customerId: requireId(input.customerId, 'customerId'),
    siteId: requireId(input.siteId, 'siteId'),
    contractId:
      input.contractId === undefined ? undefined : requireId(input.contractId, 'contractId'),
    purpose: input.purpose,
    summary: optionalText(input.summary, 'summary', 2_000) ?? '',
    engineers: requireEngineers(input.engineers),
    plannedDate:
      input.plannedDate === undefined ? undefined : requireDate(input.plannedDate, 'plannedDate'),
    status: 'planned',
    createdAt: at,
    updatedAt: at,
  });
}

/**
 * Checks in at `at` (the site's local time with its offset). `now` is when the record is written,
 * `at` by default; it differs when a check-in is recorded afterwards.
 */
export function checkIn(visit: VisitDoc, at: IsoInstant, now: Now = at): VisitDoc {
  instantMs(at, 'checkInAt');
  if (visit.status === 'checked-in') {
    throw new InputError(
      `the visit is already checked in (at ${visit.checkInAt ?? '?'})`,
      'status',
      { code: 'visitAlreadyCheckedIn' },
    );
  }
  if (visit.status === 'checked-out') {
    throw new InputError('the visit is already checked out; plan a new visit', 'status', {
      code: 'visitAlreadyCheckedOut',
    });
  }
  return { ...visit, status: 'checked-in', checkInAt: at, updatedAt: nowInstant(now) };
}

/** Checks out at `at`; the visit must be checked in, and not after `at`. */
export function checkOut(visit: VisitDoc, at: IsoInstant, now: Now = at): VisitDoc {
  const atMs = instantMs(at, 'checkOutAt');
  if (visit.status === 'planned' || visit.checkInAt === undefined) {
    throw new InputError('the visit is not checked in yet', 'status', {
      code: 'visitNotCheckedIn',
    });
  }
  if (visit.status === 'checked-out') {
    throw new InputError(
      `the visit is already checked out (at ${visit.checkOutAt ?? '?'})`,
      'status',
      { code: 'visitAlreadyCheckedOut' },
    );
  }
  if (atMs < instantMs(visit.checkInAt, 'checkInAt')) {
    throw new InputError(`check-out ${at} is before check-in ${visit.checkInAt}`, 'checkOutAt', {
      code: 'beforeCheckIn',
    });
  }
  return { ...visit, status: 'checked-out', checkOutAt: at, updatedAt: nowInstant(now) };
}

export interface LogEntryContent {
  author: string;
  kind: VisitLogKind;
  text: string;
  command?: string;
  output?: string;
  attachments?: AttachmentRef[];
  /** When it happened, in the site's local time with offset. */
  at: IsoInstant;
  /** When it was written, `at` by default. */
  now?: Now;
  /** Only for fixtures and imports. */
  id?: string;
}

export interface CreateLogEntryInput extends LogEntryContent {
  visit: VisitDoc;
}

const SHA256_RE = /^[0-9a-f]{64}$/;

function checkAttachments(attachments: AttachmentRef[]): AttachmentRef[] {
  attachments.forEach((a, i) => {
    if (!SHA256_RE.test(a.sha256)) {
      throw new InputError(
        `attachments[${i}]: sha256 must be 64 lowercase hex digits`,
        'attachments',
      );
    }
    requireText(a.name, `attachments[${i}].name`, 255);
    requireText(a.mimeType, `attachments[${i}].mimeType`, 127);
    if (!Number.isInteger(a.size) || a.size < 0) {
      throw new InputError(
        `attachments[${i}]: size must be a whole number of bytes`,
        'attachments',
      );
    }
  });
  return attachments.map((a) => ({ ...a }));
}

function buildEntry(
  visit: Pick<VisitDoc, 'id' | 'customerId'>,
  input: LogEntryContent,
  correctsEntryId?: string,
): VisitLogEntryDoc {
  const atMs = instantMs(input.at, 'at');
  const written = nowInstant(input.now ?? input.at);
  if (!VISIT_LOG_KINDS.includes(input.kind)) {
    throw new InputError(`unknown log entry kind "${String(input.kind)}"`, 'kind');
  }
  const attachments = checkAttachments(input.attachments ?? []);
  const command = optionalText(input.command, 'command', 4_000);
  const output = optionalText(input.output, 'output', 262_144);
  const text = optionalText(input.text, 'text', 20_000) ?? '';
  if (input.kind === 'note' && text === '') {
    throw new InputError('a note needs text', 'text', { code: 'required' });
  }
  if (input.kind === 'command' && command === undefined) {
    throw new InputError('a command entry needs the command line', 'command', {
      code: 'required',
    });
  }
  if (input.kind !== 'command' && (command !== undefined || output !== undefined)) {
    throw new InputError('only command entries carry a command and its output', 'command');
  }
  if ((input.kind === 'photo' || input.kind === 'file') && attachments.length === 0) {
    throw new InputError(`a ${input.kind} entry needs at least one attachment`, 'attachments', {
      code: 'required',
    });
  }
  return compact<VisitLogEntryDoc>({
    id: input.id === undefined ? newId(atMs) : requireId(input.id, 'id'),
    customerId: visit.customerId,
    visitId: visit.id,
    at: input.at,
    author: requireText(input.author, 'author', 100),
    kind: input.kind,
    text,
    command,
    output,
    attachments,
    correctsEntryId,
    createdAt: written,
    updatedAt: written,
  });
}

/**
 * A new log entry of `visit`. A planned visit cannot be logged to (check in first); a visit
 * that is checked out still takes entries, for what was remembered afterwards.
 */
export function createLogEntry(input: CreateLogEntryInput): VisitLogEntryDoc {
  const { visit } = input;
  if (visit.status === 'planned') {
    throw new InputError('check in before logging to the visit', 'status', {
      code: 'visitNotCheckedIn',
    });
  }
  const entry = buildEntry(visit, input);
  if (
    visit.checkInAt !== undefined &&
    instantMs(entry.at, 'at') < instantMs(visit.checkInAt, 'checkInAt')
  ) {
    throw new InputError(`the entry time ${entry.at} is before check-in ${visit.checkInAt}`, 'at', {
      code: 'beforeCheckIn',
    });
  }
  return entry;
}

export type CorrectionInput = Omit<LogEntryContent, 'kind'> & { kind?: VisitLogKind };

/** Without an explicit kind: a command when it carries one, a photo/file when it carries files. */
function correctionKind(original: VisitLogEntryDoc, input: CorrectionInput): VisitLogKind {
  if (input.command !== undefined) return 'command';
  if ((input.attachments ?? []).length > 0) {
    return original.kind === 'photo' || original.kind === 'file' ? original.kind : 'file';
  }
  return 'note';
}

/**
 * A correction of `original`: a new entry of the same visit naming it. The original stays as
 * it was (it is shown superseded). The correction cannot predate what it corrects.
 */
export function createCorrection(
  original: VisitLogEntryDoc,
  input: CorrectionInput,
): VisitLogEntryDoc {
  const entry = buildEntry(
    { id: original.visitId, customerId: original.customerId },
    { ...input, kind: input.kind ?? correctionKind(original, input) },
    original.id,
  );
  if (instantMs(entry.at, 'at') < instantMs(original.at, 'original.at')) {
    throw new InputError(
      `a correction (at ${entry.at}) cannot predate the entry it corrects (${original.at})`,
      'at',
    );
  }
  return entry;
}

export interface TimelineItem {
  entry: VisitLogEntryDoc;
  /** A later entry corrects this one. */
  superseded: boolean;
  /** The newest correction of this entry, when superseded. */
  supersededBy?: string;
}

/**
 * The log as shown: newest first (by instant, then id), each entry marked superseded when a
 * correction of it is among `entries`. Nothing is removed: corrected entries stay visible.
 */
export function effectiveTimeline(entries: readonly VisitLogEntryDoc[]): TimelineItem[] {
  const sorted = entries
    .map((entry) => ({ entry, ms: Date.parse(entry.at) }))
    .sort((a, b) => b.ms - a.ms || (a.entry.id < b.entry.id ? 1 : a.entry.id > b.entry.id ? -1 : 0))
    .map((x) => x.entry);
  const newestCorrection = new Map<string, string>();
  for (const entry of sorted) {
    const target = entry.correctsEntryId;
    // `sorted` is newest first, so the first correction met is the newest.
    if (target !== undefined && !newestCorrection.has(target))
      newestCorrection.set(target, entry.id);
  }
  return sorted.map((entry) => {
    const by = newestCorrection.get(entry.id);
    return by === undefined
      ? { entry, superseded: false }
      : { entry, superseded: true, supersededBy: by };
  });
}
