/**
 * What a PDF's later incremental updates changed after a signature, read from the file's text
 * (latin1) in linear time.
 *
 * A signature covers the file as it stood when it was signed: its byte range must end at the end
 * of a revision (`%%EOF`). Bytes after that end are later revisions; they may only add what
 * countersigning adds (this is deliberately conservative, see `changesAfter`). Anything else —
 * a new or replaced page, content stream, font, the Info dictionary, deleted objects, compressed
 * object streams we cannot look into — makes the earlier signature "modified after signing".
 */

/** Changes listed per signature at most. */
const MAX_LISTED_CHANGES = 20;
/**
 * Objects after the earliest signed revision examined one by one at most; beyond that the file
 * is "modified after signing" as such (countersigning adds 5 objects per signature).
 */
export const MAX_LATER_OBJECTS = 20_000;

/** Classification looks at most this much of an object (its dictionary, not stream data). */
const OBJECT_WINDOW = 64 * 1024;

/** `N G obj` at a token boundary; bounded repetitions keep the scan linear. */
const OBJECT_HEADER = /(?<![0-9])(\d{1,10})[ \t\r\n\f\0]{1,32}(\d{1,5})[ \t\r\n\f\0]{1,32}obj\b/g;
const REF = /(?<![0-9])(\d{1,10})[ \t\r\n\f\0]{1,32}(\d{1,5})[ \t\r\n\f\0]{1,32}R\b/g;

/** Offsets just past each `%%EOF` marker (and the end-of-line after it), ascending. */
export function revisionEnds(text: string): number[] {
  const ends: number[] = [];
  let at = text.indexOf('%%EOF');
  while (at >= 0) {
    let end = at + 5;
    ends.push(end);
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
    if (end !== at + 5) ends.push(end);
    at = text.indexOf('%%EOF', at + 5);
  }
  return ends;
}

interface FoundObject {
  num: number;
  gen: number;
  /** Offset of the header. */
  offset: number;
  /** The object's text after the header, up to `endobj`, the next header or the window. */
  body: string;
}

/**
 * Every `N G obj` header in text[from, to) that `keep` wants, with its body. One pass; memory
 * only for the kept objects.
 */
function objectsIn(
  text: string,
  from: number,
  to: number,
  keep: (num: number) => boolean = () => true,
  limit = Number.POSITIVE_INFINITY,
): FoundObject[] {
  const re = new RegExp(OBJECT_HEADER.source, 'g');
  re.lastIndex = from;
  const out: FoundObject[] = [];
  let pending: { num: number; gen: number; offset: number; bodyStart: number } | null = null;
  const finish = (nextOffset: number) => {
    if (!pending) return;
    const limit = Math.min(to, nextOffset, pending.bodyStart + OBJECT_WINDOW);
    const window = text.slice(pending.bodyStart, limit);
    const endobj = window.indexOf('endobj');
    out.push({
      num: pending.num,
      gen: pending.gen,
      offset: pending.offset,
      body: endobj < 0 ? window : window.slice(0, endobj),
    });
    pending = null;
  };
  for (let m = re.exec(text); m !== null && m.index < to; m = re.exec(text)) {
    finish(m.index);
    if (out.length >= limit) return out;
    const num = Number(m[1]);
    if (keep(num))
      pending = { num, gen: Number(m[2]), offset: m.index, bodyStart: m.index + m[0].length };
  }
  finish(to);
  return out;
}

/** The dictionary part of an object body (before any stream data). */
function dictPart(body: string): string {
  const s = /\bstream[\r\n]/.exec(body);
  return s ? body.slice(0, s.index) : body;
}

function refsIn(text: string): number[] {
  return [...text.matchAll(new RegExp(REF.source, 'g'))].map((m) => Number(m[1]));
}

const NAME_PATTERNS = new Map<string, RegExp>();

