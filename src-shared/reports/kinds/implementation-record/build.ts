/** Implementation record (实施记录): the shared procedure record of a deployment run. Pure. */
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Lang } from '../../../domain/localized';
import { DEFAULT_LANG, pick } from '../../../domain/localized';
import { buildProcedureRecord } from '../../procedure-record/build';
import { implementationRecordMessages } from './messages';
import type { ImplementationRecordSnapshot } from './snapshot';

export function buildImplementationRecord(
  s: ImplementationRecordSnapshot,
  lang: Lang = DEFAULT_LANG,
): TDocumentDefinitions {
  const im = implementationRecordMessages(lang);
  return buildProcedureRecord(s, lang, {
    title: im.title,
    subtitle: im.subtitle(pick(s.procedure.name, lang)),
    signatureStatement: im.signatureStatement,
  });
}
