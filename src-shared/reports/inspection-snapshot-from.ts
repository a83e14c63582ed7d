/**
 * The report snapshot of a completed inspection document: the bridge from the `inspections`
 * collection to the inspection report (and its signing). Pure: the caller passes the related
 * documents and, for photos, the evidence bytes it read from the blob store as data URLs.
 */
import type {
  AttachmentRef,
  ClusterDoc,
  ContractDoc,
  CustomerDoc,
  InspectionDoc,
  IsoInstant,
  SiteDoc,
} from '../db/types';
import { contractCoversSite, contractValidOn } from '../domain/contract-coverage';
import { InputError } from '../domain/errors';
import {
  applyFindingEdits,
  clusterLifecycle,
  itemAnswersOf,
  templateOf,
} from '../domain/inspection-ops';
import { formatInZone, siteZone } from '../domain/sla-zone';
import { buildInspectionSnapshot } from './inspection-snapshot';
import { base64 } from './png';
import type {
  InspectionSnapshot,
  SnapshotCluster,
  SnapshotPerson,
  SnapshotPhoto,
  SnapshotSignature,
} from './snapshot-types';

/** An evidence photo of an inspection, to be read from the blob store for its snapshot. */
export interface InspectionEvidencePhoto {
  attachment: AttachmentRef;
  /** `<item title> · <node>` in both languages (`zh / en`), as the report prints captions. */
  caption: string;
  takenAt: IsoInstant;
}

/**
 * The image evidence of an inspection's answers, once per blob, in template order: what the
 * caller reads (`window.fieldbook.blobs.get(sha256)`) and passes back as `photos` (id = sha256,
 * `dataUrl` from the bytes). Non-image files are not part of a report.
 */
export function inspectionEvidencePhotos(doc: InspectionDoc): InspectionEvidencePhoto[] {
  const template = templateOf(doc);
  const order = new Map<string, number>();
  template.sections.forEach((s, i) => s.items.forEach((it, j) => order.set(it.id, i * 1000 + j)));
  const items = new Map(template.sections.flatMap((s) => s.items.map((it) => [it.id, it])));
  const seen = new Set<string>();
  const out: { rank: number; photo: InspectionEvidencePhoto }[] = [];
  for (const a of doc.answers) {
    const item = items.get(a.itemId);
    if (!item) continue;
    for (const e of a.evidence) {
      if (!e.mimeType.startsWith('image/') || seen.has(e.sha256)) continue;
      seen.add(e.sha256);
      const node = a.node === undefined ? '' : ` · ${a.node}`;
      out.push({
        rank: order.get(a.itemId) ?? Number.MAX_SAFE_INTEGER,
        photo: {
          attachment: e,
          caption: `${item.title.zh}${node} / ${item.title.en}${node}`,
          takenAt: a.updatedAt,
        },
      });
    }
  }
  return out.sort((x, y) => x.rank - y.rank).map((x) => x.photo);
}

/**
 * The `data:` URL a report embeds for an evidence photo's bytes, or null when the bytes are not
 * a PNG or JPEG (the only raster formats pdfmake renders; a WebP or HEIC photo would make the
 * whole rendering fail). The type is read from the bytes, not from the stored MIME type.
 */
export function evidencePhotoDataUrl(bytes: Uint8Array): string | null {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length > png.length && png.every((b, i) => bytes[i] === b)) {
    return `data:image/png;base64,${base64(bytes)}`;
  }
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    return `data:image/jpeg;base64,${base64(bytes)}`;
  }
  return null;
}

/** The inspection's day (`YYYY-MM-DD`): its start on the site's calendar. */
function inspectionDate(doc: InspectionDoc, site: SiteDoc): string {
  return formatInZone(siteZone(site.timeZone), Date.parse(doc.startedAt)).slice(0, 10);
}

/**
 * The contract an inspection was made under, for the report's cover: of the customer's
 * contracts of the inspection's policy pack that are in force on the inspection day and cover
 * its site (a contract without sites covers all), the one naming an inspected cluster, else one
 * with the S360 service, else any; among equals the latest start. Undefined when none applies.
 */