function hasName(dict: string, key: string, value: string): boolean {
  const id = `${key}/${value}`;
  let re = NAME_PATTERNS.get(id);
  if (!re) {
    re = new RegExp(`/${key}\\s*/${value}(?![A-Za-z0-9_.#-])`);
    NAME_PATTERNS.set(id, re);
  }
  return re.test(dict);
}

/** The value of `/Key [ … ]` (refs only), or null when absent; 'indirect' when not an array. */
function arrayRefs(dict: string, key: string): number[] | null | 'indirect' {
  const m = new RegExp(`/${key}(?![A-Za-z0-9])\\s*(\\[[^\\]]*\\])?`).exec(dict);
  if (!m) return null;
  if (m[1] === undefined) return 'indirect';
  return refsIn(m[1]);
}

/** The dictionary text without the given keys' values (refs, arrays, names, numbers). */
function without(dict: string, keys: string[]): string {
  let s = dict;
  for (const key of keys) {
    s = s.replace(
      new RegExp(
        `/${key}(?![A-Za-z0-9])\\s*(?:\\[[^\\]]*\\]|\\d{1,10}\\s+\\d{1,5}\\s+R|/[^\\s/<>\\[\\]()]*|-?\\d+)`,
        'g',
      ),
      '',
    );
  }
  return s
    .replace(/\s+/g, ' ')
    .replace(/\s*(<<|>>|\[|\])\s*/g, '$1')
    .trim();
}

type Kind =
  | 'signature'
  | 'signature field'
  | 'catalog'
  | 'AcroForm'
  | 'page'
  | 'page tree'
  | 'DSS'
  | 'cross-reference stream'
  | 'object stream'
  | 'content or other object';

function classify(body: string): Kind {
  const dict = dictPart(body);
  const isStream = dict.length !== body.length;
  if (hasName(dict, 'Type', 'XRef')) return 'cross-reference stream';
  if (hasName(dict, 'Type', 'ObjStm')) return 'object stream';
  // Streams are content (appearances, DSS data), whatever names their dictionary holds.
  if (isStream) return 'content or other object';
  if (hasName(dict, 'Type', 'Sig') || hasName(dict, 'Type', 'DocTimeStamp')) return 'signature';
  if (hasName(dict, 'FT', 'Sig')) return 'signature field';
  if (hasName(dict, 'Type', 'Catalog')) return 'catalog';
  if (hasName(dict, 'Type', 'AcroForm')) return 'AcroForm';
  if (hasName(dict, 'Type', 'Page')) return 'page';
  if (hasName(dict, 'Type', 'Pages')) return 'page tree';
  if (hasName(dict, 'Type', 'DSS')) return 'DSS';
  return 'content or other object';
}

function lastRefBefore(text: string, key: string, end: number): string | null {
  const at = text.lastIndexOf(`/${key}`, end);
  if (at < 0) return null;
  const m = /^\s*(\d{1,10})\s+(\d{1,5})\s+R/.exec(
    text.slice(at + key.length + 1, at + key.length + 40),
  );
  return m ? `${m[1]} ${m[2]}` : null;
}

const REF_VALUE = (key: string) => new RegExp(`/${key}\\s*(\\d{1,10})\\s+\\d{1,5}\\s+R`);

/** Object definitions of a file, scanned once, for the checks after each signed revision. */
interface Definitions {
  /** Objects defined at or after the earliest revision end examined. */
  later: FoundObject[];
  /** Earlier definitions of the object numbers in `later`. */
  earlier: Map<number, FoundObject[]>;
  /** More than MAX_LATER_OBJECTS later objects: `later` holds the first ones only. */
  truncated: boolean;
}

function definitions(text: string, from: number, alsoWanted: number[]): Definitions {
  const later = objectsIn(text, from, text.length, () => true, MAX_LATER_OBJECTS + 1);
  const truncated = later.length > MAX_LATER_OBJECTS;
  if (truncated) later.length = MAX_LATER_OBJECTS;
  const wanted = new Set([...later.map((o) => o.num), ...alsoWanted]);
  const earlier = new Map<number, FoundObject[]>();
  if (wanted.size > 0) {
    for (const o of objectsIn(text, 0, from, (n) => wanted.has(n))) {
      const list = earlier.get(o.num) ?? [];
      list.push(o);
      earlier.set(o.num, list);
    }
  }
  return { later, earlier, truncated };
}

