/**
 * Pasted output (or an entered value) against a step's expected result: `pattern` must match,
 * `absent` must not, and every number `threshold.capture` finds must satisfy the limit. Patterns
 * are matched multi-line (`^`/`$` per line), case-sensitively, as the template wrote them.
 */
import type { ExpectedResult } from '../../policy/procedures/types';
import type { Comparator } from '../../policy/templates/types';

export type CheckFailure =
  | { code: 'pattern-missing'; pattern: string }
  | { code: 'absent-found'; match: string; line: number }
  | { code: 'threshold-exceeded'; found: number; op: Comparator; limit: number; line: number }
  | { code: 'threshold-no-value'; capture: string };

export interface OutputCheck {
  /** `none`: the step has nothing to check text against (the engineer judges). */
  result: 'pass' | 'fail' | 'none';
  failures: CheckFailure[];
}

/** Longest text checked: output beyond it is kept as evidence but not scanned (regex cost). */
export const CHECKED_OUTPUT_MAX = 1_000_000;

function holds(found: number, op: Comparator, limit: number): boolean {
  switch (op) {
    case '>':
      return found > limit;
    case '>=':
      return found >= limit;
    case '<':
      return found < limit;
    case '<=':
      return found <= limit;
  }
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function hasChecks(expected: ExpectedResult): boolean {
  return (
    expected.pattern !== undefined ||
    expected.absent !== undefined ||
    expected.threshold !== undefined
  );
}

export function checkOutput(expected: ExpectedResult, raw: string): OutputCheck {
  if (!hasChecks(expected)) return { result: 'none', failures: [] };
  const text = raw.replace(/\r\n?/g, '\n').slice(0, CHECKED_OUTPUT_MAX);
  const failures: CheckFailure[] = [];
  if (expected.pattern !== undefined && !new RegExp(expected.pattern, 'm').test(text)) {
    failures.push({ code: 'pattern-missing', pattern: expected.pattern });
  }
  if (expected.absent !== undefined) {
    const m = new RegExp(expected.absent, 'm').exec(text);
    if (m) failures.push({ code: 'absent-found', match: m[0], line: lineOf(text, m.index) });
  }
  const th = expected.threshold;
  if (th !== undefined) {
    const re = new RegExp(th.capture, 'gm');
    let seen = 0;
    for (const m of text.matchAll(re)) {
      const found = Number(m[1]);
      if (!Number.isFinite(found)) continue;
      seen++;
      if (!holds(found, th.op, th.value)) {
        failures.push({
          code: 'threshold-exceeded',
          found,
          op: th.op,
          limit: th.value,
          line: lineOf(text, m.index),
        });
      }
    }
    if (seen === 0) failures.push({ code: 'threshold-no-value', capture: th.capture });
  }
  return { result: failures.length === 0 ? 'pass' : 'fail', failures };
}

/** The first branch whose pattern matches the output, if any. */
export function matchBranch<B extends { pattern: string }>(
  branches: readonly B[] | undefined,
  raw: string,
): B | undefined {
  const text = raw.replace(/\r\n?/g, '\n').slice(0, CHECKED_OUTPUT_MAX);
  return branches?.find((b) => new RegExp(b.pattern, 'm').test(text));
}
