/** Valid documents of each collection (they pass the app's JSON schemas). */
import type { PushRow, WireDocument } from '../../src-shared/sync';

let counter = 0;
export function testId(prefix = 'T'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 8)}`.toUpperCase();
}

const AT = '2026-03-06T10:00:00.000+08:00';

export function customer(id = testId('C'), extra: Record<string, unknown> = {}): WireDocument {
  return {
    id,
    customerId: id,
    createdAt: AT,
    updatedAt: AT,
    name: `客户 ${id}`,
    contacts: [],
    _deleted: false,
    ...extra,
  };
}

export function site(customerId: string, extra: Record<string, unknown> = {}): WireDocument {
  return {
    id: testId('S'),
    customerId,
    createdAt: AT,
    updatedAt: AT,
    name: '数据中心',
    address: '上海市浦东新区',
    timeZone: 'Asia/Shanghai',
    holidayCalendar: 'cn',
    contacts: [],
    _deleted: false,
    ...extra,
  };
}

export function visit(
  customerId: string,
  siteId: string,
  extra: Record<string, unknown> = {},
): WireDocument {
  return {
    id: testId('V'),
    customerId,
    createdAt: AT,
    updatedAt: AT,
    siteId,
    purpose: 'inspection',
    summary: '季度巡检',
    engineers: ['王磊'],
    status: 'planned',
    _deleted: false,
    ...extra,
  };
}

export function logEntry(
  customerId: string,
  visitId: string,
  extra: Record<string, unknown> = {},
): WireDocument {
  return {
    id: testId('L'),
    customerId,
    createdAt: AT,
    updatedAt: AT,
    visitId,
    at: AT,
    author: '王磊',
    kind: 'note',
    text: '检查完成',
    attachments: [],
    _deleted: false,
    ...extra,
  };
}

/** Rows creating documents (no assumed master state). */
export function creates(docs: WireDocument[]): PushRow[] {
  return docs.map((d) => ({ assumedMasterState: null, newDocumentState: d }));
}

/** A row updating `from` to `to`. */
export function update(from: WireDocument, to: WireDocument): PushRow {
  return { assumedMasterState: from, newDocumentState: to };
}
