/**
 * The pages of a rendered deliverable as plain drawing operations, for the preview in the sign
 * dialog. pdfmake lays a document out into pages of positioned items (text lines, vectors,
 * images, SVG) and then writes those items into the PDF; this reads the same laid-out pages
 * (pdfkit's `_pdfMakePages`, kept after writing) so the preview shows what the PDF contains —
 * the same positions, sizes, colours, images and watermark — without a PDF rasteriser (pdf.js is
 * not available, and the preview must work under the strict CSP without remote code).
 *
 * The operations are structured-clone friendly (no functions, no fonts): the worker sends them to
 * the UI, which draws them as SVG in the same font family. Coordinates are PDF points, origin at
 * the top left, y down (pdfkit's user space).
 */

export type PreviewOp =
  | {
      k: 'text';
      x: number;
      /** Baseline. */
      y: number;
      size: number;
      color: string;
      bold: boolean;
      /** The width pdfmake measured: the preview stretches the text to it. */
      width: number;
      text: string;
      opacity: number;
    }
  | {
      k: 'rect';
      x: number;
      y: number;
      w: number;
      h: number;
      r: number;
      fill: string | null;
      stroke: string | null;
      lineWidth: number;
      opacity: number;
    }
  | {
      k: 'line';
      x1: number;
      y1: number;
      x2: number;
      y2: number;
      stroke: string;
      lineWidth: number;
      dash: number | null;
    }
  | {
      k: 'path';
      d: string;
      fill: string | null;
      stroke: string | null;
      lineWidth: number;
      opacity: number;
    }
  | {
      k: 'ellipse';
      cx: number;
      cy: number;
      rx: number;
      ry: number;
      fill: string | null;
      stroke: string | null;
      lineWidth: number;
    }
  | { k: 'image'; x: number; y: number; w: number; h: number; href: string }
  | {
      k: 'watermark';
      text: string;
      /** Start of the unrotated text's baseline; the text is rotated about the page centre. */
      x: number;
      y: number;
      size: number;
      color: string;
      opacity: number;
      angle: number;
      bold: boolean;
    };

export interface PreviewPage {
  width: number;
  height: number;
  ops: PreviewOp[];
}

/* The parts of pdfmake's laid-out pages read here (its internal shapes, pdfmake 0.3). */
interface LaidFont {
  name?: string;
  ascender: number;
}
interface LaidInline {
  text: string;
  x: number;
  width: number;
  height?: number;
  fontSize: number;
  font: LaidFont;
  color?: unknown;
  opacity?: unknown;
  background?: unknown;
  sup?: boolean;
  sub?: boolean;
}
interface LaidLine {
  x?: number;
  y?: number;
  inlines: LaidInline[];
  getHeight(): number;
  getAscenderHeight(): number;
}
interface LaidVector {
  type: string;
  x?: number;
  y?: number;
  w?: number;
  h?: number;
  r?: number;
  r1?: number;
  r2?: number;
  x1?: number;
  y1?: number;
  x2?: number;
  y2?: number;
  points?: { x: number; y: number }[];
  closePath?: boolean;
  d?: string;
  lineWidth?: number;
  dash?: { length: number };
  color?: unknown;
  lineColor?: unknown;
  fillOpacity?: unknown;
}
interface LaidImage {
  x: number;
  y: number;
  _width: number;
  _height: number;
  image?: unknown;
  svg?: unknown;
}
interface LaidAlignment {
  verticalAlignment?: string;
  isCellContentMultiPage?: boolean;
  getNodeHeight?: () => number;
  getViewHeight?: () => number;
}
interface LaidPage {
  pageSize: { width: number; height: number };
  items: { type: string; item: unknown }[];
  watermark?: {
    text: string;
    fontSize: number;
    color?: unknown;
    opacity?: number;
    angle?: number;
    font: LaidFont;
    _size: { size: { width: number; height: number } };
  };
}

