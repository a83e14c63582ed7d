/**
 * The drawing model of the signature pad, free of React and of a real canvas so it is unit-tested:
 * strokes in canvas pixels, their width from the pointer (a pen's pressure widens the line, mouse
 * and touch draw a constant line), drawing onto any 2D context, and the PNG export's bytes.
 */

export type PadPointerType = 'pen' | 'mouse' | 'touch';

export interface PadPoint {
  x: number;
  y: number;
  /** 0–1 as pointer events report it; mouse and touch report 0.5 while pressed. */
  pressure: number;
}

export interface PadStroke {
  pointerType: PadPointerType;
  points: PadPoint[];
}

/** Canvas size in pixels: fixed, so every exported signature has the same resolution. */
export const PAD_WIDTH = 720;
export const PAD_HEIGHT = 240;
export const PAD_INK = '#142a6e';
export const PAD_BACKGROUND = '#ffffff';
const BASE_WIDTH = 3.2;

export function padPointerType(type: string): PadPointerType {
  return type === 'pen' || type === 'touch' ? type : 'mouse';
}

/** Line width at a point: pressure-sensitive for pens only (mouse/touch pressure is fixed). */
export function strokeWidth(pointerType: PadPointerType, pressure: number): number {
  if (pointerType !== 'pen') return BASE_WIDTH;
  const p = Number.isFinite(pressure) ? Math.min(1, Math.max(0, pressure)) : 0.5;
  return BASE_WIDTH * (0.4 + 1.2 * p);
}

/** A client (CSS pixel) position on the element `rect` as a canvas pixel position. */
export function toCanvasPoint(
  clientX: number,
  clientY: number,
  rect: { left: number; top: number; width: number; height: number },
  width = PAD_WIDTH,
  height = PAD_HEIGHT,
): { x: number; y: number } {
  const sx = rect.width > 0 ? width / rect.width : 1;
  const sy = rect.height > 0 ? height / rect.height : 1;
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  return {
    x: clamp((clientX - rect.left) * sx, width),
    y: clamp((clientY - rect.top) * sy, height),
  };
}

export function strokeLength(stroke: PadStroke): number {
  let length = 0;
  for (let i = 1; i < stroke.points.length; i++) {
    const a = stroke.points[i - 1]!;
    const b = stroke.points[i]!;
    length += Math.hypot(b.x - a.x, b.y - a.y);
  }
  return length;
}

/**
 * Whether the strokes are too little to be a signature: less than 30 canvas pixels of ink in
 * total (a click or an accidental touch).
 */
export function isBlank(strokes: readonly PadStroke[]): boolean {
  return strokes.reduce((sum, s) => sum + strokeLength(s), 0) < 30;
}

/** The part of CanvasRenderingContext2D that drawing uses. */
export interface PadContext {
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  lineCap: CanvasLineCap;
  lineJoin: CanvasLineJoin;
  fillRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  quadraticCurveTo(cpx: number, cpy: number, x: number, y: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  fill(): void;
  stroke(): void;
}

/**
 * Draws `strokes` on a white background. Segments are quadratic curves through the midpoints of
 * successive points (smooth at any sampling rate); each segment takes the width of its point.
 */
export function drawStrokes(
  ctx: PadContext,
  strokes: readonly PadStroke[],
  width = PAD_WIDTH,
  height = PAD_HEIGHT,
): void {
  ctx.fillStyle = PAD_BACKGROUND;
  ctx.fillRect(0, 0, width, height);
  ctx.strokeStyle = PAD_INK;
  ctx.fillStyle = PAD_INK;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const stroke of strokes) {
    const pts = stroke.points;
    const first = pts[0];
    if (first === undefined) continue;
    if (pts.length === 1) {
      ctx.beginPath();
      ctx.arc(
        first.x,
        first.y,
        strokeWidth(stroke.pointerType, first.pressure) / 2,
        0,
        Math.PI * 2,
      );
      ctx.fill();
      continue;
    }
    let from = { x: first.x, y: first.y };
    for (let i = 1; i < pts.length; i++) {
      const prev = pts[i - 1]!;
      const cur = pts[i]!;
      const mid = i === pts.length - 1 ? cur : { x: (prev.x + cur.x) / 2, y: (prev.y + cur.y) / 2 };
      ctx.beginPath();
      ctx.lineWidth = strokeWidth(stroke.pointerType, cur.pressure);
      ctx.moveTo(from.x, from.y);
      ctx.quadraticCurveTo(prev.x, prev.y, mid.x, mid.y);
      ctx.stroke();
      from = { x: mid.x, y: mid.y };
    }
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** The bytes of a `data:image/png;base64,…` URL (what canvas.toDataURL gives); throws otherwise. */
export function pngDataUrlToBytes(dataUrl: string): Uint8Array {
  const prefix = 'data:image/png;base64,';
  if (!dataUrl.startsWith(prefix)) throw new Error('not a PNG data URL');
  const binary = atob(dataUrl.slice(prefix.length));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  if (!isPng(bytes)) throw new Error('the data URL does not hold a PNG');
  return bytes;
}
