/**
 * The offline full-text index over the local store, kept up to date one record at a time: the
 * renderer feeds it every insert, update and deletion from the RxDB change streams, so nothing is
 * rebuilt per keystroke or per change.
 *
 * It is a small inverted index of our own rather than a general library, because the queries
 * engineers type most ("kubectl get", "notready") match a third of 50,000 log entries, and a
 * library that builds a result object per match spent 100–150 ms on them. Here:
 * - every term keeps its postings as parallel arrays (entry number, weighted term frequency),
 *   appended in entry order, so adding an entry never reorders anything;
 * - a query combines its terms with AND, starting from the rarest, so the work is bounded by the
 *   smallest posting list, not by the number of matches;
 * - only the best `limit` entries become result objects.
 * Ranking is BM25 over the weighted term frequency (a name counts 3×, an identifier 2×).
 */
import type { CollectionName, DocByCollection } from '../db/types';
import { toSearchDoc } from './search-docs';
import type { SearchDoc, SearchKind } from './search-docs';
import { hasCompound, isCjkTerm, tokenize, tokenizeQuery } from './tokenize';

/** A result: the stored fields of the entry and its score (higher is better). */
export interface SearchHit {
  id: string;
  kind: SearchKind;
  recordId: string;
  customerId: string;
  title: string;
  subtitle: string;
  route: string;
  score: number;
}

/** The most results a query returns (a palette shows a screenful). */
export const SEARCH_LIMIT_DEFAULT = 50;

/** Longest query accepted, in characters: longer input is cut (it cannot be a useful query). */
export const SEARCH_QUERY_MAX = 200;

/** Field weights in the term frequency. */
const WEIGHT = { name: 3, codes: 2, body: 1 } as const;

/** BM25 parameters (the usual ones). */
const K1 = 1.2;
const B = 0.7;

/** How much a term found by prefix or by a typo counts against the term itself. */
const PREFIX_WEIGHT = 0.4;
const FUZZY_WEIGHT = 0.45;

/** A compaction runs when this many removed entries still sit in the postings. */
const COMPACT_AFTER = 2_000;

/** Up to this many new terms are inserted one by one into the sorted vocabulary; more are merged. */
const INSERT_MAX = 8;

type Stored = Omit<SearchHit, 'score'>;

interface Postings {
  /** Entry numbers, ascending (entries are numbered in the order they were added). */
  docs: number[];
  /** Weighted frequency of the term in each of those entries. */
  tfs: number[];
}

/** One query term's matches: entry number → the best score among the terms it stands for. */
type Matches = Map<number, number>;

/**
 * Prefix search for the word being typed, and for a lone CJK character (it starts bigrams). A
 * one-character Latin prefix ("1", "a") would expand to thousands of terms and find noise.
 */
function usesPrefix(term: string, i: number, terms: readonly string[]): boolean {
  if (isCjkTerm(term)) return term.length === 1;
  return i === terms.length - 1 && term.length >= 2;
}

/** Typos allowed in a Latin term of five or more characters: one per five characters, at most 2. */
function typosAllowed(term: string): number {
  if (isCjkTerm(term) || term.length < 5) return 0;
  return Math.min(2, Math.round(term.length * 0.2));
}

/** Levenshtein distance of `a` and `b` when it is at most `max`, else `max + 1`. */
function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      row.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/** Index of the first element of sorted `xs` that is ≥ `x`. */
function lowerBound<T>(xs: readonly T[], x: T): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The passes of a query, most selective first; the first pass with results wins. */
type Pass = { mode: 'whole' | 'parts'; fuzzy: boolean };
const PASSES: readonly Pass[] = [
  { mode: 'whole', fuzzy: false },
  { mode: 'parts', fuzzy: false },
  // Typos are looked up over the whole vocabulary, so only when nothing else hit.
  { mode: 'parts', fuzzy: true },
];

export class SearchIndex {
  private readonly postings = new Map<string, Postings>();
  /** Stored fields per entry number; null once the entry was removed or replaced. */
  private readonly stored: (Stored | null)[] = [];
  /** Token count per entry number (for BM25's length normalisation). */
  private readonly lengths: number[] = [];
  private readonly numberOf = new Map<string, number>();
  private liveLength = 0;
  private removed = 0;
  /** The vocabulary, sorted, for prefix and typo look-ups; `fresh` holds terms not merged yet. */
  private sorted: string[] = [];
  private fresh: string[] = [];

