import { checkSchema } from 'rxdb/plugins/dev-mode';
import { getValidator as getAjvValidator } from 'rxdb/plugins/validate-ajv';
import { getValidator as getZSchemaValidator } from 'rxdb/plugins/validate-z-schema';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from 'rxdb';
import { compileJsonSchema } from '../json-validator';
import type { SiteDoc } from '../types';
import {
  COLLECTION_NAMES,
  COLLECTION_SCHEMAS,
  MIGRATION_STRATEGIES,
  migrateSiteV0ToV1,
  siteSchema,
  siteSchemaV0,
} from './index';

const T = '2026-11-23T09:00:00.000+08:00';

const site: SiteDoc = {
  id: '01KAR5S1AVX3Q1N9M8ZT6Q2B7C',
  customerId: '01KAR5S1AVX3Q1N9M8ZT6Q2B7D',
  name: '杭州滨江机房',
  address: '浙江省杭州市滨江区网商路 699 号',
  timeZone: 'Asia/Shanghai',
  holidayCalendar: 'cn',
  contacts: [{ name: '赵强', title: '运维经理', phone: '+86 138 0000 1234' }],
  remoteAccess: { method: 'VPN + 堡垒机', host: '10.20.0.5', username: 'ops', password: 'S3cret!' },
  createdAt: T,
  updatedAt: T,
};

/**
 * Violations found by the renderer's validator (json-validator), ajv (what a server would
 * typically use) and z-schema. They must agree.
 */
function errorsOf(schema: unknown, doc: unknown): string[] {
  const own = compileJsonSchema(schema as object)(doc).map((e) => `own ${e.field} ${e.message}`);
  const ajv = (
    getAjvValidator(schema as never)(doc) as { instancePath: string; message: string }[]
  ).map((e) => `ajv ${e.instancePath} ${e.message}`);
  const zs = (getZSchemaValidator(schema as never)(doc) as { path: string; message: string }[]).map(
    (e) => `z-schema ${e.path} ${e.message}`,
  );
  const all = [...own, ...ajv, ...zs];
  expect(ajv.length === 0, `validators disagree: ${all.join(' | ')}`).toBe(zs.length === 0);
  expect(own.length === 0, `validators disagree: ${all.join(' | ')}`).toBe(ajv.length === 0);
  return all;
}

/** Every `pattern` in a schema, with its JSON path. */
function patternsOf(node: unknown, path = '#'): [string, string][] {
  if (typeof node !== 'object' || node === null) return [];
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'pattern' && typeof value === 'string') out.push([path, value]);
    else out.push(...patternsOf(value, `${path}/${key}`));
  }
  return out;
}

