/**
 * Validation of a record against its template (issue 11): pure, so the workstation's main process
 * checks a record before signing and the hospital server checks it again on arrival, with the same
 * code. Calculated fields are recomputed here, never taken from the renderer; answers to disabled
 * fields are dropped (the form hides them, FHIR R4 Questionnaire: "enableWhen ... the item is not
 * enabled ... its answers are not included"). Each error names the field (linkId).
 */
import type { AnswerValue, Answers } from './answers';
import { evaluateForm } from './evaluate';
import { fieldMessage, unknownFieldMessage } from './messages';
import type { FieldDef, Lang, Template } from './template';

export type FieldErrorCode =
  | 'required'
  | 'unknown-field'
  | 'wrong-type'
  | 'not-integer'
  | 'not-a-date'
  | 'not-an-option'
  | 'too-many'
  | 'below-min'
  | 'above-max'
  | 'too-long';

export interface FieldError {
  linkId: string;
  code: FieldErrorCode;
  message: string;
}

export interface Checked {
  /** What would be signed: trimmed, disabled fields dropped, calculated values recomputed. */
  answers: Answers;
  enabled: ReadonlySet<string>;
  errors: FieldError[];
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

function valueProblem(f: FieldDef, v: AnswerValue): { code: Exclude<FieldErrorCode, 'unknown-field'>; limit: number | null } | null {
  switch (f.type) {
    case 'string':
    case 'text':
      if (typeof v !== 'string') return { code: 'wrong-type', limit: null };
      return f.maxLength !== null && [...v].length > f.maxLength ? { code: 'too-long', limit: f.maxLength } : null;
    case 'integer':
    case 'decimal':
      if (typeof v !== 'number') return { code: 'wrong-type', limit: null };
      if (f.type === 'integer' && !Number.isInteger(v)) return { code: 'not-integer', limit: null };
      if (f.min !== null && v < f.min) return { code: 'below-min', limit: f.min };
      if (f.max !== null && v > f.max) return { code: 'above-max', limit: f.max };
      return null;
    case 'boolean':
      return typeof v === 'boolean' ? null : { code: 'wrong-type', limit: null };
    case 'date':
      return typeof v === 'string' && isDate(v) ? null : { code: 'not-a-date', limit: null };
    case 'choice':
      return typeof v === 'string' && f.options.some((o) => o.code === v) ? null : { code: 'not-an-option', limit: null };
    case 'group':
      return { code: 'wrong-type', limit: null };
  }
}

/** Empty strings are no answer; text is trimmed. */
function tidy(values: AnswerValue[]): AnswerValue[] {
  return values.flatMap((v): AnswerValue[] => (typeof v === 'string' ? (v.trim() ? [v.trim()] : []) : [v]));
}

export function checkRecord(template: Template, input: Answers, lang: Lang): Checked {
  const errors: FieldError[] = [];
  const byId = new Map(template.fields.map((f) => [f.linkId, f]));
  const tidied: Answers = {};
  for (const [linkId, values] of Object.entries(input)) {
    if (!byId.has(linkId)) {
      errors.push({ linkId, code: 'unknown-field', message: unknownFieldMessage(lang) });
      continue;
    }
    const kept = tidy(values);
    if (kept.length > 0) tidied[linkId] = kept;
  }
  const { enabled, answers: evaluated } = evaluateForm(template, tidied);
  const answers: Answers = {};
  for (const f of template.fields) {
    if (!enabled.has(f.linkId) || f.type === 'group') continue;
    const values = evaluated[f.linkId] ?? [];
    const error = (code: Exclude<FieldErrorCode, 'unknown-field'>, limit: number | null = null) => errors.push({ linkId: f.linkId, code, message: fieldMessage(code, f, limit, lang) });
    if (values.length === 0) {
      // A calculated field has no value until its inputs do; their own requirements speak for it.
      if (f.required && !f.calculated) error('required');
      continue;
    }
    if (values.length > 1 && !f.repeats) error('too-many');
    const problem = values.map((v) => valueProblem(f, v)).find((p) => p !== null);
    if (problem) error(problem.code, problem.limit);
    answers[f.linkId] = values;
  }
  return { answers, enabled, errors };
}
