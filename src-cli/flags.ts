import { parseArgs } from 'node:util';
import type { InputError } from '../src-shared/domain/errors';
import { UsageError } from './router';

export type StringFlags<K extends string> = { [P in K]?: string };

/**
 * Parses `--name value` flags (all string-valued) strictly: unknown flags, missing values and
 * positional arguments are usage errors naming the offender.
 */
export function parseStringFlags<K extends string>(
  args: string[],
  names: readonly K[],
): StringFlags<K> {
  const options = Object.fromEntries(names.map((n) => [n, { type: 'string' as const }]));
  try {
    const { values } = parseArgs({ args, options, strict: true, allowPositionals: false });
    return values as StringFlags<K>;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

export function requireFlag<K extends string>(flags: StringFlags<K>, name: K): string {
  const value = flags[name];
  if (value === undefined || value === '') throw new UsageError(`missing --${name}`);
  return value;
}

/**
 * Turns a domain InputError into a usage error that names the command-line flag, e.g.
 * `--opened: expected an ISO-8601 instant with offset …`.
 */
export function inputErrorToUsage(e: InputError, flagOfField: Record<string, string>): UsageError {
  const flag = e.field === undefined ? undefined : flagOfField[e.field];
  if (!flag) return new UsageError(e.message);
  const field = e.field ?? '';
  const text = e.message.startsWith(`${field}: `) ? e.message.slice(field.length + 2) : e.message;
  return new UsageError(`invalid --${flag}: ${text}`);
}
