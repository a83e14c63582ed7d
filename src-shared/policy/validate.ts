/**
 * Validation of policy packs that arrive as data (edited on the server, synced to laptops).
 *
 * Kept out of `./index` so code that only reads the built-in packs does not load ajv. Note that
 * ajv compiles validators with `new Function`: call this in the main process, the server or the
 * CLI, not in a renderer whose CSP forbids 'unsafe-eval'.
 */
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import schema from './policy-pack.schema.json' with { type: 'json' };
import type { PolicyPack } from './types';

let compiled: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: false });
    compiled = ajv.compile(schema);
  }
  return compiled;
}

const PATTERN_NAMES: [string, string][] = [
  ['#/properties/version/', 'a semantic version x.y.z (e.g. 1.2.0)'],
  ['#/definitions/isoDate/', 'a date yyyy-MM-dd'],
  ['#/definitions/hhmm/', 'a time HH:mm (00:00–24:00)'],
  ['#/definitions/id/', 'an id of letters, digits, ".", "_" or "-"'],
];

function describe(e: ErrorObject): string {
  const at = e.instancePath === '' ? '/' : e.instancePath;
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties')
    return `${at}: unknown property "${String(params.additionalProperty)}"`;
  if (e.keyword === 'required')
    return `${at}: missing property "${String(params.missingProperty)}"`;
  if (e.keyword === 'enum')
    return `${at}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
  if (e.keyword === 'const') return `${at}: must be ${JSON.stringify(params.allowedValue)}`;
  if (e.keyword === 'pattern') {
    const what = PATTERN_NAMES.find(([path]) => e.schemaPath.startsWith(path))?.[1];
    if (what) return `${at}: must be ${what}`;
  }
  return `${at}: ${e.message ?? e.keyword}`;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function realDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

/** What a JSON Schema cannot say: unique ids, a complete matrix, ordered dates, real windows. */
function crossCheck(pack: PolicyPack): string[] {
  const errors: string[] = [];
  const tierIds = pack.tiers.map((t) => t.id);
  const levelIds = pack.levels.map((l) => l.id);
  for (const [list, ids] of [
    ['tiers', tierIds],
    ['levels', levelIds],
    ['pauseReasons', pack.pauseReasons.map((r) => r.id)],
    ['closureStates', pack.closureStates.map((c) => c.id)],
    ['resolutionTypes', pack.resolutionTypes.map((r) => r.id)],
    ['services', pack.services.map((s) => s.code)],
    ['rules', pack.rules.map((r) => r.id)],
    ['lifecycle', pack.lifecycle.map((l) => `${l.product} ${l.major}`)],
  ] as const) {
    for (const d of duplicates([...ids])) errors.push(`/${list}: duplicate id "${d}"`);
  }
  for (const tier of tierIds) {
    const row = pack.responseMatrix[tier];
    if (!row) {
      errors.push(`/responseMatrix: missing tier "${tier}"`);
      continue;
    }
    for (const level of levelIds) {
      if (!row[level]) errors.push(`/responseMatrix/${tier}: missing level "${level}"`);
    }
    for (const level of Object.keys(row)) {
      if (!levelIds.includes(level))
        errors.push(`/responseMatrix/${tier}/${level}: "${level}" is not a level of the pack`);
    }
  }
  for (const tier of Object.keys(pack.responseMatrix)) {
    if (!tierIds.includes(tier))
      errors.push(`/responseMatrix/${tier}: "${tier}" is not a tier of the pack`);
  }
  for (const [coverage, w] of Object.entries(pack.coverageWindows)) {
    if (minutesOf(w.start) >= minutesOf(w.end))
      errors.push(`/coverageWindows/${coverage}: start ${w.start} must be before end ${w.end}`);
  }
  pack.closureStates.forEach((c, i) => {
    for (const level of Object.keys(c.deadlineDaysByLevel ?? {})) {
      if (!levelIds.includes(level))
        errors.push(
          `/closureStates/${i}/deadlineDaysByLevel/${level}: "${level}" is not a level of the pack`,
        );
    }
  });
  pack.lifecycle.forEach((l, i) => {
    const at = `/lifecycle/${i}`;
    for (const key of ['ga', 'eoss', 'eosl'] as const) {
      if (!realDate(l[key])) errors.push(`${at}/${key}: ${l[key]} is not a real date`);
    }
    if (!(l.ga <= l.eoss && l.eoss <= l.eosl))
      errors.push(`${at}: dates must be ordered ga ≤ eoss ≤ eosl (${l.ga}, ${l.eoss}, ${l.eosl})`);
  });
  return errors;
}

/**
 * Checks `data` against `policy-pack.schema.json` and the pack's internal references. Errors are
 * JSON-pointer-prefixed sentences, e.g. `/responseMatrix/standard: missing level "3"`.
 */
export function validatePolicyPack(
  data: unknown,
): { ok: true; pack: PolicyPack } | { ok: false; errors: string[] } {
  const validate = schemaValidator();
  if (!validate(data)) {
    const errors = (validate.errors ?? [])
      // ajv reports a failed if/then twice: the branch's own error and "must match then".
      .filter((e) => e.keyword !== 'if')
      .map(describe);
    return { ok: false, errors: [...new Set(errors)] };
  }
  const pack = data as PolicyPack;
  const errors = crossCheck(pack);
  return errors.length === 0 ? { ok: true, pack } : { ok: false, errors };
}
