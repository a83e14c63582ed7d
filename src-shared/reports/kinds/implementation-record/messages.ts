/** Fixed texts of the implementation record (实施记录), per report language. */
import type { Lang } from '../../../domain/localized';

const zh = {
  title: '实施记录',
  subtitle: (procedure: string) => `${procedure} 实施作业记录`,
  signatureStatement: '双方确认以上实施作业的步骤、结果与证据，并确认验收检查的结论。',
};

export type ImplementationRecordMessages = typeof zh;

const en: ImplementationRecordMessages = {
  title: 'Implementation record',
  subtitle: (procedure) => `Record of the implementation: ${procedure}`,
  signatureStatement:
    'Both parties confirm the steps, results and evidence of the implementation above and the outcome of its acceptance checks.',
};

export function implementationRecordMessages(lang: Lang): ImplementationRecordMessages {
  return lang === 'en' ? en : zh;
}
