/**
 * What the form shows: which fields are enabled (enableWhen, or the SDC enableWhenExpression in
 * FHIRPath) and the calculated values (SDC calculatedExpression, FHIRPath), recomputed to a fixed
 * point because a calculated value may enable a field and an enabled field may feed a calculation.
 * FHIRPath runs on the `fhirpath` library against the QuestionnaireResponse built so far
 * (%resource), as the SDC implementation guide defines these expressions.
 */
import fhirpath from 'fhirpath';
import r4Model from 'fhirpath/fhir-context/r4';
import type { AnswerValue, Answers } from './answers';
import { questionnaireResponse } from './response';
import type { Comparable, Condition, FieldDef, Template } from './template';

export interface FormState {
  enabled: ReadonlySet<string>;
  /** The answers with calculated fields replaced by their computed value (or removed). */
  answers: Answers;
}

function compare(value: AnswerValue, c: Condition): boolean {
  const a: Comparable = value;
  const b = c.answer;
  switch (c.operator) {
    case '=':
      return a === b;
    case '!=':
      return a !== b;
    case '>':
      return typeof a === typeof b && a > b;
    case '<':
      return typeof a === typeof b && a < b;
    case '>=':
      return typeof a === typeof b && a >= b;
    case '<=':
      return typeof a === typeof b && a <= b;
    case 'exists':
      return true;
  }
}

/** R4 enableWhen: a question without an answer satisfies only `exists = false`. */
function holds(c: Condition, values: AnswerValue[]): boolean {
  if (c.operator === 'exists') return (values.length > 0) === (c.answer === true);
  return values.some((v) => compare(v, c));
}

const draftMeta = { id: 'evaluation', status: 'in-progress', patientId: 'p', encounterId: 'e', authorId: 'a', authored: '1970-01-01T00:00:00Z' } as const;

/** Parsed once per expression: the templates are few and their expressions fixed. */
const compiled = new Map<string, (resource: unknown, env: Record<string, unknown>) => unknown>();
function compiledExpression(expression: string) {
  let fn = compiled.get(expression);
  if (!fn) {
    fn = fhirpath.compile(expression, r4Model) as (resource: unknown, env: Record<string, unknown>) => unknown;
    compiled.set(expression, fn);
  }
  return fn;
}

function evaluateFhirpath(template: Template, answers: Answers, enabled: ReadonlySet<string>, expression: string): unknown[] {
  const resource = questionnaireResponse(template, answers, (id) => enabled.has(id), draftMeta);
  try {
    const result = compiledExpression(expression)(resource, { resource });
    return Array.isArray(result) ? (result as unknown[]) : [];
  } catch {
    // An expression over incomplete input (e.g. a missing height) is "no value", never a crash.
    return [];
  }
}

function calculatedValue(field: FieldDef, result: unknown[]): AnswerValue[] {
  const [first] = result;
  if (field.type === 'boolean') return typeof first === 'boolean' ? [first] : [];
  if (field.type === 'decimal' || field.type === 'integer') {
    const n = typeof first === 'number' ? first : Number.NaN;
    if (!Number.isFinite(n)) return [];
    return [field.type === 'integer' ? Math.round(n) : n];
  }
  return typeof first === 'string' ? [first] : [];
}

export function evaluateForm(template: Template, input: Answers): FormState {
  let answers: Answers = { ...input };
  let enabled = new Set<string>();
  for (let round = 0; round <= template.fields.length; round++) {
    const nextEnabled = new Set<string>();
    for (const f of template.fields) {
      if (f.parent !== null && !nextEnabled.has(f.parent)) continue;
      const valuesOf = (q: string) => (enabled.has(q) || nextEnabled.has(q) ? (answers[q] ?? []) : []);
      let on = true;
      if (f.enableWhen.length > 0) {
        const results = f.enableWhen.map((c) => holds(c, valuesOf(c.question)));
        on = f.enableBehavior === 'all' ? results.every(Boolean) : results.some(Boolean);
      }
      if (on && f.enableExpression) on = evaluateFhirpath(template, answers, enabled, f.enableExpression)[0] === true;
      if (on) nextEnabled.add(f.linkId);
    }
    const next: Answers = { ...answers };
    for (const f of template.fields.filter((x) => x.calculated)) {
      const value = nextEnabled.has(f.linkId) ? calculatedValue(f, evaluateFhirpath(template, answers, nextEnabled, f.calculated!)) : [];
      if (value.length > 0) next[f.linkId] = value;
      else delete next[f.linkId];
    }
    const stable = sameSet(enabled, nextEnabled) && JSON.stringify(next) === JSON.stringify(answers);
    enabled = nextEnabled;
    answers = next;
    if (stable) break;
  }
  return { enabled, answers };
}

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((x) => b.has(x));