  /** Entries in the index. */
  get size(): number {
    return this.numberOf.size;
  }

  has(id: string): boolean {
    return this.numberOf.has(id);
  }

  /** Adds the entry, or replaces the one with the same id. */
  upsert(doc: SearchDoc): void {
    this.remove(doc.id);
    const n = this.stored.length;
    const counts = new Map<string, number>();
    let length = 0;
    const count = (text: string, weight: number) => {
      for (const term of tokenize(text)) {
        counts.set(term, (counts.get(term) ?? 0) + weight);
        length++;
      }
    };
    if (doc.titleInBody !== true) count(doc.title, WEIGHT.name);
    count(doc.codes, WEIGHT.codes);
    count(doc.body, WEIGHT.body);
    for (const [term, tf] of counts) {
      let p = this.postings.get(term);
      if (p === undefined) {
        p = { docs: [], tfs: [] };
        this.postings.set(term, p);
        this.fresh.push(term);
      }
      p.docs.push(n);
      p.tfs.push(tf);
    }
    this.stored.push({
      id: doc.id,
      kind: doc.kind,
      recordId: doc.recordId,
      customerId: doc.customerId,
      title: doc.title,
      subtitle: doc.subtitle,
      route: doc.route,
    });
    this.lengths.push(length);
    this.liveLength += length;
    this.numberOf.set(doc.id, n);
  }

  /** Removes the entry with this id; an id not in the index is ignored. */
  remove(id: string): void {
    const n = this.numberOf.get(id);
    if (n === undefined) return;
    this.numberOf.delete(id);
    this.stored[n] = null;
    this.liveLength -= this.lengths[n]!;
    this.removed++;
    if (this.removed >= COMPACT_AFTER && this.removed * 4 >= this.numberOf.size) this.compact();
  }

  /**
   * Applies one stored record's change: a deleted record (`deleted`) leaves the index, any other
   * state replaces its entry. Collections that are not searched are ignored.
   */
  applyRecord<K extends CollectionName>(
    collection: K,
    doc: DocByCollection[K],
    deleted: boolean,
  ): void {
    const entry = toSearchDoc(collection, doc);
    if (entry === null) return;
    if (deleted) this.remove(entry.id);
    else this.upsert(entry);
  }

  /**
   * Adds many entries (the initial load) in chunks, yielding to the event loop between them so
   * the thread stays responsive while 50,000 log entries are indexed. Entries already present
   * are replaced.
   */
  async addAllAsync(docs: readonly SearchDoc[], chunkSize = 500): Promise<void> {
    for (let i = 0; i < docs.length; i += chunkSize) {
      for (const doc of docs.slice(i, i + chunkSize)) this.upsert(doc);
      if (i + chunkSize < docs.length) await new Promise((r) => setTimeout(r, 0));
    }
  }

  /**
   * The best `limit` entries for `query` (all its terms must match, the last one as a prefix),
   * best first; an empty or punctuation-only query gives no results.
   */
  search(query: string, limit = SEARCH_LIMIT_DEFAULT): SearchHit[] {
    const q = query.slice(0, SEARCH_QUERY_MAX);
    if (tokenizeQuery(q).length === 0) return [];
    for (const [i, pass] of PASSES.entries()) {
      if (i === 1 && !hasCompound(q)) continue;
      const hits = this.run(tokenizeQuery(q, pass.mode), pass.fuzzy, limit);
      if (hits.length > 0) return hits;
    }
    return [];
  }

