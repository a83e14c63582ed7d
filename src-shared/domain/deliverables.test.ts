import { describe, expect, it } from 'vitest';
import type { WithDeleted } from 'rxdb';
import { CONFLICT_HANDLERS, historyEntryOf, mergeDeliverables } from '../db/conflicts';
import { compileJsonSchema } from '../db/json-validator';
import { deliverableSchema } from '../db/schemas/deliverables';
import type { AttachmentRef, DeliverableDoc, DeliverableSignature } from '../db/types';
import { sampleFaultSnapshot } from '../reports/sample';
import type { FaultReportSnapshot } from '../reports/snapshot-types';
import {
  DeliverableImmutableError,
  assertSignedUnchanged,
  createDraftDeliverable,
  deliverableFileName,
  documentNumberOrg,
  ISSUER_CODE_LENGTH,
  isLatestRevision,
  issuerCodeFrom,
  markSigned,
  nextDocumentNumber,
  nextRevisionSnapshot,
  replaceDraftRendering,
  revisionsOf,
} from './deliverables';

const T0 = '2026-03-04T11:00:00.000+08:00';
const T1 = '2026-03-04T11:30:00.000+08:00';
const T2 = '2026-03-04T12:00:00.000+08:00';

const ref = (hex: string, name = 'r.pdf', mimeType = 'application/pdf'): AttachmentRef => ({
  sha256: hex.repeat(64).slice(0, 64),
  name,
  mimeType,
  size: 1000,
});

const snapshot: FaultReportSnapshot = { ...sampleFaultSnapshot(), signatures: [] };

const signatures: DeliverableSignature[] = [
  {
    role: 'customer',
    name: '李明',
    title: '运维经理',
    signedAt: T1,
    image: ref('c', 'customer.png', 'image/png'),
  },
  { role: 'engineer', name: '张伟', signedAt: T1, image: ref('e', 'engineer.png', 'image/png') },
];

const signer = {
  subject: 'CN=张伟, O=Fieldbook (development)',
  commonName: '张伟',
  selfSigned: true,
  fingerprint: 'f'.repeat(64),
};

function draft(): DeliverableDoc {
  return createDraftDeliverable(
    {
      id: 'D1',
      customerId: 'C1',
      kind: 'fault-report',
      sourceId: 'I1',
      siteId: 'S1',
      title: snapshot.incident.title,
      lang: 'zh',
      snapshot,
      pdf: ref('a'),
      pageCount: 5,
    },
    T0,
  );
}

function signed(doc = draft(), pdfHex = 'b'): DeliverableDoc {
  return markSigned(
    doc,
    {
      snapshot,
      pdf: ref(pdfHex),
      sha256: ref(pdfHex).sha256,
      signatures,
      signer,
      signedAt: T1,
    },
    T1,
  );
}

const validate = compileJsonSchema(deliverableSchema);
const live = (d: DeliverableDoc): WithDeleted<DeliverableDoc> => ({ ...d, _deleted: false });

