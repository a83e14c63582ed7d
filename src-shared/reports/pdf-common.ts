/**
 * Building blocks shared by the deliverable builders (data → pdfmake document definition). Pure:
 * no fonts are loaded here; the renderer registers the font family named FONT_FAMILY. Definitions
 * contain functions (header, footer, table layouts), so build a fresh one where it renders.
 */
import type {
  Content,
  ContextPageSize,
  CustomTableLayout,
  StyleDictionary,
  TDocumentInformation,
  TableCell,
  Watermark,
} from 'pdfmake/interfaces';
import type { Lang } from '../domain/localized';
import { formatInstant } from './format';
import type { ReportMessages } from './report-messages';
import type { SnapshotPerson, SnapshotPhoto, SnapshotSignature } from './snapshot-types';

/** The font family every deliverable uses; the renderer maps it to the Noto Sans SC files. */
export const FONT_FAMILY = 'NotoSansSC';

export const COLOURS = {
  primary: '#1f4e79',
  primaryLight: '#e8eef5',
  text: '#1a1a1a',
  muted: '#666666',
  line: '#c8cfd8',
  zebra: '#f6f8fa',
  pass: '#2e7d32',
  warning: '#d97a00',
  fail: '#c62828',
  na: '#757575',
  critical: '#8e0000',
  high: '#c62828',
  medium: '#d97a00',
  low: '#5f6b7a',
} as const;

export const STYLES: StyleDictionary = {
  coverTitle: { fontSize: 30, bold: true, color: COLOURS.primary },
  coverSubtitle: { fontSize: 14, color: COLOURS.muted },
  coverCustomer: { fontSize: 20, bold: true },
  h1: { fontSize: 15, bold: true, color: COLOURS.primary, margin: [0, 12, 0, 6] },
  h2: { fontSize: 11.5, bold: true, color: COLOURS.primary, margin: [0, 8, 0, 4] },
  tableHeader: { bold: true, color: '#ffffff', fontSize: 8.5 },
  cell: { fontSize: 8.5 },
  small: { fontSize: 7.5, color: COLOURS.muted },
  label: { fontSize: 8.5, color: COLOURS.muted },
  body: { fontSize: 9.5, lineHeight: 1.35 },
};

/** Thin horizontal rules, a coloured header row and zebra rows; keeps header rows on top. */
export const GRID_LAYOUT: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0.8 : 0.4),
  vLineWidth: () => 0,
  hLineColor: () => COLOURS.line,
  fillColor: (rowIndex, node) => {
    const header = node.table.headerRows ?? 0;
    if (rowIndex < header) return COLOURS.primary;
    return (rowIndex - header) % 2 === 1 ? COLOURS.zebra : null;
  },
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

export const PLAIN_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0.4,
  vLineWidth: () => 0,
  hLineColor: () => COLOURS.line,
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

export function headerRow(labels: string[]): TableCell[] {
  return labels.map((text) => ({ text, style: 'tableHeader' }));
}

/** Label / value rows without a header: document control, incident facts. */
/** A table cell in the reports' cell style. */
export const cell = (text: string | number, extra: Record<string, unknown> = {}): TableCell => ({
  text: String(text),
  style: 'cell',
  ...extra,
});

/** A ruled table with a repeated header row whose rows are never split across pages. */
export function grid(widths: (number | string)[], header: string[], rows: TableCell[][]): Content {
  return {
    table: {
      headerRows: 1,
      keepWithHeaderRows: 1,
      dontBreakRows: true,
      widths,
      body: [headerRow(header), ...rows],
    },
    layout: GRID_LAYOUT,
  };
}

export function keyValueTable(rows: [string, Content][], labelWidth = 110): Content {
  return {
    table: {
      widths: [labelWidth, '*'],
      body: rows.map(([k, v]) => [
        { text: k, style: 'label' },
        typeof v === 'string' ? { text: v, style: 'cell' } : v,
      ]),
    },
    layout: PLAIN_LAYOUT,
  };
}

export function personLine(p: SnapshotPerson): string {
  return [p.name, p.title, p.organisation].filter((x) => x && x.trim() !== '').join(' · ');
}