describe('collection schemas', () => {
  it('cover the 12 collections, inside the 13-collection limit', () => {
    expect(COLLECTION_NAMES).toHaveLength(12);
    expect(Object.keys(COLLECTION_SCHEMAS).sort()).toEqual([...COLLECTION_NAMES].sort());
    expect(Object.keys(MIGRATION_STRATEGIES).sort()).toEqual([...COLLECTION_NAMES].sort());
  });

  it.each(COLLECTION_NAMES)('%s passes RxDB’s own schema checks', (name) => {
    expect(() => checkSchema(COLLECTION_SCHEMAS[name] as never)).not.toThrow();
  });

  it.each(COLLECTION_NAMES)('%s indexes only required, bounded fields (Dexie rule)', (name) => {
    const schema = COLLECTION_SCHEMAS[name];
    const required = new Set<string>(schema.required as string[]);
    const props = schema.properties as Record<string, JsonSchema>;
    for (const index of schema.indexes ?? []) {
      for (const field of typeof index === 'string' ? [index] : index) {
        expect(required.has(field), `${name}.${field} required`).toBe(true);
        const prop = props[field];
        expect(
          prop?.type === 'string' ? prop.maxLength : 0,
          `${name}.${field} maxLength`,
        ).toBeGreaterThan(0);
      }
    }
    expect((props.id as JsonSchema).maxLength).toBeLessThanOrEqual(64);
  });

  it.each(COLLECTION_NAMES)('%s has a migration step for every version', (name) => {
    const version = COLLECTION_SCHEMAS[name].version;
    const steps = Object.keys(MIGRATION_STRATEGIES[name]).map(Number).sort();
    expect(steps).toEqual(Array.from({ length: version }, (_, i) => i + 1));
  });

  // Patterns stay free of nested quantifiers (safe-regex2's ReDoS rule, as z-schema applies it).
  it.each(COLLECTION_NAMES)('%s has only patterns z-schema accepts (ReDoS check)', (name) => {
    for (const [path, pattern] of patternsOf(COLLECTION_SCHEMAS[name])) {
      const probe = { type: 'object', properties: { v: { type: 'string', pattern } } };
      const errors = getZSchemaValidator(probe as never)({ v: '' }) as { message: string }[];
      expect(
        errors.filter((e) => /not a valid RegExp/.test(e.message)),
        `${name} ${path}`,
      ).toEqual([]);
    }
  });

  it('accepts instants with and without seconds and milliseconds, and only real zones', () => {
    for (const ok of [
      '2026-11-23T09:00:00.000+08:00',
      '2026-11-23T09:00:00Z',
      '2026-11-23T09:00-05:30',
    ]) {
      expect(errorsOf(siteSchema, { ...site, createdAt: ok }), ok).toEqual([]);
    }
    for (const zone of ['UTC', 'Asia/Shanghai', 'America/Argentina/Buenos_Aires', 'Etc/GMT-8']) {
      expect(errorsOf(siteSchema, { ...site, timeZone: zone }), zone).toEqual([]);
    }
    for (const bad of ['Asia', 'Asia/', '/Shanghai', 'Asia//Shanghai', 'A/B/C/D']) {
      expect(errorsOf(siteSchema, { ...site, timeZone: bad }), bad).not.toEqual([]);
    }
  });

  it('rejects additional properties, bad zones, versions and instants', () => {
    expect(errorsOf(siteSchema, site)).toEqual([]);
    expect(errorsOf(siteSchema, { ...site, colour: 'red' })).not.toEqual([]);
    expect(errorsOf(siteSchema, { ...site, timeZone: 'GMT+8 Beijing' })).not.toEqual([]);
    expect(errorsOf(siteSchema, { ...site, createdAt: '2026-11-23 09:00' })).not.toEqual([]);
    expect(errorsOf(siteSchema, { ...site, createdAt: '2026-11-23T09:00:00' })).not.toEqual([]);
    expect(errorsOf(siteSchema, { ...site, holidayCalendar: 'xx' })).not.toEqual([]);
    expect(errorsOf(siteSchema, { ...site, holidayCalendar: 'sg' })).toEqual([]);
    expect(errorsOf(siteSchema, { ...site, contacts: [{ title: 'no name' }] })).not.toEqual([]);
    const cluster = {
      id: 'C1',
      customerId: 'K1',
      siteId: 'S1',
      name: 'prod',
      environment: 'prod',
      product: 'DCE',
      version: '5.0.3',
      controlPlaneNodes: 3,
      workerNodes: 12,
      createdAt: T,
      updatedAt: T,
    };
    expect(errorsOf(COLLECTION_SCHEMAS.clusters, cluster)).toEqual([]);
    expect(errorsOf(COLLECTION_SCHEMAS.clusters, { ...cluster, version: '5.0' })).not.toEqual([]);
    expect(errorsOf(COLLECTION_SCHEMAS.clusters, { ...cluster, version: 'v5.0.3' })).not.toEqual(
      [],
    );
    expect(errorsOf(COLLECTION_SCHEMAS.clusters, { ...cluster, workerNodes: 1.5 })).not.toEqual([]);
  });

  it('stores incident due times only in UTC or empty', () => {
    const props = COLLECTION_SCHEMAS.incidents.properties as Record<string, JsonSchema>;
    const re = new RegExp(props.dueAt?.pattern ?? 'x');
    expect(re.test('')).toBe(true);
    expect(re.test('2026-11-23T03:00:00.000Z')).toBe(true);
    expect(re.test('2026-11-23T11:00:00.000+08:00')).toBe(false);
  });

  it('encrypts the remote-access secret', () => {
    expect(siteSchema.encrypted).toEqual(['remoteAccess']);
    expect(siteSchemaV0.encrypted).toEqual(['remoteAccess']);
  });
});

describe('site migration v0 → v1', () => {
  it('defaults the holiday calendar to cn and contacts to none, keeping everything else', () => {
    const { holidayCalendar: _h, contacts: _c, ...v0 } = site;
    expect(errorsOf(siteSchemaV0, v0)).toEqual([]);
    const v1 = migrateSiteV0ToV1(v0);
    expect(v1).toEqual({ ...v0, holidayCalendar: 'cn', contacts: [] });
    expect(errorsOf(siteSchema, v1)).toEqual([]);
    expect(migrateSiteV0ToV1({ ...v0, holidayCalendar: 'none' }).holidayCalendar).toBe('none');
  });
});