describe('deliverable documents', () => {
  it('a draft and its signed state satisfy the schema', () => {
    expect(validate(draft())).toEqual([]);
    expect(validate(signed())).toEqual([]);
    expect(validate({ ...draft(), status: 'final' })).not.toEqual([]);
    expect(validate({ ...draft(), documentNumber: 'no number' })).not.toEqual([]);
    expect(validate({ ...draft(), documentRevision: 0 })).not.toEqual([]);
    const { customerId: _c, ...noCustomer } = draft();
    expect(validate(noCustomer)).not.toEqual([]);
  });

  it('records number, revision and SHA-256 of the draft PDF', () => {
    const d = draft();
    expect(d).toMatchObject({
      status: 'draft',
      documentNumber: 'FB-FLT-20260304-0001',
      documentRevision: 1,
      sha256: ref('a').sha256,
      signatures: [],
      history: [],
    });
  });

  it('signing needs the signed blob, the same document and a handwritten signature', () => {
    const s = signed();
    expect(s).toMatchObject({ status: 'signed', sha256: ref('b').sha256, signer, signedAt: T1 });
    expect(s.signatures).toHaveLength(2);
    const base = { snapshot, pdf: ref('b'), signatures, signer, signedAt: T1 };
    expect(() => markSigned(draft(), { ...base, sha256: ref('c').sha256 }, T1)).toThrow(
      /SHA-256 differs/,
    );
    expect(() =>
      markSigned(draft(), { ...base, sha256: ref('b').sha256, signatures: [] }, T1),
    ).toThrow(/handwritten signature/);
    expect(() =>
      markSigned(
        draft(),
        { ...base, sha256: ref('b').sha256, snapshot: { ...snapshot, revision: 2 } },
        T1,
      ),
    ).toThrow(/another document or revision/);
  });

  it('is immutable once signed', () => {
    const s = signed();
    expect(() => signed(s)).toThrow(DeliverableImmutableError);
    expect(() => replaceDraftRendering(s, { lang: 'en', snapshot, pdf: ref('d') }, T2)).toThrow(
      DeliverableImmutableError,
    );
  });

  it('the storage guard refuses content changes to a signed deliverable', () => {
    const s = signed();
    expect(() => assertSignedUnchanged(s, { ...s, lang: 'en' })).toThrow(DeliverableImmutableError);
    expect(() => assertSignedUnchanged(s, { ...s, signatures: [] })).toThrow(
      DeliverableImmutableError,
    );
    expect(() => assertSignedUnchanged(s, { ...s, status: 'draft' })).toThrow(
      DeliverableImmutableError,
    );
    const { signer: _s, ...unsigned } = s;
    expect(() => assertSignedUnchanged(s, unsigned)).toThrow(DeliverableImmutableError);
    // Sync time, history growth and the write time may change; drafts are not guarded.
    const grown = {
      ...s,
      syncedAt: T2,
      updatedAt: T2,
      history: [historyEntryOf(draft(), 'conflict', T2)],
    };
    expect(() => assertSignedUnchanged(s, grown)).not.toThrow();
    expect(() => assertSignedUnchanged(grown, { ...grown, history: [] })).toThrow(
      DeliverableImmutableError,
    );
    expect(() => assertSignedUnchanged(draft(), { ...draft(), lang: 'en' })).not.toThrow();
  });

  it('a draft rendered again keeps the earlier rendering in its history', () => {
    const d = replaceDraftRendering(draft(), { lang: 'en', snapshot, pdf: ref('d') }, T2);
    expect(d).toMatchObject({ lang: 'en', sha256: ref('d').sha256, documentRevision: 1 });
    expect(d.history).toHaveLength(1);
    expect(d.history[0]).toMatchObject({
      reason: 'draft-replaced',
      lang: 'zh',
      sha256: ref('a').sha256,
    });
    expect(validate(d)).toEqual([]);
    expect(() =>
      replaceDraftRendering(
        draft(),
        { lang: 'en', snapshot: { ...snapshot, revision: 2 }, pdf: ref('d') },
        T2,
      ),
    ).toThrow(/keeps its document number/);
  });

  it('a new revision keeps the number, adds one to the revision and drops the signatures', () => {
    const s = signed();
    const withSignatures = {
      ...snapshot,
      signatures: [
        {
          ...snapshot.signatures[0],
          role: 'customer' as const,
          name: 'x',
          signedAt: T1,
          image: 'data:image/png;base64,',
        },
      ],
    };
    const next = nextRevisionSnapshot({ ...s, snapshot: withSignatures }, T2);
    expect(next).toMatchObject({
      documentNumber: s.documentNumber,
      revision: 2,
      issuedAt: T2,
      signatures: [],
    });
    // Rebuilt from fresh data: still this number's next revision.
    const fresh = {
      ...snapshot,
      documentNumber: 'FB-FLT-20990101-0009',
      revision: 1,
      impact: '新的影响',
    };
    expect(nextRevisionSnapshot(s, T2, fresh)).toMatchObject({
      documentNumber: s.documentNumber,
      revision: 2,
      impact: '新的影响',
    });
    expect(() => nextRevisionSnapshot(draft(), T2)).toThrow(/edit the draft/);
    const r2 = createDraftDeliverable(
      {
        ...draft(),
        id: 'D2',
        snapshot: next,
        pdf: ref('e'),
        supersedesId: s.id,
      },
      T2,
    );
    expect(r2).toMatchObject({
      documentRevision: 2,
      supersedesId: 'D1',
      status: 'draft',
      signatures: [],
    });
    expect(revisionsOf([s, r2], s.documentNumber).map((d) => d.documentRevision)).toEqual([2, 1]);
    expect(isLatestRevision(r2, [s, r2])).toBe(true);
    expect(isLatestRevision(s, [s, r2])).toBe(false);
  });

  it('numbers documents per kind and day', () => {
    expect(nextDocumentNumber([], 'fault-report', '2026-03-04')).toBe('FB-FLT-20260304-0001');
    expect(
      nextDocumentNumber(
        [
          'FB-FLT-20260304-0001',
          'FB-FLT-20260304-0007',
          'FB-INS-20260304-0009',
          'FB-FLT-20260303-0012',
        ],
        'fault-report',
        '2026-03-04',
      ),
    ).toBe('FB-FLT-20260304-0008');
    expect(deliverableFileName(draft())).toBe('FB-FLT-20260304-0001-r1-zh.pdf');
  });
});