export function qrText(documentNumber: string, revision: number): string {
  return `fieldbook:doc=${documentNumber};rev=${revision}`;
}

/**
 * A deliverable is a draft until it is signed: its snapshot carries the handwritten signatures
 * only in the rendering that is signed (the draft is rendered without them). A draft is marked
 * "草稿 / DRAFT" on every page and has no QR code, so a printed draft cannot pass for the
 * signed document.
 */
export function isDraftSnapshot(snapshot: { signatures: readonly unknown[] }): boolean {
  return snapshot.signatures.length === 0;
}

export function qrBlock(
  documentNumber: string,
  revision: number,
  m: ReportMessages,
  size = 92,
  draft = false,
): Content {
  if (draft) {
    return {
      stack: [
        { text: m.draftMark, bold: true, color: COLOURS.fail, alignment: 'center' },
        {
          text: `${documentNumber} · ${m.revision} ${revision}`,
          style: 'small',
          alignment: 'center',
          margin: [0, 3, 0, 0],
        },
        { text: m.draftNoQr, style: 'small', alignment: 'center' },
      ],
      unbreakable: true,
    };
  }
  return {
    stack: [
      { qr: qrText(documentNumber, revision), fit: size, eccLevel: 'M', alignment: 'center' },
      {
        text: `${documentNumber} · ${m.revision} ${revision}`,
        style: 'small',
        alignment: 'center',
        margin: [0, 3, 0, 0],
      },
      { text: m.qrCaption, style: 'small', alignment: 'center' },
    ],
    unbreakable: true,
  };
}

export interface PageFrameInput {
  title: string;
  documentNumber: string;
  revision: number;
  customerName: string;
  m: ReportMessages;
  /** Unsigned: a "草稿 / DRAFT" watermark and footer mark on every page. */
  draft?: boolean;
}

/**
 * Running header (from page 2) and the "x / y" footer with document number and revision; on a
 * draft also the watermark and the footer's draft mark, on every page.
 */
export function pageFrame(f: PageFrameInput): {
  header: (currentPage: number, pageCount: number, pageSize: ContextPageSize) => Content;
  footer: (currentPage: number, pageCount: number, pageSize: ContextPageSize) => Content;
  watermark?: Watermark;
} {
  return {
    ...(f.draft === true
      ? {
          watermark: {
            text: f.m.draftMark,
            color: COLOURS.fail,
            opacity: 0.12,
            bold: true,
            fontSize: 64,
            angle: -40,
          },
        }
      : {}),
    header: (currentPage) =>
      currentPage === 1
        ? { text: '' }
        : {
            margin: [50, 24, 50, 0],
            stack: [
              {
                columns: [
                  { text: `${f.title} · ${f.documentNumber}`, style: 'small' },
                  { text: f.customerName, style: 'small', alignment: 'right' },
                ],
              },
              {
                canvas: [
                  {
                    type: 'line',
                    x1: 0,
                    y1: 4,
                    x2: 495,
                    y2: 4,
                    lineWidth: 0.5,
                    lineColor: COLOURS.line,
                  },
                ],
              },
            ],
          },
    footer: (currentPage, pageCount) => ({
      margin: [50, 14, 50, 0],
      columns: [
        {
          text: `${f.m.documentNumber} ${f.documentNumber} · ${f.m.revision} ${f.revision}`,
          style: 'small',
          width: '*',
        },
        { text: f.m.page(currentPage, pageCount), style: 'small', alignment: 'center', width: 60 },
        f.draft === true
          ? {
              text: f.m.draftMark,
              bold: true,
              color: COLOURS.fail,
              fontSize: 8,
              alignment: 'right',
              width: '*',
            }
          : { text: '', width: '*' },
      ],
    }),
  };
}

export interface DocumentInfoInput {
  title: string;
  documentNumber: string;
  revision: number;
  engineers: SnapshotPerson[];
  issuedAt: string;
  subject: string;
}

/**
 * PDF metadata. The custom keys `FieldbookDocumentNumber` / `FieldbookRevision` let a verifier
 * report which deliverable a signed file is without parsing page text.
 */
