import type { ProcedureStep, ProcedureTemplate } from './types';
import { DCE5_MINOR_UPGRADE_V1 } from './dce5-minor-upgrade-v1';

/*
 * Version 2 of the DCE 5 minor upgrade: the pre-upgrade checks become a gate (no backup or
 * upgrade step starts until each passes or is waived by a second person, issue 9 §3), and the
 * gate gains the check "no unresolved level 1/2 incident on this cluster", which the app makes
 * from the laptop's incident records. Every other step is version 1's, unchanged; version 1
 * stays published for the runs that started with it.
 */

const NO_SEVERE_INCIDENTS: ProcedureStep = {
  id: 'no-severe-incidents',
  title: {
    zh: '本集群没有未解决的 1/2 级事件',
    en: 'No unresolved level 1/2 incident on this cluster',
  },
  instruction: {
    zh: '由本机的事件记录自动检查（同步后的最新记录）；有未解决的 1 级或 2 级事件时不得升级，除非第二人豁免并写明原因。',
    en: 'Checked automatically from the incidents on this laptop (as last synced); with an unresolved level 1 or 2 incident the upgrade must not start unless a second person waives it with a reason.',
  },
  expected: {
    text: { zh: '未解决的 1/2 级事件数为 0', en: 'Zero unresolved level 1/2 incidents' },
    threshold: { capture: 'unresolved level 1/2 incidents: (\\d+)', op: '<=', value: 0 },
  },
  plannedMinutes: 1,
  evidence: ['value'],
  role: 'engineer',
  auto: 'no-severe-incidents',
};

export const DCE5_MINOR_UPGRADE_V2: ProcedureTemplate = {
  ...DCE5_MINOR_UPGRADE_V1,
  version: 2,
  publishedAt: '2026-12-04',
  changes: {
    zh: '升级前检查成为门禁（通过或由第二人豁免后才能开始备份与升级）；新增“本集群没有未解决的 1/2 级事件”自动检查。',
    en: 'The pre-upgrade checks gate the window (passed, or waived by a second person, before backup and upgrade start); new automatic check "no unresolved level 1/2 incident on this cluster".',
  },
  sections: DCE5_MINOR_UPGRADE_V1.sections.map((s) =>
    s.id === 'pre-checks' ? { ...s, gate: true, steps: [NO_SEVERE_INCIDENTS, ...s.steps] } : s,
  ),
};
