import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FontsMissingError, defaultFontDir, renderPdf } from './pdf-render';

describe('renderPdf', () => {
  it('refuses remote URLs before fetching anything', async () => {
    await expect(
      renderPdf({
        content: [{ image: 'remote', width: 10 }],
        images: { remote: 'https://example.invalid/logo.png' },
        defaultStyle: { font: 'NotoSansSC' },
      }),
    ).rejects.toThrow(/denied by resource access policy/);
  });

  it('refuses local files other than the fonts', async () => {
    await expect(
      renderPdf({
        content: [{ image: path.join(defaultFontDir(), '../../package.json'), width: 10 }],
        defaultStyle: { font: 'NotoSansSC' },
      }),
    ).rejects.toThrow(/Access to local file denied/);
  });

  it('says which font file is missing', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'fieldbook-fonts-'));
    try {
      await expect(renderPdf({ content: 'x' }, { fontDir: empty })).rejects.toThrow(
        FontsMissingError,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
