import type { DeliverableDoc } from '../../../src-shared/db/types';

/** The zone of the site a deliverable was made for, as its snapshot (and PDF) records it. */
export function siteZoneOf(doc: DeliverableDoc): string | undefined {
  const site = (doc.snapshot as { site?: { timeZone?: unknown } }).site;
  return typeof site?.timeZone === 'string' ? site.timeZone : undefined;
}
