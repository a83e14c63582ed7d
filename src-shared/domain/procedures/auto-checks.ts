/**
 * Checks a procedure step makes from the laptop's own data instead of a pasted output
 * (`ProcedureStep.auto`). The result is recorded as the step's value evidence, so the expected
 * result reads it like any value and the record shows what was found.
 */
import type { IncidentDoc } from '../../db/types';

/** Level 1 and 2 of both packs: dce-support '1', '2'; private-cloud-ops 'P1', 'P2'. */
export const SEVERE_LEVELS: readonly string[] = ['1', '2', 'P1', 'P2'];

export type IncidentFacts = Pick<
  IncidentDoc,
  'id' | 'clusterId' | 'level' | 'status' | 'title' | 'openedAt'
>;

export interface AutoCheckResult {
  count: number;
  /** The value evidence: the count line the template's threshold reads, then one line each. */
  text: string;
  incidents: IncidentFacts[];
}

/**
 * Unresolved (open or paused) level 1/2 incidents of `clusterId`, oldest first. Incidents of
 * other clusters, resolved or closed ones and lower levels do not count.
 */
export function severeIncidentCheck(
  incidents: readonly IncidentFacts[],
  clusterId: string,
): AutoCheckResult {
  const found = incidents
    .filter(
      (i) =>
        i.clusterId === clusterId &&
        (i.status === 'open' || i.status === 'paused') &&
        SEVERE_LEVELS.includes(i.level),
    )
    .sort((a, b) => (a.openedAt < b.openedAt ? -1 : a.openedAt > b.openedAt ? 1 : 0));
  const lines = [
    `unresolved level 1/2 incidents: ${found.length}`,
    ...found.map((i) => `- [${i.level}] ${i.title} (${i.status}, ${i.openedAt}, ${i.id})`),
  ];
  return { count: found.length, text: lines.join('\n'), incidents: found };
}
