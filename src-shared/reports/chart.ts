/**
 * The summary chart of the inspection report as an SVG string: one horizontal bar per section
 * score (0–100, coloured by grade band) and a stacked bar of result counts underneath.
 */
import { COLOURS, FONT_FAMILY } from './pdf-common';

function esc(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function bandColour(score: number): string {
  if (score >= 90) return COLOURS.pass;
  if (score >= 75) return '#7cb342';
  if (score >= 60) return COLOURS.warning;
  return COLOURS.fail;
}

export interface ChartSection {
  label: string;
  score: number | null;
}

export interface ChartCounts {
  pass: number;
  warning: number;
  fail: number;
  notApplicable: number;
  labels: { pass: string; warning: string; fail: string; notApplicable: string };
}

export const CHART_WIDTH = 300;

/** Approximate advance of `s` at `size` pt in Noto Sans SC: CJK full width, Latin about half. */
function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) > 0x2e80 ? size : size * 0.55;
  return w;
}

/** `s` shortened with an ellipsis to fit `max` pt. */
function fit(s: string, size: number, max: number): string {
  if (textWidth(s, size) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (textWidth(`${out}${ch}…`, size) > max) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * A section label in at most two lines of `max` pt: broken at the last space that fits (Latin)
 * or at any character (CJK); only a second line that still does not fit is shortened.
 */
export function labelLines(s: string, size: number, max: number): string[] {
  if (textWidth(s, size) <= max) return [s];
  let first = '';
  for (const ch of s) {
    if (textWidth(first + ch, size) > max) break;
    first += ch;
  }
  const space = first.lastIndexOf(' ');
  if (space > 0 && s[first.length] !== ' ') first = first.slice(0, space);
  return [first.trimEnd(), fit(s.slice(first.length).trimStart(), size, max)];
}

export function scoreChartSvg(sections: ChartSection[], counts: ChartCounts): string {
  const widest = Math.max(0, ...sections.map((s) => textWidth(s.label, 8)));
  const labelW = Math.min(150, Math.max(60, Math.ceil(widest) + 8));
  const barW = CHART_WIDTH - labelW - 34;
  const rowH = 22;
  const top = 8;
  const barsH = sections.length * rowH;
  const stackY = top + barsH + 22;
  const height = stackY + 44;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${height}" viewBox="0 0 ${CHART_WIDTH} ${height}" font-family="${FONT_FAMILY}">`,
  );
  for (const x of [0, 25, 50, 75, 100]) {
    const gx = labelW + (barW * x) / 100;
    parts.push(
      `<line x1="${gx}" y1="${top - 4}" x2="${gx}" y2="${top + barsH}" stroke="${COLOURS.line}" stroke-width="0.5"/>`,
    );
    parts.push(
      `<text x="${gx}" y="${top + barsH + 10}" font-size="6.5" fill="${COLOURS.muted}" text-anchor="middle">${x}</text>`,
    );
  }
  sections.forEach((s, i) => {
    const y = top + i * rowH;
    const lines = labelLines(s.label, 8, labelW - 8);
    lines.forEach((line, n) => {
      // One line centred on the bar; two lines above and below its middle.
      const baseline = lines.length === 1 ? y + 13 : y + 9 + n * 8.5;
      const size = lines.length === 1 ? 8 : 7.5;
      parts.push(
        `<text x="${labelW - 6}" y="${baseline}" font-size="${size}" fill="${COLOURS.text}" text-anchor="end">${esc(line)}</text>`,
      );
    });
    parts.push(
      `<rect x="${labelW}" y="${y + 4}" width="${barW}" height="12" fill="${COLOURS.primaryLight}"/>`,
    );
    if (s.score !== null) {
      const w = (barW * s.score) / 100;
      parts.push(
        `<rect x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="12" fill="${bandColour(s.score)}"/>`,
      );
      parts.push(
        `<text x="${labelW + barW + 4}" y="${y + 13}" font-size="8" fill="${COLOURS.text}">${s.score}</text>`,
      );
    } else {
      parts.push(
        `<text x="${labelW + barW + 4}" y="${y + 13}" font-size="8" fill="${COLOURS.muted}">—</text>`,
      );
    }
  });
  const total = counts.pass + counts.warning + counts.fail + counts.notApplicable;
  const segments: [number, string, string][] = [
    [counts.pass, COLOURS.pass, counts.labels.pass],
    [counts.warning, COLOURS.warning, counts.labels.warning],
    [counts.fail, COLOURS.fail, counts.labels.fail],
    [counts.notApplicable, COLOURS.na, counts.labels.notApplicable],
  ];
  let x = 0;
  for (const [n, colour] of segments) {
    if (total === 0 || n === 0) continue;
    const w = (CHART_WIDTH * n) / total;
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${stackY}" width="${w.toFixed(1)}" height="12" fill="${colour}"/>`,
    );
    x += w;
  }
  let lx = 0;
  for (const [n, colour, label] of segments) {
    parts.push(`<rect x="${lx}" y="${stackY + 22}" width="8" height="8" fill="${colour}"/>`);
    parts.push(
      `<text x="${lx + 11}" y="${stackY + 29}" font-size="7.5" fill="${COLOURS.text}">${esc(label)} ${n}</text>`,
    );
    lx += CHART_WIDTH / 4;
  }
  parts.push('</svg>');
  return parts.join('');
}
