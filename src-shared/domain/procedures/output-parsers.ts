/**
 * Reads the outputs engineers paste most at a pre-upgrade gate — `kubectl get nodes`, `etcdctl
 * endpoint health`, `etcdctl member list` (table or plain), `kubeadm certs check-expiration` —
 * recognises which one it is, and judges it line by line, so the matching pre-check is filled
 * with the raw text as evidence and the verdict names the lines that fail.
 *
 * Lines are numbered from 1 in the pasted text (CRLF read as LF).
 */
import type { ProcedureStep, ProcedureTemplate } from '../../policy/procedures/types';

export type ParsedKind = 'kubectl-nodes' | 'etcd-health' | 'etcd-members' | 'kubeadm-certs';

export interface ParsedLine {
  line: number;
  /** The node, endpoint, member or certificate the line is about. */
  subject: string;
  ok: boolean;
  /** What was read: the node status, `true`/`false`, member status, residual days. */
  reading: string;
}

export interface ParsedOutput {
  kind: ParsedKind;
  result: 'pass' | 'fail';
  lines: ParsedLine[];
  /** Findings about the whole output (code): `even-members`, `no-rows`. */
  problems: ('even-members' | 'no-rows')[];
  /** etcd member list: the member count, entered as the step's value. */
  value?: string;
}

/** Fewest days a certificate must have left (the upgrade runbook's expected result). */
export const CERT_MIN_DAYS = 30;

function lines(raw: string): string[] {
  return raw.replace(/\r\n?/g, '\n').split('\n');
}

/** Cells of a `-w table` row (`| a | b |`), trimmed; null for borders and other lines. */
function cells(text: string): string[] | null {
  const t = text.trim();
  if (!t.startsWith('|') || !t.endsWith('|')) return null;
  return t
    .slice(1, -1)
    .split('|')
    .map((c) => c.trim());
}

function finish(kind: ParsedKind, rows: ParsedLine[], extra: Partial<ParsedOutput> = {}) {
  const problems = [...(extra.problems ?? [])];
  if (rows.length === 0) problems.push('no-rows');
  const ok = problems.length === 0 && rows.every((r) => r.ok);
  return {
    kind,
    result: ok ? 'pass' : 'fail',
    lines: rows,
    problems,
    ...(extra.value !== undefined ? { value: extra.value } : {}),
  } satisfies ParsedOutput;
}

function parseNodes(ls: string[]): ParsedOutput {
  const rows: ParsedLine[] = [];
  ls.forEach((text, i) => {
    const cols = text.trim().split(/\s+/);
    if (cols.length < 5 || cols[0] === 'NAME') return;
    const status = cols[1]!;
    rows.push({
      line: i + 1,
      subject: cols[0]!,
      ok: status.split(',').includes('Ready'),
      reading: status,
    });
  });
  return finish('kubectl-nodes', rows);
}

function parseHealth(ls: string[]): ParsedOutput {
  const rows: ParsedLine[] = [];
  ls.forEach((text, i) => {
    const c = cells(text);
    if (c !== null && c.length >= 2 && /^https?:\/\//.test(c[0]!)) {
      rows.push({ line: i + 1, subject: c[0]!, ok: c[1] === 'true', reading: c[1]! });
      return;
    }
    const m = /^(https?:\/\/\S+) is (healthy|unhealthy)/.exec(text.trim());
    if (m) rows.push({ line: i + 1, subject: m[1]!, ok: m[2] === 'healthy', reading: m[2]! });
  });
  return finish('etcd-health', rows);
}

