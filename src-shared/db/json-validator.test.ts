import { fillWithDefaultSettings } from 'rxdb';
import { getValidator as getAjvValidator } from 'rxdb/plugins/validate-ajv';
import { describe, expect, it } from 'vitest';
import { createDraftDeliverable, markSigned } from '../domain/deliverables';
import { attachEvidence, failStep, startRun } from '../domain/procedures/procedure-ops';
import { buildSampleWorkspace } from '../domain/sample-workspace';
import { sampleFaultSnapshot } from '../reports/sample';
import { SchemaCompileError, compileJsonSchema } from './json-validator';
import { COLLECTION_NAMES, COLLECTION_SCHEMAS } from './schemas/index';

/** A signed fault report deliverable (the sample workspace has none: they are made in the app). */
function sampleDeliverable() {
  const snapshot = sampleFaultSnapshot();
  const pdf = { sha256: 'a'.repeat(64), name: 'r.pdf', mimeType: 'application/pdf', size: 9 };
  const image = { sha256: 'b'.repeat(64), name: 's.png', mimeType: 'image/png', size: 5 };
  const draft = createDraftDeliverable(
    {
      id: 'D1',
      customerId: 'C1',
      kind: 'fault-report',
      sourceId: 'I1',
      title: snapshot.incident.title,
      lang: 'zh',
      snapshot,
      pdf,
      pageCount: 4,
    },
    '2026-03-04T11:00:00+08:00',
  );
  return markSigned(
    draft,
    {
      snapshot,
      pdf,
      sha256: pdf.sha256,
      signatures: [
        { role: 'customer', name: '李明', signedAt: '2026-03-04T11:20:00+08:00', image },
      ],
      signer: { subject: 'CN=张伟', selfSigned: true, fingerprint: 'c'.repeat(64) },
      signedAt: '2026-03-04T11:21:00+08:00',
    },
    '2026-03-04T11:21:00+08:00',
  );
}

function sampleProcedureRun() {
  const who = { by: '王磊', zone: 'Asia/Shanghai' };
  const run = startRun(
    {
      customerId: 'C1',
      siteId: 'S1',
      siteZone: 'Asia/Shanghai',
      templateId: 'dce5-minor-upgrade',
      templateVersion: 1,
      fromVersion: '5.0.3',
      toVersion: '5.1.0',
    },
    who,
    '2026-11-23T09:00:00+08:00',
  );
  return failStep(
    attachEvidence(
      run,
      'nodes-ready',
      { kind: 'output', text: 'NAME STATUS\nmaster-01 NotReady' },
      who,
      '2026-11-23T09:01:00+08:00',
    ),
    'nodes-ready',
    'master-01 NotReady',
    who,
    '2026-11-23T09:02:00+08:00',
  );
}

const ws = {
  ...buildSampleWorkspace(new Date('2026-11-23T06:30:00Z')),
  deliverables: [sampleDeliverable()],
  procedureRuns: [sampleProcedureRun()],
};

/** Variants of a valid document, most of them invalid in some way. */
function mutations(doc: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [{ ...doc, unexpected: true }];
  for (const [key, value] of Object.entries(doc)) {
    const { [key]: _dropped, ...without } = doc;
    out.push(without);
    out.push({ ...doc, [key]: typeof value === 'string' ? 42 : 'text' });
    out.push({ ...doc, [key]: null });
    if (typeof value === 'string') {
      out.push({ ...doc, [key]: '' });
      out.push({ ...doc, [key]: `${value}x`.repeat(300) });
      out.push({ ...doc, [key]: `${value} ` });
    }
    if (typeof value === 'number') out.push({ ...doc, [key]: value + 0.5 }, { ...doc, [key]: -1 });
    if (Array.isArray(value)) {
      const list = value as unknown[];
      out.push({ ...doc, [key]: [...list, { bogus: 1 }] });
      out.push({ ...doc, [key]: [...list, 'x'] });
      if (list.length > 0) {
        out.push({ ...doc, [key]: [...list, list[0]] });
        const first = list[0];
        if (typeof first === 'object' && first !== null) {
          for (const inner of Object.keys(first)) {
            out.push({ ...doc, [key]: [{ ...first, [inner]: 7 }] });
            const { [inner]: _gone, ...rest } = first as Record<string, unknown>;
            out.push({ ...doc, [key]: [rest] });
          }
        }
      }
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      out.push({ ...doc, [key]: { ...value, extra: 'x' } });
      out.push({ ...doc, [key]: {} });
    }
  }
  return out;
}

