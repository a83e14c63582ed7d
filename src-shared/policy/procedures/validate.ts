/**
 * Validation of procedure templates that arrive as data (edited on the server, synced to
 * laptops): the JSON Schema, then `procedureTemplateProblems`. Like `../validate.ts` this loads
 * ajv, which compiles with `new Function`: call it in the main process, the server or the CLI.
 */
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import schema from './procedure-template.schema.json' with { type: 'json' };
import { procedureTemplateProblems } from './index';
import type { ProcedureTemplate } from './types';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, strict: true }).compile(schema);
  return compiled;
}

function describe(e: ErrorObject): string {
  const at = e.instancePath === '' ? '/' : e.instancePath;
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties')
    return `${at}: unknown property "${String(params.additionalProperty)}"`;
  if (e.keyword === 'required')
    return `${at}: missing property "${String(params.missingProperty)}"`;
  return `${at}: ${e.message ?? e.keyword}`;
}

/** Errors are JSON-pointer-prefixed sentences (schema) or `section/step: …` (references). */
export function validateProcedureTemplate(
  data: unknown,
): { ok: true; template: ProcedureTemplate } | { ok: false; errors: string[] } {
  const validate = validator();
  if (!validate(data)) {
    return { ok: false, errors: [...new Set((validate.errors ?? []).map(describe))] };
  }
  const template = data as ProcedureTemplate;
  const errors = procedureTemplateProblems(template);
  return errors.length === 0 ? { ok: true, template } : { ok: false, errors };
}
