import type { QuestionnaireResponse, QuestionnaireResponseItem, QuestionnaireResponseItemAnswer } from 'fhir/r4';
import type { AnswerValue, Answers } from './answers';
import type { FieldDef, Template } from './template';

function answerOf(field: FieldDef, value: AnswerValue): QuestionnaireResponseItemAnswer | null {
  switch (field.type) {
    case 'string':
    case 'text':
      return typeof value === 'string' ? { valueString: value } : null;
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? { valueInteger: value } : null;
    case 'decimal':
      return typeof value === 'number' ? { valueDecimal: value } : null;
    case 'boolean':
      return typeof value === 'boolean' ? { valueBoolean: value } : null;
    case 'date':
      return typeof value === 'string' ? { valueDate: value } : null;
    case 'choice': {
      const option = field.options.find((o) => o.code === value);
      return option ? { valueCoding: { system: option.system, code: option.code, display: option.display.zh } } : null;
    }
    case 'group':
      return null;
  }
}

/**
 * The answers as a QuestionnaireResponse's items, nested as the template's groups are, only for
 * the fields in `include` (the enabled ones) that have a well-typed answer; empty groups are left out.
 */
export function responseItems(template: Template, answers: Answers, include: (linkId: string) => boolean): QuestionnaireResponseItem[] {
  const build = (parent: string | null): QuestionnaireResponseItem[] =>
    template.fields
      .filter((f) => f.parent === parent && include(f.linkId))
      .flatMap((f): QuestionnaireResponseItem[] => {
        const text = f.text.zh;
        if (f.type === 'group') {
          const item = build(f.linkId);
          return item.length > 0 ? [{ linkId: f.linkId, text, item }] : [];
        }
        const answer = (answers[f.linkId] ?? []).flatMap((v) => answerOf(f, v) ?? []);
        return answer.length > 0 ? [{ linkId: f.linkId, text, answer }] : [];
      });
  return build(null);
}

export interface ResponseMeta {
  id: string;
  status: 'in-progress' | 'completed' | 'amended';
  patientId: string;
  encounterId: string;
  authorId: string;
  authored: string;
}

export const canonicalOf = (template: Pick<Template, 'url' | 'version'>) => `${template.url}|${template.version}`;

export function questionnaireResponse(template: Template, answers: Answers, include: (linkId: string) => boolean, meta: ResponseMeta): QuestionnaireResponse {
  return {
    resourceType: 'QuestionnaireResponse',
    id: meta.id,
    questionnaire: canonicalOf(template),
    status: meta.status,
    subject: { reference: `Patient/${meta.patientId}` },
    encounter: { reference: `Encounter/${meta.encounterId}` },
    author: { reference: `Practitioner/${meta.authorId}` },
    authored: meta.authored,
    item: responseItems(template, answers, include),
  };
}