describe('compileJsonSchema', () => {
  it.each(COLLECTION_NAMES)('agrees with ajv on %s documents and their mutations', (name) => {
    const mine = compileJsonSchema(COLLECTION_SCHEMAS[name]);
    const ajv = getAjvValidator(COLLECTION_SCHEMAS[name] as never);
    let invalid = 0;
    for (const doc of ws[name] as unknown as Record<string, unknown>[]) {
      expect(mine(doc)).toEqual([]);
      for (const variant of mutations(doc)) {
        const a = (ajv(variant) as unknown[]).length === 0;
        const m = mine(variant);
        expect(
          m.length === 0,
          `${name}: ${JSON.stringify(variant).slice(0, 300)} → ${JSON.stringify(m)}`,
        ).toBe(a);
        if (!a) invalid++;
      }
    }
    expect(invalid).toBeGreaterThan(10);
  });

  it.each(COLLECTION_NAMES)(
    'compiles the schema RxDB derives for %s (with _meta, _rev, …)',
    (name) => {
      const filled = fillWithDefaultSettings(COLLECTION_SCHEMAS[name] as never);
      const validate = compileJsonSchema(filled);
      const doc = {
        ...(ws[name][0] as object),
        _deleted: false,
        _rev: '1-abc',
        _attachments: {},
        _meta: { lwt: 1763879400123.45 },
      };
      expect(validate(doc)).toEqual([]);
      expect(validate({ ...doc, _meta: { lwt: 0.001 } })).not.toEqual([]);
      expect(validate({ ...doc, _rev: undefined })).toEqual([
        { field: '/_rev', message: 'is required', keyword: 'required' },
      ]);
    },
  );

  it('names the offending field', () => {
    const validate = compileJsonSchema(COLLECTION_SCHEMAS.sites);
    const site = ws.sites[0]!;
    expect(validate({ ...site, contacts: [{ name: '' }] })).toEqual([
      {
        field: '/contacts/0/name',
        message: 'must be at least 1 characters',
        keyword: 'minLength',
        limit: 1,
      },
    ]);
    expect(validate({ ...site, timeZone: 'Mars/Olympus Mons' })).toMatchObject([
      { field: '/timeZone', message: expect.stringMatching(/^must match pattern/) as string },
    ]);
  });

  it('counts characters as code points, like ajv', () => {
    const validate = compileJsonSchema({ type: 'string', maxLength: 2, minLength: 2 });
    expect(validate('𠀀𠀁')).toEqual([]); // 4 UTF-16 units, 2 characters
    expect(validate('𠀀𠀁𠀂')).toHaveLength(1);
    expect(validate('𠀀')).toHaveLength(1);
  });

  it('refuses keywords it does not implement instead of ignoring them', () => {
    expect(() => compileJsonSchema({ type: 'string', format: 'email' })).toThrow(
      SchemaCompileError,
    );
    expect(() => compileJsonSchema({ oneOf: [{ type: 'string' }] })).toThrow(
      /unsupported keyword "oneOf"/,
    );
    expect(() => compileJsonSchema({ type: 'string', pattern: '(' })).toThrow(/invalid pattern/);
  });

  it('validates a log entry in well under a tenth of a millisecond', () => {
    const validate = compileJsonSchema(COLLECTION_SCHEMAS.visitLogEntries);
    const entries = ws.visitLogEntries;
    const rounds = 200;
    const t0 = performance.now();
    for (let r = 0; r < rounds; r++) for (const e of entries) validate(e);
    const perDoc = (performance.now() - t0) / (rounds * entries.length);
    expect(perDoc).toBeLessThan(0.1);
  });
});
