#!/usr/bin/env node
// Renders the app icon (src-renderer/favicon.svg, the same mark the window shows) into the
// files electron-builder packs: resources/icons/<size>x<size>.png for Linux, icon.png (1024),
// icon.ico (Windows: 16–256 px, PNG-compressed entries) and icon.icns (macOS: ic07–ic10, PNG
// entries). Chromium draws the SVG, so no image tool is needed:
//   node scripts/gen-icons.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const svg = readFileSync(`${root}src-renderer/favicon.svg`, 'utf8');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const browser = await chromium.launch({
  ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
  args: ['--no-sandbox'],
});
const pngs = new Map();
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    pngs.set(
      size,
      await page.screenshot({
        omitBackground: true,
        clip: { x: 0, y: 0, width: size, height: size },
      }),
    );
  }
} finally {
  await browser.close();
}

const dir = `${root}resources/icons/`;
for (const size of [16, 32, 48, 64, 128, 256, 512, 1024])
  writeFileSync(`${dir}${size}x${size}.png`, pngs.get(size));
writeFileSync(`${dir}icon.png`, pngs.get(1024));

// ICO: 6-byte header, 16-byte directory entries, then the PNG images (Windows Vista and later).
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
const header = Buffer.alloc(6 + 16 * icoSizes.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(icoSizes.length, 4);
let offset = header.length;
icoSizes.forEach((size, i) => {
  const png = pngs.get(size);
  const at = 6 + 16 * i;
  header.writeUInt8(size === 256 ? 0 : size, at);
  header.writeUInt8(size === 256 ? 0 : size, at + 1);
  header.writeUInt16LE(1, at + 4);
  header.writeUInt16LE(32, at + 6);
  header.writeUInt32LE(png.length, at + 8);
  header.writeUInt32LE(offset, at + 12);
  offset += png.length;
});
writeFileSync(`${dir}icon.ico`, Buffer.concat([header, ...icoSizes.map((s) => pngs.get(s))]));

// ICNS: "icns" + total length, then (type, length incl. 8-byte head, PNG) per entry.
const icnsTypes = [
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024],
];
const entries = icnsTypes.map(([type, size]) => {
  const png = pngs.get(size);
  const head = Buffer.alloc(8);
  head.write(type, 0, 'ascii');
  head.writeUInt32BE(png.length + 8, 4);
  return Buffer.concat([head, png]);
});
const body = Buffer.concat(entries);
const icnsHead = Buffer.alloc(8);
icnsHead.write('icns', 0, 'ascii');
icnsHead.writeUInt32BE(body.length + 8, 4);
writeFileSync(`${dir}icon.icns`, Buffer.concat([icnsHead, body]));
console.log(`wrote ${dir}: ${SIZES.join(', ')} px, icon.ico, icon.icns`);