function colour(value: unknown, fallback: string | null): string | null {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function isBold(font: LaidFont): boolean {
  return /bold/i.test(font.name ?? '');
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * An image source pdfmake holds as a data URL, or null. pdfmake replaces each data URL in the
 * definition by a label and keeps the URL in the document's `images` map.
 */
function imageHref(image: unknown, images: Record<string, unknown>): string | null {
  if (typeof image === 'string' && Object.hasOwn(images, image)) {
    return imageHref(images[image], {});
  }
  if (typeof image === 'string') return image.startsWith('data:image/') ? image : null;
  if (image instanceof Uint8Array) {
    const png = image[0] === 0x89 && image[1] === 0x50;
    return `data:image/${png ? 'png' : 'jpeg'};base64,${bytesToBase64(image)}`;
  }
  return null;
}

function lineOps(line: LaidLine, dy: number, out: PreviewOp[]): void {
  const x = line.x ?? 0;
  const y = (line.y ?? 0) + dy;
  const baseline = y + line.getAscenderHeight();
  const height = line.getHeight();
  for (const inline of line.inlines) {
    const background = colour(inline.background, null);
    if (background !== null) {
      out.push({
        k: 'rect',
        x: x + inline.x,
        y,
        w: inline.width,
        h: height,
        r: 0,
        fill: background,
        stroke: null,
        lineWidth: 0,
        opacity: 1,
      });
    }
    if (inline.text.trim() === '') continue;
    let shift = 0;
    if (inline.sup === true) shift -= inline.fontSize * 0.75;
    if (inline.sub === true) shift += inline.fontSize * 0.35;
    out.push({
      k: 'text',
      x: x + inline.x,
      y: baseline + shift,
      size: inline.fontSize,
      color: colour(inline.color, '#000000') ?? '#000000',
      bold: isBold(inline.font),
      width: inline.width,
      text: inline.text,
      opacity: num(inline.opacity, 1),
    });
  }
}

function vectorOps(v: LaidVector, dy: number, out: PreviewOp[]): void {
  const fill = colour(v.color, null);
  const stroke = colour(v.lineColor, fill === null ? '#000000' : null);
  const lineWidth = num(v.lineWidth, 1);
  const opacity = num(v.fillOpacity, 1);
  switch (v.type) {
    case 'rect':
      out.push({
        k: 'rect',
        x: num(v.x, 0),
        y: num(v.y, 0) + dy,
        w: num(v.w, 0),
        h: num(v.h, 0),
        r: num(v.r, 0),
        fill,
        stroke,
        lineWidth,
        opacity,
      });
      return;
    case 'line':
      out.push({
        k: 'line',
        x1: num(v.x1, 0),
        y1: num(v.y1, 0) + dy,
        x2: num(v.x2, 0),
        y2: num(v.y2, 0) + dy,
        stroke: stroke ?? '#000000',
        lineWidth,
        dash: v.dash !== undefined ? v.dash.length : null,
      });
      return;
    case 'ellipse':
      out.push({
        k: 'ellipse',
        cx: num(v.x, 0),
        cy: num(v.y, 0) + dy,
        rx: num(v.r1, 0),
        ry: num(v.r2, 0),
        fill,
        stroke,
        lineWidth,
      });
      return;
    case 'polyline': {
      const points = v.points ?? [];
      if (points.length === 0) return;
      const first = points[0]!;
      const last = points[points.length - 1]!;
      const closed = v.closePath === true || (first.x === last.x && first.y === last.y);
      const d =
        points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x} ${p.y + dy}`).join(' ') +
        (closed ? ' Z' : '');
      out.push({ k: 'path', d, fill, stroke, lineWidth, opacity });
      return;
    }
    case 'path':
      // Path data is drawn in the page's space; a vertical-alignment shift is rare for canvases.
      if (typeof v.d === 'string')
        out.push({ k: 'path', d: v.d, fill, stroke, lineWidth, opacity });
      return;
  }
}

/**
 * The preview of pdfmake's laid-out pages (`pdfKitDocument._pdfMakePages`); `images` is the
 * document's label → data URL map (`pdfKitDocument.images`).
 */
export function previewPages(pages: unknown, images: unknown = {}): PreviewPage[] {
  if (!Array.isArray(pages)) return [];
  const imageMap = (images !== null && typeof images === 'object' ? images : {}) as Record<
    string,
    unknown
  >;
  return (pages as LaidPage[]).map((page) => {
    const ops: PreviewOp[] = [];
    // Vertical alignment of table cells translates what follows, until its end item.
    const shifts: number[] = [];
    let dy = 0;
    for (const { type, item } of page.items) {
      switch (type) {
        case 'line':
          lineOps(item as LaidLine, dy, ops);
          break;
        case 'vector':
          vectorOps(item as LaidVector, dy, ops);
          break;
        case 'image': {
          const image = item as LaidImage;
          const href = imageHref(image.image, imageMap);
          if (href !== null) {
            ops.push({
              k: 'image',
              x: image.x,
              y: image.y + dy,
              w: image._width,
              h: image._height,
              href,
            });
          }
          break;
        }
        case 'svg': {
          const svg = item as LaidImage;
          if (typeof svg.svg === 'string') {
            ops.push({
              k: 'image',
              x: svg.x,
              y: svg.y + dy,
              w: svg._width,
              h: svg._height,
              href: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.svg)}`,
            });
          }
          break;
        }
        case 'beginVerticalAlignment': {
          const a = item as LaidAlignment;
          let shift = 0;
          if (a.isCellContentMultiPage !== true && a.getNodeHeight && a.getViewHeight) {
            const gap = a.getNodeHeight() - a.getViewHeight();
            if (a.verticalAlignment === 'middle') shift = -gap / 2;
            if (a.verticalAlignment === 'bottom') shift = -gap;
          }
          shifts.push(shift);
          dy += shift;
          break;
        }
        case 'endVerticalAlignment':
          dy -= shifts.pop() ?? 0;
          break;
      }
    }
    const w = page.watermark;
    if (w !== undefined) {
      ops.push({
        k: 'watermark',
        text: w.text,
        x: page.pageSize.width / 2 - w._size.size.width / 2,
        y:
          page.pageSize.height / 2 -
          w._size.size.height / 2 +
          (w.font.ascender / 1000) * w.fontSize,
        size: w.fontSize,
        color: colour(w.color, '#000000') ?? '#000000',
        opacity: num(w.opacity, 0.6),
        angle: num(w.angle, 0),
        bold: isBold(w.font),
      });
    }
    return { width: page.pageSize.width, height: page.pageSize.height, ops };
  });
}
