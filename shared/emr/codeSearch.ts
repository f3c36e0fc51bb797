/**
 * Finding a diagnosis code in a coded item's value set (the ICD-10 picker, issue 11): by code
 * ("I10", "e119" for E11.9), Chinese name ("高血压"), pinyin initials of the Chinese name ("gxy"),
 * or English title ("hypert"). A linear scan over a prepared index: an outpatient value set holds
 * dozens to a few thousand codes. Only codes of the value set are ever offered, so a picked answer
 * is always one the template's validation accepts (validation.ts checks it again in main).
 */
import { pinyin } from 'pinyin-pro';
import type { ChoiceOption, FieldDef } from './template';

export const icd10System = 'http://hl7.org/fhir/sid/icd-10';

/** A choice item coded with ICD-10 (answerValueSet of ICD-10 codes): drawn as the picker, not a list. */
export const isIcd10Field = (field: FieldDef): boolean =>
  field.type === 'choice' && field.options.length > 0 && field.options.every((o) => o.system === icd10System);

interface CodeEntry {
  option: ChoiceOption;
  /** Upper-cased, without the dot: "E119". */
  code: string;
  zh: string;
  en: string;
  /** Pinyin initials of the Chinese name with its digits ("2xtnbbbbfz"), and without them ("xtnbbbbfz"). */
  initials: readonly string[];
}

export interface CodeIndex {
  entries: readonly CodeEntry[];
}

/** Initials as people type them: letters and digits, brackets and dashes dropped. */
function initialsOf(zh: string): string[] {
  const withDigits = pinyin(zh, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  const lettersOnly = withDigits.replace(/[0-9]/g, '');
  return withDigits === lettersOnly ? [withDigits] : [withDigits, lettersOnly];
}

const compactCode = (s: string) => s.toUpperCase().replace(/[.\s]/g, '');

export function buildCodeIndex(options: readonly ChoiceOption[]): CodeIndex {
  return {
    entries: options.map((option) => ({
      option,
      code: compactCode(option.code),
      zh: option.display.zh,
      en: option.display.en.toLowerCase(),
      initials: initialsOf(option.display.zh),
    })),
  };
}

export interface CodeHit {
  option: ChoiceOption;
  matchedBy: 'code' | 'zh' | 'pinyin' | 'en';
  score: number;
}

const hasHan = /\p{Script=Han}/u;

/** Higher is better: whole beats start beats inside a word beats anywhere; shorter names win ties. */
function scoreText(text: string, q: string, base: number): number {
  if (text === q) return base + 10;
  if (text.startsWith(q)) return base + 5 - Math.min(text.length - q.length, 20) / 10;
  const at = text.indexOf(q);
  if (at < 0) return 0;
  const wordStart = /[\s\-/(,]/.test(text[at - 1] ?? '');
  return base - (wordStart ? 10 : 20) - Math.min(text.length, 20) / 10;
}

/** The codes matching `query`, best first; nothing for an empty query. */
export function searchCodes(index: CodeIndex, query: string, limit = 20): CodeHit[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const zhQuery = hasHan.test(q);
  const codeQuery = compactCode(q);
  const hits: CodeHit[] = [];
  for (const e of index.entries) {
    const candidates: Array<Omit<CodeHit, 'option'>> = [];
    if (zhQuery) {
      candidates.push({ matchedBy: 'zh', score: scoreText(e.zh, q, 80) });
    } else {
      // A code is typed from its start: "I1" finds I10 and I11.9, never E11.9.
      if (e.code.startsWith(codeQuery)) candidates.push({ matchedBy: 'code', score: e.code === codeQuery ? 100 : 90 });
      for (const initials of e.initials) candidates.push({ matchedBy: 'pinyin', score: scoreText(initials, q, 70) });
      candidates.push({ matchedBy: 'en', score: scoreText(e.en, q, 60) });
    }
    const best = candidates.reduce<Omit<CodeHit, 'option'> | null>((top, c) => (c.score > 0 && (top === null || c.score > top.score) ? c : top), null);
    if (best) hits.push({ option: e.option, ...best });
  }
  hits.sort((a, b) => b.score - a.score || a.option.code.localeCompare(b.option.code));
  return hits.slice(0, limit);
}
