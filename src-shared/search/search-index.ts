/**
 * The offline full-text index over the local store (MiniSearch), kept up to date one record at a
 * time: the renderer feeds it every insert, update and deletion from the RxDB change streams, so
 * nothing is rebuilt per keystroke or per change.
 */
import MiniSearch from 'minisearch';
import type { SearchOptions } from 'minisearch';
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

const STORED = ['kind', 'recordId', 'customerId', 'title', 'subtitle', 'route'] as const;

/** Prefix search for the word being typed, and for a lone CJK character (it starts bigrams). */
function prefixOf(term: string, i: number, terms: string[]): boolean {
  if (isCjkTerm(term)) return term.length === 1;
  // A one-character Latin prefix ("1", "a") expands to thousands of terms and finds noise.
  return i === terms.length - 1 && term.length >= 2;
}

const BASE_OPTIONS: SearchOptions = {
  // Terms are already normalised by the tokenizers (lowercase words, CJK characters as is).
  processTerm: (term) => term,
  // Every term must occur: a Chinese word is several bigrams, all of which must match.
  combineWith: 'AND',
  prefix: prefixOf,
  fuzzy: false,
  boost: { name: 3, codes: 2 },
};

/**
 * The passes of a query, most selective first; the first pass with results wins. Identifiers
 * whole, then split into parts, then with typos allowed in longer Latin words (one edit per five
 * characters). Fuzzy matching walks the whole vocabulary, so it runs only when nothing else hit.
 */
const PASSES: readonly SearchOptions[] = [
  { ...BASE_OPTIONS, tokenize: (q) => tokenizeQuery(q, 'whole') },
  { ...BASE_OPTIONS, tokenize: (q) => tokenizeQuery(q, 'parts') },
  {
    ...BASE_OPTIONS,
    tokenize: (q) => tokenizeQuery(q, 'parts'),
    fuzzy: (term) => (!isCjkTerm(term) && term.length >= 5 ? 0.2 : false),
    maxFuzzy: 2,
  },
];

export class SearchIndex {
  private readonly index: MiniSearch<SearchDoc>;

  constructor() {
    this.index = new MiniSearch<SearchDoc>({
      // `name` is the searched title (see SearchDoc.titleInBody); `title` is only stored.
      fields: ['name', 'codes', 'body'],
      extractField: (doc, field) => {
        if (field === 'name') return doc.titleInBody === true ? '' : doc.title;
        return (doc as unknown as Record<string, string | undefined>)[field];
      },
      storeFields: [...STORED],
      tokenize,
      processTerm: (term) => term,
    });
  }

  /** Entries in the index. */
  get size(): number {
    return this.index.documentCount;
  }

  has(id: string): boolean {
    return this.index.has(id);
  }

  /** Adds the entry, or replaces the one with the same id. */
  upsert(doc: SearchDoc): void {
    if (this.index.has(doc.id)) this.index.discard(doc.id);
    this.index.add(doc);
  }

  /** Removes the entry with this id; an id not in the index is ignored. */
  remove(id: string): void {
    if (this.index.has(id)) this.index.discard(id);
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
   * Adds many entries (the initial load) in chunks, yielding to the event loop between them so a
   * window stays responsive while 50,000 log entries are indexed. Entries already present are
   * replaced.
   */
  async addAllAsync(docs: readonly SearchDoc[], chunkSize = 500): Promise<void> {
    const fresh: SearchDoc[] = [];
    for (const doc of docs) {
      if (this.index.has(doc.id)) this.index.discard(doc.id);
      fresh.push(doc);
    }
    await this.index.addAllAsync(fresh, { chunkSize });
  }

  /**
   * The best `limit` entries for `query` (all its terms must match, the last one as a prefix),
   * best first; an empty or punctuation-only query gives no results.
   */
  search(query: string, limit = SEARCH_LIMIT_DEFAULT): SearchHit[] {
    const q = query.slice(0, SEARCH_QUERY_MAX);
    if (tokenizeQuery(q).length === 0) return [];
    let results: ReturnType<MiniSearch<SearchDoc>['search']> = [];
    for (const [i, options] of PASSES.entries()) {
      if (i === 1 && !hasCompound(q)) continue;
      results = this.index.search(q, options);
      if (results.length > 0) break;
    }
    return results.slice(0, limit).map((r) => ({
      id: String(r.id),
      kind: r['kind'] as SearchKind,
      recordId: r['recordId'] as string,
      customerId: r['customerId'] as string,
      title: r['title'] as string,
      subtitle: r['subtitle'] as string,
      route: r['route'] as string,
      score: r.score,
    }));
  }
}