export function inspectionContract(
  doc: InspectionDoc,
  site: SiteDoc,
  contracts: readonly ContractDoc[],
): ContractDoc | undefined {
  const date = inspectionDate(doc, site);
  const clusterIds = new Set(doc.clusters.map((c) => c.clusterId));
  const rank = (c: ContractDoc) =>
    c.clusterIds.some((id) => clusterIds.has(id)) ? 2 : c.services.includes('S360') ? 1 : 0;
  return contracts
    .filter(
      (c) =>
        c.customerId === doc.customerId &&
        c.packId === doc.packId &&
        contractValidOn(c, date) &&
        contractCoversSite(c, site),
    )
    .sort((a, b) => rank(b) - rank(a) || (a.startDate < b.startDate ? 1 : -1))[0];
}

export interface InspectionSnapshotFromInput {
  inspection: InspectionDoc;
  customer: CustomerDoc;
  site: SiteDoc;
  /** At least the inspected clusters (others are ignored). */
  clusters: readonly ClusterDoc[];
  contract?: ContractDoc;
  documentNumber: string;
  /** Default 1. */
  revision?: number;
  issuedAt: IsoInstant;
  /** Default: the inspection's engineers by name. */
  engineers?: SnapshotPerson[];
  customerRepresentatives?: SnapshotPerson[];
  signatures?: SnapshotSignature[];
  /**
   * Evidence photos, `id` = the attachment's sha256. Answers cite the photos given here;
   * evidence without a photo (files, or photos the caller could not read) is not cited.
   */
  photos?: SnapshotPhoto[];
}

/**
 * The inspection report snapshot of a completed inspection. The date is the start day on the
 * site's calendar; the clusters' lifecycle status is taken on that date. Findings carry the
 * engineer's risk and recommendation edits. Throws InputError when the inspection is not
 * completed, belongs to another customer or site, or names a cluster that is not given.
 */
export function inspectionSnapshotFrom(input: InspectionSnapshotFromInput): InspectionSnapshot {
  const { inspection: doc, customer, site } = input;
  if (doc.status !== 'completed' || doc.finishedAt === undefined) {
    throw new InputError('only a completed inspection has a report', 'status');
  }
  if (doc.customerId !== customer.id || site.id !== doc.siteId) {
    throw new InputError('customer or site is not the inspection’s', 'customerId');
  }
  const date = inspectionDate(doc, site);
  const byId = new Map(input.clusters.map((c) => [c.id, c]));
  const clusters: SnapshotCluster[] = doc.clusters.map((ic) => {
    const c = byId.get(ic.clusterId);
    if (c === undefined) throw new InputError(`cluster ${ic.clusterId} is missing`, 'clusters');
    const lc = clusterLifecycle(c, date);
    return {
      id: c.id,
      name: c.name,
      environment: c.environment,
      product: c.product,
      version: c.version,
      ...(lc
        ? {
            lifecycle: {
              status: lc.status,
              series: lc.series,
              ga: lc.ga,
              eoss: lc.eoss,
              eosl: lc.eosl,
            },
          }
        : {}),
      nodes: ic.nodes.map((n) => ({ name: n.name, role: n.role, ...(n.ip ? { ip: n.ip } : {}) })),
    };
  });
  const photos = input.photos ?? [];
  const photoIds = new Set(photos.map((p) => p.id));
  const answers = itemAnswersOf(doc).map((a) => {
    const evidence = (a.evidence ?? []).filter((e) => photoIds.has(e));
    const { evidence: _e, ...rest } = a;
    return evidence.length > 0 ? { ...rest, evidence } : rest;
  });
  const snapshot = buildInspectionSnapshot({
    documentNumber: input.documentNumber,
    revision: input.revision ?? 1,
    issuedAt: input.issuedAt,
    customer: {
      name: customer.name,
      ...(customer.shortName ? { shortName: customer.shortName } : {}),
    },
    site: {
      name: site.name,
      ...(site.address.trim() !== '' ? { address: site.address } : {}),
      timeZone: site.timeZone,
    },
    ...(input.contract
      ? {
          contract: {
            number: input.contract.number,
            services: input.contract.services,
            tier: input.contract.tier,
          },
        }
      : {}),
    packId: doc.packId,
    engineers: input.engineers ?? doc.engineers.map((name) => ({ name })),
    signatures: input.signatures ?? [],
    photos,
    template: templateOf(doc),
    inspection: { date, startedAt: doc.startedAt, finishedAt: doc.finishedAt },
    clusters,
    customerRepresentatives: input.customerRepresentatives ?? [],
    answers,
    overallEvaluation: doc.overallEvaluation,
  });
  return { ...snapshot, findings: applyFindingEdits(doc, snapshot.findings) };
}
