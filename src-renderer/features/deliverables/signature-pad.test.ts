import { describe, expect, it } from 'vitest';
import { pngDataUrl, Raster } from '../../../src-shared/reports/png';
import type { PadContext, PadStroke } from './signature-pad';
import {
  PAD_HEIGHT,
  PAD_WIDTH,
  drawStrokes,
  isBlank,
  isPng,
  padPointerType,
  pngDataUrlToBytes,
  strokeLength,
  strokeWidth,
  toCanvasPoint,
} from './signature-pad';

function recorder(): PadContext & { calls: string[] } {
  const calls: string[] = [];
  const rec =
    (name: string) =>
    (...args: number[]) => {
      calls.push(`${name}(${args.map((a) => Math.round(a)).join(',')})`);
    };
  return {
    calls,
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    lineCap: 'butt',
    lineJoin: 'miter',
    fillRect: rec('fillRect'),
    beginPath: rec('beginPath'),
    moveTo: rec('moveTo'),
    lineTo: rec('lineTo'),
    quadraticCurveTo: rec('quad'),
    arc: rec('arc'),
    fill: rec('fill'),
    stroke: rec('stroke'),
  };
}

const line = (pointerType: PadStroke['pointerType'], n: number, pressure = 0.5): PadStroke => ({
  pointerType,
  points: Array.from({ length: n }, (_, i) => ({ x: 10 + i * 10, y: 50, pressure })),
});

describe('signature pad model', () => {
  it('maps client positions to canvas pixels, clamped to the pad', () => {
    const rect = { left: 100, top: 50, width: 360, height: 120 };
    expect(toCanvasPoint(100, 50, rect)).toEqual({ x: 0, y: 0 });
    expect(toCanvasPoint(280, 110, rect)).toEqual({ x: PAD_WIDTH / 2, y: PAD_HEIGHT / 2 });
    expect(toCanvasPoint(1000, -5, rect)).toEqual({ x: PAD_WIDTH, y: 0 });
  });

  it('widens pen lines with pressure; mouse and touch draw a constant width', () => {
    expect(strokeWidth('pen', 1)).toBeGreaterThan(strokeWidth('pen', 0.1));
    expect(strokeWidth('mouse', 0.1)).toBe(strokeWidth('mouse', 1));
    expect(strokeWidth('touch', 0)).toBe(strokeWidth('mouse', 0.5));
    expect(strokeWidth('pen', Number.NaN)).toBe(strokeWidth('pen', 0.5));
    expect(padPointerType('pen')).toBe('pen');
    expect(padPointerType('touch')).toBe('touch');
    expect(padPointerType('anything')).toBe('mouse');
  });

  it('treats a click or a tiny scratch as blank', () => {
    expect(isBlank([])).toBe(true);
    expect(isBlank([line('mouse', 1)])).toBe(true);
    expect(isBlank([line('mouse', 3)])).toBe(true); // 20 px
    expect(strokeLength(line('mouse', 5))).toBe(40);
    expect(isBlank([line('mouse', 5)])).toBe(false);
    expect(isBlank([line('touch', 3), line('pen', 3)])).toBe(false);
  });

  it('draws a white background, one curve segment per point, dots for single points', () => {
    const ctx = recorder();
    drawStrokes(ctx, [
      line('mouse', 3),
      { pointerType: 'pen', points: [{ x: 5, y: 5, pressure: 1 }] },
    ]);
    expect(ctx.calls[0]).toBe(`fillRect(0,0,${PAD_WIDTH},${PAD_HEIGHT})`);
    expect(ctx.calls.filter((c) => c.startsWith('quad'))).toEqual([
      'quad(10,50,15,50)',
      'quad(20,50,30,50)',
    ]);
    expect(ctx.calls.filter((c) => c.startsWith('arc'))).toHaveLength(1);
    expect(ctx.calls.filter((c) => c === 'stroke()')).toHaveLength(2);
  });

  it('turns a PNG data URL into its bytes, refusing anything else', () => {
    const raster = new Raster(4, 2, [
      [255, 255, 255],
      [0, 0, 0],
    ]);
    const url = pngDataUrl(raster);
    const bytes = pngDataUrlToBytes(url);
    expect(isPng(bytes)).toBe(true);
    expect(() => pngDataUrlToBytes('data:image/jpeg;base64,AAAA')).toThrow(/not a PNG data URL/);
    expect(() => pngDataUrlToBytes('data:image/png;base64,AAAA')).toThrow(/does not hold a PNG/);
  });
});
