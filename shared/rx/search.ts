/**
 * Formulary search for the drafting UI: by pinyin initials ("aldp"), Chinese name ("氨氯"), or English
 * INN / synonym ("norv"). A linear scan over a prepared index: a formulary is a few thousand names at
 * most, and the bench (`rx.formulary_search_p95_ms`) keeps an eye on it.
 */
import type { Drug } from './knowledge/schema';

interface SearchEntry {
  drug: Drug;
  /** Lower-cased English names: INN first, then code and synonyms. */
  latin: readonly string[];
  zh: string;
  initials: string;
}

export interface SearchIndex {
  entries: readonly SearchEntry[];
}

export interface FormularyHit {
  code: string;
  inn: string;
  nameZh: string;
  /** The name that matched, for highlighting. */
  matched: string;
  matchedBy: 'pinyin' | 'zh' | 'en';
  score: number;
  drug: Drug;
}

export function buildSearchIndex(drugs: readonly Drug[]): SearchIndex {
  return {
    entries: drugs.map((drug) => ({
      drug,
      latin: [drug.inn, drug.code, ...drug.synonyms].map((n) => n.toLowerCase()),
      zh: drug.nameZh,
      initials: drug.pinyinInitials.toLowerCase(),
    })),
  };
}

/** Higher is better: exact beats prefix beats word-start beats substring; shorter names win ties. */
function scoreName(name: string, q: string): number {
  if (name === q) return 100;
  if (name.startsWith(q)) return 80 - Math.min(name.length - q.length, 20) / 2;
  const at = name.indexOf(q);
  if (at < 0) return 0;
  const wordStart = /[\s\-/(]/.test(name[at - 1] ?? '');
  return (wordStart ? 60 : 40) - Math.min(name.length, 20) / 2;
}

const hasHan = /\p{Script=Han}/u;

export function searchFormulary(index: SearchIndex, query: string, options: { limit?: number } = {}): FormularyHit[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const limit = options.limit ?? 20;
  const hits: FormularyHit[] = [];
  const zhQuery = hasHan.test(q);
  for (const e of index.entries) {
    let best: Omit<FormularyHit, 'code' | 'inn' | 'nameZh' | 'drug'> | null = null;
    if (zhQuery) {
      const s = scoreName(e.zh, q);
      if (s > 0) best = { matched: e.drug.nameZh, matchedBy: 'zh', score: s };
    } else {
      // Pinyin initials are only ever typed from the start ("aldp", "ald").
      if (e.initials.startsWith(q)) best = { matched: e.drug.nameZh, matchedBy: 'pinyin', score: e.initials === q ? 95 : 75 };
      e.latin.forEach((name, i) => {
        const s = scoreName(name, q) - (i === 0 ? 0 : 1);
        if (s > 0 && (best === null || s > best.score)) best = { matched: i === 0 ? e.drug.inn : (i === 1 ? e.drug.code : e.drug.synonyms[i - 2]!), matchedBy: 'en', score: s };
      });
    }
    if (best) hits.push({ code: e.drug.code, inn: e.drug.inn, nameZh: e.drug.nameZh, drug: e.drug, ...best });
  }
  hits.sort((a, b) => b.score - a.score || a.inn.length - b.inn.length || a.code.localeCompare(b.code));
  return hits.slice(0, limit);
}
