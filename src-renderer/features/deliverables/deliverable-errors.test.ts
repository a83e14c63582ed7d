import { describe, expect, it } from 'vitest';
import { mergeMessages } from '../../app/i18n-core';
import { messages } from './messages';
import { DeliverableUserError, deliverableErrorText, sourceMissing } from './deliverable-errors';

function translator(lang: 'zh' | 'en') {
  const dict = mergeMessages([messages], lang);
  return (key: string, params: Record<string, string | number> = {}) => {
    const text = dict[key];
    if (text === undefined) throw new Error(`no message ${key}`);
    return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
  };
}

describe('deliverable errors', () => {
  it('put a missing source into the UI language, the kind translated too', () => {
    const e = sourceMissing('inspection', 'INS1');
    expect(deliverableErrorText(translator('zh'), e)).toBe(
      '操作失败：找不到生成报告所需的巡检（INS1），可能已被删除或尚未同步到本机。',
    );
    expect(deliverableErrorText(translator('en'), e)).toContain(
      'The inspection this report is made from (INS1) is not on this laptop',
    );
  });

  it('translate a PDF that is neither local nor downloadable', () => {
    const e = new DeliverableUserError('deliverables.error.pdfMissing', { number: 'FB-1' });
    expect(deliverableErrorText(translator('zh'), e)).toContain('FB-1 的 PDF 不在本机');
  });

  it('keep the text of any other error', () => {
    expect(deliverableErrorText(translator('en'), new Error('disk full'))).toBe(
      'Failed: disk full',
    );
  });
});