export function documentInfo(i: DocumentInfoInput): TDocumentInformation {
  const info: TDocumentInformation & Record<string, unknown> = {
    title: `${i.title} ${i.documentNumber}`,
    author: i.engineers.map((e) => e.name).join(', '),
    subject: i.subject,
    keywords: `${i.documentNumber} rev ${i.revision}`,
    creator: 'Fieldbook',
    producer: 'Fieldbook (pdfmake)',
    creationDate: new Date(Date.parse(i.issuedAt)),
    FieldbookDocumentNumber: i.documentNumber,
    FieldbookRevision: String(i.revision),
  };
  return info;
}

/**
 * A heading with the block it introduces. Short blocks are kept on one page with their heading
 * (no heading alone at the bottom of a page); long ones may break, their header rows repeat.
 */
export function headed(heading: Content, block: Content, rows: number): Content[] {
  return rows <= 12 ? [{ stack: [heading, block], unbreakable: true }] : [heading, block];
}

export function baseDefinitionFields(lang: Lang): {
  pageSize: 'A4';
  pageMargins: [number, number, number, number];
  defaultStyle: { font: string; fontSize: number; color: string };
  styles: StyleDictionary;
  language: string;
} {
  return {
    pageSize: 'A4',
    pageMargins: [50, 58, 50, 50],
    defaultStyle: { font: FONT_FAMILY, fontSize: 9.5, color: COLOURS.text },
    styles: STYLES,
    language: lang === 'zh' ? 'zh-CN' : 'en',
  };
}

/** Evidence photos, two per row, each with its number, caption and time. */
export function photoGrid(photos: SnapshotPhoto[], timeZone: string, m: ReportMessages): Content {
  if (photos.length === 0) return { text: m.noEvidence, style: 'body' };
  const cells: Content[] = photos.map((p, i) => ({
    stack: [
      { image: p.dataUrl, fit: [235, 160], alignment: 'center' },
      { text: `[${i + 1}] ${p.caption}`, style: 'cell', margin: [0, 4, 0, 0] },
      ...(p.takenAt ? [{ text: formatInstant(p.takenAt, timeZone), style: 'small' }] : []),
    ],
    unbreakable: true,
    margin: [0, 0, 0, 10],
  }));
  const rows: Content[] = [];
  for (let i = 0; i < cells.length; i += 2) {
    rows.push({ columns: [cells[i]!, cells[i + 1] ?? { text: '' }], columnGap: 16 });
  }
  return { stack: rows };
}

/** The signature page body: statement, then one block per signature role. */
export function signatureBlocks(
  signatures: SnapshotSignature[],
  timeZone: string,
  m: ReportMessages,
): Content {
  const block = (role: SnapshotSignature['role']): Content => {
    const label = role === 'customer' ? m.customerSignature : m.engineerSignature;
    const sigs = signatures.filter((s) => s.role === role);
    const inner: Content[] =
      sigs.length === 0
        ? [{ text: m.notSigned, style: 'label', margin: [0, 30, 0, 30] }]
        : sigs.map((s) => ({
            stack: [
              { image: s.image, fit: [210, 70], margin: [0, 4, 0, 4] },
              {
                canvas: [
                  {
                    type: 'line',
                    x1: 0,
                    y1: 0,
                    x2: 220,
                    y2: 0,
                    lineWidth: 0.6,
                    lineColor: COLOURS.muted,
                  },
                ],
              },
              keyValueTable(
                [
                  [m.name, s.name],
                  [m.title, [s.title, s.organisation].filter(Boolean).join(' · ') || '—'],
                  [m.signedAt, formatInstant(s.signedAt, timeZone)],
                ],
                60,
              ),
            ],
            unbreakable: true,
            margin: [0, 0, 0, 8],
          }));
    return { stack: [{ text: label, style: 'h2' }, ...inner] };
  };
  return {
    stack: [
      { text: m.signatureStatement, style: 'body', margin: [0, 0, 0, 12] },
      { columns: [block('customer'), block('engineer')], columnGap: 30 },
    ],
  };
}

export function numbered(n: number, title: string): string {
  return `${n}  ${title}`;
}