  private run(terms: readonly string[], fuzzy: boolean, limit: number): SearchHit[] {
    const live = this.numberOf.size;
    if (live === 0 || terms.length === 0) return [];
    this.mergeFresh();
    const avgLength = this.liveLength / live || 1;
    // Each query term stands for itself, its completions and (in the typo pass) its near misses.
    const groups = terms.map((term, i) => this.expand(term, usesPrefix(term, i, terms), fuzzy));
    if (groups.some((g) => g.length === 0)) return [];
    const sizeOf = (g: readonly [Postings, number][]) => g.reduce((s, [p]) => s + p.docs.length, 0);
    const order = groups.map((g, i) => ({ g, size: sizeOf(g), i })).sort((a, b) => a.size - b.size);

    let matches: Matches | null = null;
    for (const { g } of order) {
      matches = this.match(g, matches, live, avgLength);
      if (matches.size === 0) return [];
    }
    const ranked = [...matches!].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, limit);
    return ranked.map(([n, score]) => ({ ...this.stored[n]!, score }));
  }

  /** The postings a query term stands for, each with its weight. */
  private expand(term: string, prefix: boolean, fuzzy: boolean): [Postings, number][] {
    const out: [Postings, number][] = [];
    const exact = this.postings.get(term);
    if (exact !== undefined) out.push([exact, 1]);
    if (prefix) {
      for (let i = lowerBound(this.sorted, term); i < this.sorted.length; i++) {
        const t = this.sorted[i]!;
        if (!t.startsWith(term)) break;
        if (t !== term) out.push([this.postings.get(t)!, PREFIX_WEIGHT]);
      }
    }
    const typos = fuzzy ? typosAllowed(term) : 0;
    if (typos > 0) {
      for (const t of this.sorted) {
        if (t === term || (prefix && t.startsWith(term)) || isCjkTerm(t)) continue;
        const d = boundedDistance(term, t, typos);
        if (d <= typos) out.push([this.postings.get(t)!, FUZZY_WEIGHT / (1 + d)]);
      }
    }
    return out;
  }

  /**
   * The entries one query term matches, restricted to `within` when given (AND), each with the
   * score accumulated so far plus the best score of this term.
   */
  private match(
    group: readonly [Postings, number][],
    within: Matches | null,
    live: number,
    avgLength: number,
  ): Matches {
    const out: Matches = new Map();
    for (const [p, weight] of group) {
      const idf = Math.log(1 + (live - p.docs.length + 0.5) / (p.docs.length + 0.5));
      const add = (k: number) => {
        const n = p.docs[k]!;
        if (this.stored[n] === null) return;
        const tf = p.tfs[k]!;
        const norm = tf + K1 * (1 - B + (B * this.lengths[n]!) / avgLength);
        const s = (weight * idf * tf * (K1 + 1)) / norm;
        if (s > (out.get(n) ?? 0)) out.set(n, s);
      };
      if (within === null) {
        for (let k = 0; k < p.docs.length; k++) add(k);
      } else if (within.size * 20 < p.docs.length) {
        // Few candidates against a long list: look each one up (the list is sorted).
        for (const n of within.keys()) {
          const k = lowerBound(p.docs, n);
          if (p.docs[k] === n) add(k);
        }
      } else {
        for (let k = 0; k < p.docs.length; k++) if (within.has(p.docs[k]!)) add(k);
      }
    }
    if (within !== null) for (const [n, s] of out) out.set(n, s + within.get(n)!);
    return out;
  }

  /** Merges the terms added since the last query into the sorted vocabulary. */
  private mergeFresh(): void {
    if (this.fresh.length === 0) return;
    const fresh = this.fresh.sort();
    this.fresh = [];
    if (fresh.length <= INSERT_MAX) {
      for (const t of fresh) this.sorted.splice(lowerBound(this.sorted, t), 0, t);
      return;
    }
    const merged: string[] = [];
    let i = 0;
    let j = 0;
    while (i < this.sorted.length || j < fresh.length) {
      if (j >= fresh.length || (i < this.sorted.length && this.sorted[i]! < fresh[j]!)) {
        merged.push(this.sorted[i++]!);
      } else merged.push(fresh[j++]!);
    }
    this.sorted = merged;
  }

  /** Drops removed entries from the postings, and terms no entry uses any more. */
  private compact(): void {
    for (const [term, p] of this.postings) {
      const docs: number[] = [];
      const tfs: number[] = [];
      for (let k = 0; k < p.docs.length; k++) {
        if (this.stored[p.docs[k]!] === null) continue;
        docs.push(p.docs[k]!);
        tfs.push(p.tfs[k]!);
      }
      if (docs.length === 0) this.postings.delete(term);
      else {
        p.docs = docs;
        p.tfs = tfs;
      }
    }
    this.sorted = this.sorted.filter((t) => this.postings.has(t));
    this.fresh = this.fresh.filter((t) => this.postings.has(t));
    this.removed = 0;
  }
}