function parseMembers(ls: string[]): ParsedOutput {
  const rows: ParsedLine[] = [];
  ls.forEach((text, i) => {
    const c = cells(text) ?? (text.includes(', ') ? text.split(',').map((x) => x.trim()) : null);
    if (c === null || c.length < 4 || !/^[0-9a-f]{16}$/.test(c[0]!)) return;
    // ID, STATUS, NAME, PEER ADDRS, CLIENT ADDRS, IS LEARNER
    const learner = c[5] === 'true';
    rows.push({
      line: i + 1,
      subject: c[2] === '' ? c[0]! : c[2]!,
      ok: c[1] === 'started' && !learner,
      reading: learner ? `${c[1]!}, learner` : c[1]!,
    });
  });
  return finish('etcd-members', rows, {
    value: String(rows.length),
    problems: rows.length > 0 && rows.length % 2 === 0 ? ['even-members'] : [],
  });
}

/** Residual time as kubeadm prints it (`362d`, `9y`, `23h`, `<invalid>`) in whole days. */
function residualDays(s: string): number | undefined {
  if (s === '<invalid>') return -1;
  const m = /^(\d+)([ydhm])$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === 'y' ? n * 365 : m[2] === 'd' ? n : 0;
}

function parseCerts(ls: string[], minDays: number): ParsedOutput {
  const rows: ParsedLine[] = [];
  ls.forEach((text, i) => {
    // name, `Mon DD, YYYY HH:MM UTC`, residual, ...
    const m = /^(\S+)\s+([A-Z][a-z]{2} \d{2}, \d{4} \d{2}:\d{2} [A-Z]+)\s+(\S+)\s/.exec(
      text.trim() + ' ',
    );
    if (!m || m[1] === 'CERTIFICATE') return;
    const days = residualDays(m[3]!);
    if (days === undefined) return;
    rows.push({ line: i + 1, subject: m[1]!, ok: days >= minDays, reading: m[3]! });
  });
  return finish('kubeadm-certs', rows);
}

/** Which of the known outputs `raw` is (by its header or row shape), or undefined. */
export function recognizeOutput(raw: string): ParsedKind | undefined {
  const text = raw.replace(/\r\n?/g, '\n');
  if (/^\s*NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION/m.test(text)) return 'kubectl-nodes';
  if (/^\s*CERTIFICATE\s+EXPIRES\s+RESIDUAL TIME/m.test(text)) return 'kubeadm-certs';
  if (
    /\|\s*ID\s*\|\s*STATUS\s*\|\s*NAME\s*\|/.test(text) ||
    /^[0-9a-f]{16}, (?:started|unstarted), /m.test(text)
  )
    return 'etcd-members';
  if (
    /\|\s*ENDPOINT\s*\|\s*HEALTH\s*\|/.test(text) ||
    /^https?:\/\/\S+ is (?:un)?healthy/m.test(text)
  )
    return 'etcd-health';
  return undefined;
}

export function parseOutput(raw: string, minCertDays = CERT_MIN_DAYS): ParsedOutput | undefined {
  const kind = recognizeOutput(raw);
  if (kind === undefined) return undefined;
  const ls = lines(raw);
  switch (kind) {
    case 'kubectl-nodes':
      return parseNodes(ls);
    case 'etcd-health':
      return parseHealth(ls);
    case 'etcd-members':
      return parseMembers(ls);
    case 'kubeadm-certs':
      return parseCerts(ls, minCertDays);
  }
}

/** The command each kind of output comes from, as the templates write it. */
const COMMAND_OF: Record<ParsedKind, RegExp> = {
  'kubectl-nodes': /kubectl get nodes/,
  'etcd-health': /endpoint health/,
  'etcd-members': /member list/,
  'kubeadm-certs': /certs check-expiration/,
};

/**
 * The step of the template's main sections whose command produces this kind of output (the
 * first, in template order; a pre-check before a later verification step).
 */
export function stepForOutput(
  template: ProcedureTemplate,
  kind: ParsedKind,
  isOpen: (stepId: string) => boolean = () => true,
): ProcedureStep | undefined {
  for (const s of template.sections) {
    if (s.kind !== 'main') continue;
    const step = s.steps.find(
      (x) => x.command !== undefined && COMMAND_OF[kind].test(x.command) && isOpen(x.id),
    );
    if (step !== undefined) return step;
  }
  return undefined;
}