describe('deliverable conflict handler', () => {
  it('a signed master wins over a local draft edit; the edit goes to history', () => {
    const master = live(signed());
    const local = live({
      ...draft(),
      lang: 'en',
      pdf: ref('9'),
      sha256: ref('9').sha256,
      updatedAt: T2,
    });
    const merged = mergeDeliverables({
      realMasterState: master,
      newDocumentState: local,
      assumedMasterState: live(draft()),
    });
    expect(merged.status).toBe('signed');
    expect(merged.sha256).toBe(master.sha256);
    expect(merged.history).toHaveLength(1);
    expect(merged.history[0]).toMatchObject({
      reason: 'conflict',
      status: 'draft',
      lang: 'en',
      sha256: ref('9').sha256,
      at: T2,
    });
    const { _deleted: _d, ...stored } = merged;
    expect(validate(stored)).toEqual([]);
  });

  it('a signed master wins over a deletion and over another signature', () => {
    const master = live(signed());
    const deleted = { ...signed(), _deleted: true };
    const m1 = mergeDeliverables({ realMasterState: master, newDocumentState: deleted });
    expect(m1._deleted).toBe(false);
    const other = live({ ...signed(draft(), '7'), updatedAt: T2 });
    const m2 = mergeDeliverables({ realMasterState: master, newDocumentState: other });
    expect(m2.sha256).toBe(master.sha256);
    expect(m2.history.map((h) => h.sha256)).toEqual([ref('7').sha256]);
  });

  it('a signed local copy wins over an unsigned master, which goes to history', () => {
    const master = live({ ...draft(), updatedAt: T2, pdf: ref('5'), sha256: ref('5').sha256 });
    const local = live(signed());
    const merged = mergeDeliverables({ realMasterState: master, newDocumentState: local });
    expect(merged.status).toBe('signed');
    expect(merged.sha256).toBe(local.sha256);
    expect(merged.history.map((h) => [h.reason, h.status, h.sha256])).toEqual([
      ['conflict', 'draft', ref('5').sha256],
    ]);
    // ... also when the master deleted the draft meanwhile.
    const m2 = mergeDeliverables({
      realMasterState: { ...master, _deleted: true },
      newDocumentState: local,
    });
    expect(m2._deleted).toBe(false);
    expect(m2.status).toBe('signed');
  });

  it('two drafts: the later one wins, ties go to the master, the other is kept', () => {
    const a = live({ ...draft(), updatedAt: T1, pdf: ref('1'), sha256: ref('1').sha256 });
    const b = live({ ...draft(), updatedAt: T2, pdf: ref('2'), sha256: ref('2').sha256 });
    expect(mergeDeliverables({ realMasterState: a, newDocumentState: b }).sha256).toBe(
      ref('2').sha256,
    );
    expect(mergeDeliverables({ realMasterState: b, newDocumentState: a }).sha256).toBe(
      ref('2').sha256,
    );
    const tie = live({ ...b, pdf: ref('3'), sha256: ref('3').sha256 });
    const merged = mergeDeliverables({ realMasterState: b, newDocumentState: tie });
    expect(merged.sha256).toBe(ref('2').sha256);
    expect(merged.history.map((h) => h.sha256)).toEqual([ref('3').sha256]);
  });

  it('unites histories, adds nothing for identical states, and drops storage metadata', () => {
    const replaced = replaceDraftRendering(draft(), { lang: 'en', snapshot, pdf: ref('d') }, T1);
    const s = signed(replaced);
    const master = live(s);
    const local = { ...live(s), _rev: '3-abc', _meta: { lwt: 1 } } as WithDeleted<DeliverableDoc>;
    const merged = mergeDeliverables({ realMasterState: master, newDocumentState: local });
    expect(merged.history).toHaveLength(1);
    expect(Object.keys(merged).filter((k) => k.startsWith('_'))).toEqual(['_deleted']);
    // Resolving again gives the same document: every laptop converges.
    const again = mergeDeliverables({
      realMasterState: merged,
      newDocumentState: live({ ...s, syncedAt: T2 }),
    });
    expect(again.history).toEqual(merged.history);
    expect(again.syncedAt).toBe(T2);
  });

  it('is the handler registered for the collection', async () => {
    const master = live(signed());
    const local = live({ ...draft(), updatedAt: T2 });
    const handler = CONFLICT_HANDLERS.deliverables;
    expect(handler.isEqual(master, { ...master }, 'test')).toBe(true);
    const resolved = await handler.resolve(
      { realMasterState: master, newDocumentState: local },
      'test',
    );
    expect(resolved.status).toBe('signed');
  });
});

describe('issuer codes and document number prefixes', () => {
  it('turn random bytes into a 5-character Crockford code without I, L, O, U', () => {
    expect(issuerCodeFrom(new Uint8Array([0, 1, 18, 31, 255]))).toBe('01JZZ');
    for (let i = 0; i < 200; i++) {
      const code = issuerCodeFrom(crypto.getRandomValues(new Uint8Array(ISSUER_CODE_LENGTH)));
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}$/);
    }
    expect(() => issuerCodeFrom(new Uint8Array(3))).toThrow(RangeError);
  });

  it('keep two laptops apart on the same day and kind', () => {
    const a = documentNumberOrg('K7Q2M');
    const b = documentNumberOrg('0X3FD');
    const first = nextDocumentNumber([], 'fault-report', '2026-03-04', a);
    expect(first).toBe('FBK7Q2M-FLT-20260304-0001');
    expect(nextDocumentNumber([first], 'fault-report', '2026-03-04', b)).toBe(
      'FB0X3FD-FLT-20260304-0001',
    );
    // A laptop counts only its own numbers.
    expect(nextDocumentNumber([first], 'fault-report', '2026-03-04', a)).toBe(
      'FBK7Q2M-FLT-20260304-0002',
    );
    expect(() => documentNumberOrg('k7')).toThrow(RangeError);
  });
});
