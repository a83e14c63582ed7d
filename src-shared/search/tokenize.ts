/**
 * Tokenizer of the offline search index, for Chinese and Latin text alike.
 *
 * A tokenizer that splits on spaces and punctuation leaves a Chinese
 * sentence as one giant "word": "节点磁盘使用率过高" would only be found by typing all of it.
 * Chinese is written without spaces, so runs of CJK characters are cut into overlapping
 * character bigrams (磁盘使用 → 磁盘, 盘使, 使用) plus the run's last character as a unigram,
 * the classic approach of CJK full-text engines that have no dictionary. A query is cut the
 * same way and its terms are combined with AND, so "巡检" matches every text containing 巡检,
 * and a one-character query matches as a prefix of the bigrams that start with it.
 *
 * Other runs of letters and digits become lowercase words. Identifiers joined by `-` `_` `.`
 * `:` `/` (host names, versions, document numbers: `master-01`, `10.0.0.12`,
 * `IR-2026-7K3QZ-0042`) are indexed whole and by their parts, so the whole identifier is one
 * selective term and each part is still found on its own.
 */

const CJK_CLASS = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}';

/** A CJK character (Han with its extensions, kana, Hangul). */
const CJK = new RegExp(`[${CJK_CLASS}]`, 'u');

/** A letter or digit that is not CJK. */
const WORD_CHAR = `(?:(?![${CJK_CLASS}])[\\p{L}\\p{N}])`;

/** A run of CJK characters, or an identifier: words joined by - _ . : / */
const RUN = new RegExp(`[${CJK_CLASS}]+|${WORD_CHAR}+(?:[-_.:/]${WORD_CHAR}+)*`, 'gu');

const PART = new RegExp(`${WORD_CHAR}+`, 'gu');

/** Longest identifier indexed whole (longer ones are still indexed by their parts). */
const COMPOUND_MAX = 64;

function partsOf(run: string): string[] {
  return [...run.matchAll(PART)].map((m) => m[0].toLowerCase());
}

/**
 * The index terms of `text`: CJK bigrams (and each run's last character), lowercase words, and
 * each joined identifier whole. Duplicates are kept (the index counts them as term frequency).
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(RUN)) {
    const run = match[0];
    if (CJK.test(run[0]!)) {
      const chars = [...run];
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
      out.push(chars[chars.length - 1]!);
      continue;
    }
    const parts = partsOf(run);
    out.push(...parts);
    if (parts.length > 1 && run.length <= COMPOUND_MAX) out.push(run.toLowerCase());
  }
  return out;
}

/** How a query treats joined identifiers: as one term (selective), or as their parts. */
export type QueryMode = 'whole' | 'parts';

/**
 * The bigrams that cover a CJK run of 2+ characters without overlap (the last one overlaps
 * when the length is odd): 恢复正常 → 恢复, 正常; 使用率 → 使用, 用率. Each term of an AND query
 * costs a walk over its postings, and the overlapping bigram in between (复正) adds little:
 * a text holding both 恢复 and 正常 but not 恢复正常 is rare, and ranks lower.
 */
function coveringBigrams(chars: readonly string[], out: string[]): void {
  const n = chars.length;
  for (let i = 0; i + 1 < n; i += 2) out.push(chars[i]! + chars[i + 1]!);
  if (n % 2 === 1) out.push(chars[n - 2]! + chars[n - 1]!);
}

/**
 * The terms of a query. A CJK run of two or more characters gives only bigrams covering it (the
 * trailing unigram is implied by the last bigram), so "巡检" is one term, not two. An identifier
 * is one term in `whole` mode and its parts in `parts` mode.
 */
export function tokenizeQuery(query: string, mode: QueryMode = 'whole'): string[] {
  const out: string[] = [];
  for (const match of query.matchAll(RUN)) {
    const run = match[0];
    if (CJK.test(run[0]!)) {
      const chars = [...run];
      if (chars.length === 1) out.push(chars[0]!);
      else coveringBigrams(chars, out);
    } else if (mode === 'whole' && run.length <= COMPOUND_MAX) {
      out.push(run.toLowerCase());
    } else {
      out.push(...partsOf(run));
    }
  }
  return out;
}

/** True when the query has an identifier that `parts` mode would split. */
export function hasCompound(query: string): boolean {
  return tokenizeQuery(query, 'whole').length !== tokenizeQuery(query, 'parts').length;
}

/** True when the term is CJK (bigram or single character): never searched fuzzily. */
export function isCjkTerm(term: string): boolean {
  return CJK.test(term[0] ?? '');
}