/**
 * The changes made after `end` (the end of a signed revision) that are not countersigning, in
 * words; empty when the later revisions only:
 * - add signature dictionaries and signature fields (or fill an existing empty one), with
 *   appearance streams and resources reachable only from those fields' /AP;
 * - add a DSS (validation data) and objects reachable from it;
 * - replace the catalog to add /AcroForm or /DSS, the AcroForm to add fields to /Fields and set
 *   /SigFlags, a page to add the new signature fields to /Annots — nothing else in them;
 * - write cross-reference tables whose entries point at those objects and trailers naming the
 *   same /Root and /Info.
 */
function changesAfterEnd(text: string, end: number, defs: Definitions): string[] {
  const problems: string[] = [];
  const objects = defs.later.filter((o) => o.offset >= end);
  if (defs.truncated) {
    // Conservative and bounded: that many later objects are not countersigning.
    problems.push(
      `more than ${MAX_LATER_OBJECTS} objects are added or replaced after signing (not examined one by one)`,
    );
  }

  // The signed state: the last definition of each object before `end`.
  const before = new Map<number, string>();
  for (const [num, list] of defs.earlier) {
    for (const o of list) if (o.offset < end) before.set(num, dictPart(o.body));
  }
  for (const o of defs.later) if (o.offset < end) before.set(o.num, dictPart(o.body));

  const root = lastRefBefore(text, 'Root', end);
  const info = lastRefBefore(text, 'Info', end);
  const rootNum = root ? Number(root.split(' ')[0]) : null;
  const signedRootDict = rootNum !== null ? before.get(rootNum) : undefined;
  const signedAcroForm = signedRootDict
    ? REF_VALUE('AcroForm').exec(signedRootDict)?.[1]
    : undefined;
  const isNew = (num: number) => !before.has(num);

  // Signature fields added: every later definition of the number is one.
  const kindOf = new Map<FoundObject, Kind>(objects.map((o) => [o, classify(o.body)]));
  const kindsOf = new Map<number, Set<Kind>>();
  for (const o of objects) {
    const set = kindsOf.get(o.num) ?? new Set<Kind>();
    set.add(kindOf.get(o)!);
    kindsOf.set(o.num, set);
  }
  const addedFields = new Set(
    [...kindsOf].filter(([, k]) => k.size === 1 && k.has('signature field')).map(([num]) => num),
  );
  // Roots of what may be added freely: the appearances of added signature fields, DSS data.
  const roots: number[] = [];
  const acroForms = new Set<number>(signedAcroForm ? [Number(signedAcroForm)] : []);
  const bodies = new Map<number, string>();
  for (const o of objects) {
    const dict = dictPart(o.body);
    bodies.set(o.num, dict);
    const kind = kindOf.get(o)!;
    if (kind === 'signature field' && addedFields.has(o.num)) {
      const ap = /\/AP\s*<<([^>]*)>>/.exec(dict);
      if (ap) roots.push(...refsIn(ap[1]!));
      const apRef = REF_VALUE('AP').exec(dict);
      if (apRef) roots.push(Number(apRef[1]));
    }
    if (kind === 'DSS') roots.push(...refsIn(dict));
    if (kind === 'catalog' && o.num === rootNum) {
      const acro = REF_VALUE('AcroForm').exec(dict);
      if (acro) acroForms.add(Number(acro[1]));
    }
  }
  const reachable = new Set<number>();
  const queue = [...roots];
  while (queue.length > 0) {
    const n = queue.pop()!;
    if (reachable.has(n) || !isNew(n) || !bodies.has(n)) continue;
    reachable.add(n);
    queue.push(...refsIn(bodies.get(n)!));
  }

  const onlyNewFields = (added: number[], what: string) => {
    const foreign = added.filter((r) => !addedFields.has(r));
    if (foreign.length > 0)
      problems.push(
        `${what} gains references to object(s) ${foreign.join(', ')}, which are not signature fields added after signing`,
      );
  };

  for (const o of objects) {
    const dict = dictPart(o.body);
    const kind = kindOf.get(o)!;
    const prev = before.get(o.num);
    const label = `object ${o.num} ${o.gen}`;
    if (acroForms.has(o.num) && kind !== 'signature field' && kind !== 'signature') {
      const fields = arrayRefs(dict, 'Fields');
      const prevFields = prev === undefined ? null : arrayRefs(prev, 'Fields');
      if (fields === 'indirect' || prevFields === 'indirect') {
        problems.push(
          `${label} (the AcroForm) has an indirect /Fields array, which is not checked`,
        );
        continue;
      }
      const keys = ['Fields', 'SigFlags', 'Type'];
      if (without(dict, keys) !== (prev === undefined ? '<<>>' : without(prev, keys)))
        problems.push(`${label} (the AcroForm) is changed beyond adding signature fields`);
      const was = prevFields ?? [];
      const now = fields ?? [];
      if (was.some((r) => !now.includes(r)))
        problems.push(`${label} (the AcroForm) loses form fields`);
      onlyNewFields(
        now.filter((r) => !was.includes(r)),
        `${label} (the AcroForm)`,
      );
      continue;
    }
    switch (kind) {
      case 'signature':
        if (prev !== undefined)
          problems.push(`${label}: an existing object is replaced by a signature dictionary`);
        break;
      case 'signature field':
        if (prev !== undefined && !(classify(prev) === 'signature field' && !/\/V\s/.test(prev)))
          problems.push(`${label}: an existing object is replaced by a signature field`);
        break;
      case 'catalog':
        if (o.num !== rootNum) problems.push(`${label}: a new document catalog is added`);
        else if (
          prev === undefined ||
          without(dict, ['AcroForm', 'DSS']) !== without(prev, ['AcroForm', 'DSS'])
        )
          problems.push(
            `${label}: the document catalog is changed beyond adding /AcroForm or /DSS`,
          );
        break;
      case 'page': {
        if (prev === undefined || classify(prev) !== 'page') {
          problems.push(`${label}: a page is added`);
          break;
        }
        if (without(dict, ['Annots']) !== without(prev, ['Annots'])) {
          problems.push(`${label}: a page is changed (beyond adding signature fields to /Annots)`);
          break;
        }
        const annots = arrayRefs(dict, 'Annots');
        const prevAnnots = arrayRefs(prev, 'Annots');
        if (annots === 'indirect' || prevAnnots === 'indirect') {
          problems.push(`${label}: a page's indirect /Annots array is not checked`);
          break;
        }
        const was = prevAnnots ?? [];
        const now = annots ?? [];
        if (was.some((r) => !now.includes(r))) problems.push(`${label}: a page loses annotations`);
        onlyNewFields(
          now.filter((r) => !was.includes(r)),
          `${label} (a page)`,
        );
        break;
      }
      case 'DSS':
        if (prev !== undefined && classify(prev) !== 'DSS')
          problems.push(`${label}: an existing object is replaced by a DSS`);
        break;
      case 'page tree':
        problems.push(`${label}: the page tree is ${prev === undefined ? 'extended' : 'changed'}`);
        break;
      case 'cross-reference stream':
      case 'object stream':
        problems.push(`${label}: a later revision uses a ${kind}, whose contents are not checked`);
        break;
      case 'AcroForm':
      case 'content or other object':
        if (prev === undefined && reachable.has(o.num)) break;
        problems.push(
          prev === undefined
            ? `${label}: a content or other object is added`
            : `${label}: an existing object is replaced (content, resources or other)`,
        );
        break;
    }
  }

  // Cross-reference tables of the later revisions: only entries for the objects seen above.
  const headerAt = new Map(objects.map((o) => [o.offset, o.num]));
  const xrefRe = /(?:^|[\r\n])xref[ \t]*\r?\n/g;
  xrefRe.lastIndex = Math.max(0, end - 1);
  for (let m = xrefRe.exec(text); m !== null; m = xrefRe.exec(text)) {
    const start = m.index + m[0].length;
    const trailerAt = text.indexOf('trailer', start);
    const table = text.slice(
      start,
      trailerAt < 0 ? Math.min(text.length, start + OBJECT_WINDOW) : trailerAt,
    );
    const lines = table
      .split(/\r\n|\r|\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    let i = 0;
    while (i < lines.length) {
      const sub = /^(\d{1,10})\s+(\d{1,7})$/.exec(lines[i]!);
      if (!sub) {
        problems.push('a later cross-reference table is malformed');
        break;
      }
      const first = Number(sub[1]);
      const count = Number(sub[2]);
      for (let k = 0; k < count; k++) {
        const e = /^(\d{10})\s+(\d{5})\s+([nf])$/.exec(lines[i + 1 + k] ?? '');
        const num = first + k;
        if (!e) {
          problems.push('a later cross-reference table is malformed');
          break;
        }
        if (e[3] === 'f') {
          if (num !== 0) problems.push(`a later revision deletes object ${num}`);
        } else if (!defs.truncated && headerAt.get(Number(e[1])) !== num) {
          problems.push(
            `a later cross-reference table points object ${num} at bytes that are not its later definition`,
          );
        }
      }
      i += 1 + count;
    }
    if (trailerAt >= 0) {
      const trailer = text.slice(trailerAt, Math.min(text.length, trailerAt + 4096));
      const stop = trailer.indexOf('startxref');
      const dict = stop < 0 ? trailer : trailer.slice(0, stop);
      const r = /\/Root\s*(\d{1,10})\s+(\d{1,5})\s+R/.exec(dict);
      const inf = /\/Info\s*(\d{1,10})\s+(\d{1,5})\s+R/.exec(dict);
      if (!r || `${r[1]} ${r[2]}` !== root)
        problems.push('a later revision names another document catalog');
      if ((inf ? `${inf[1]} ${inf[2]}` : null) !== info)
        problems.push('a later revision names another Info dictionary');
      if (/\/Encrypt\b/.test(dict)) problems.push('a later revision adds encryption');
    }
  }
  const sx = /startxref\s+(\d{1,15})/g;
  sx.lastIndex = end;
  for (let m = sx.exec(text); m !== null; m = sx.exec(text)) {
    const at = Number(m[1]);
    if (at < end || text.slice(at, at + 4) !== 'xref')
      problems.push(
        'a later revision points at a cross-reference section outside the later revisions',
      );
  }
  return [...new Set(problems)];
}

/**
 * For each revision end in `ends` (where a signature's byte range stops), the changes the later
 * revisions made that are not countersigning (see changesAfterEnd); an empty list for the end of
 * the file. The file's objects are scanned once, whatever the number of signatures.
 */
export function changesAfterRevisions(text: string, ends: number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const earlier = ends.filter((e) => e < text.length);
  for (const e of ends) if (e >= text.length) out.set(e, []);
  if (earlier.length === 0) return out;
  // The catalogs of the signed revisions are compared even when no later revision replaces them.
  const roots = earlier
    .map((e) => lastRefBefore(text, 'Root', e))
    .filter((r): r is string => r !== null)
    .map((r) => Number(r.split(' ')[0]));
  const defs = definitions(text, Math.min(...earlier), roots);
  for (const e of earlier) {
    if (out.has(e)) continue;
    const changes = changesAfterEnd(text, e, defs);
    // A report lists the first changes; a file with 200k added objects needs no 200k lines.
    out.set(
      e,
      changes.length > MAX_LISTED_CHANGES
        ? [
            ...changes.slice(0, MAX_LISTED_CHANGES),
            `… and ${changes.length - MAX_LISTED_CHANGES} more changes`,
          ]
        : changes,
    );
  }
  return out;
}
