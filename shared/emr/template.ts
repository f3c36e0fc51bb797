/**
 * EMR templates are FHIR R4 Questionnaires (resources/templates/, issue 11). CareDesk renders and
 * validates the subset below, compiled once into flat field definitions so the renderer, main and
 * the server walk the same structure:
 * - item types group, string, text, integer, decimal, boolean, date, choice (answerOption of
 *   Codings, or answerValueSet naming a ValueSet shipped beside the templates, with its expansion);
 * - `required`, `repeats` (choice only), `readOnly`, `maxLength`;
 * - units: the `questionnaire-unit` extension (UCUM); ranges: `minValue`/`maxValue`;
 * - conditions: `enableWhen` + `enableBehavior`, or the SDC `enableWhenExpression` (FHIRPath);
 * - calculated fields: the SDC `calculatedExpression` (FHIRPath), e.g. BMI;
 * - `carry-forward` (our extension): the answer starts from the patient's last signed record.
 * Texts are zh-CN with an English `translation` extension (FHIR core extension).
 * Anything else makes the template invalid, so nobody signs a form we draw wrong.
 */
import type { Coding, Element, Extension, Questionnaire, QuestionnaireItem, QuestionnaireItemEnableWhen, ValueSet } from 'fhir/r4';

export type Lang = 'zh' | 'en';
export type Texts = Record<Lang, string>;

export type FieldType = 'group' | 'string' | 'text' | 'integer' | 'decimal' | 'boolean' | 'date' | 'choice';
const fieldTypes: readonly string[] = ['group', 'string', 'text', 'integer', 'decimal', 'boolean', 'date', 'choice'];

export interface ChoiceOption {
  system: string;
  code: string;
  display: Texts;
}

export type Comparable = string | number | boolean;
export interface Condition {
  question: string;
  operator: 'exists' | '=' | '!=' | '>' | '<' | '>=' | '<=';
  answer: Comparable;
}

export interface FieldDef {
  linkId: string;
  type: FieldType;
  text: Texts;
  /** The enclosing group's linkId, or null at the top. */
  parent: string | null;
  required: boolean;
  repeats: boolean;
  readOnly: boolean;
  maxLength: number | null;
  unit: { code: string; display: string } | null;
  min: number | null;
  max: number | null;
  options: ChoiceOption[];
  enableWhen: Condition[];
  enableBehavior: 'all' | 'any';
  enableExpression: string | null;
  calculated: string | null;
  carryForward: boolean;
}

export interface Template {
  id: string;
  version: string;
  url: string;
  title: Texts;
  /** Where the content and ranges come from (our `source` extension). */
  sources: string[];
  /** Depth-first, parents before children: the order the form draws them. */
  fields: FieldDef[];
  /** The files it was compiled from, kept to sync and to export as they are. */
  questionnaire: Questionnaire;
}

export const ext = {
  unit: 'http://hl7.org/fhir/StructureDefinition/questionnaire-unit',
  min: 'http://hl7.org/fhir/StructureDefinition/minValue',
  max: 'http://hl7.org/fhir/StructureDefinition/maxValue',
  translation: 'http://hl7.org/fhir/StructureDefinition/translation',
  calculated: 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression',
  enableWhenExpression: 'http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression',
  carryForward: 'https://caredesk.example.cn/fhir/StructureDefinition/carry-forward',
  source: 'https://caredesk.example.cn/fhir/StructureDefinition/source',
} as const;

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

const find = (extensions: Extension[] | undefined, url: string) => extensions?.find((e) => e.url === url);

/** The English translation of a primitive's `_text`-style element, else the zh-CN text itself. */
function texts(zh: string | undefined, element: Element | undefined, where: string): Texts {
  if (!zh) throw new TemplateError(`${where}: text is missing`);
  const translation = element?.extension?.find((e) => e.url === ext.translation && e.extension?.some((p) => p.url === 'lang' && p.valueCode === 'en'));
  const en = translation?.extension?.find((p) => p.url === 'content')?.valueString;
  return { zh, en: en ?? zh };
}

function optionsOf(item: QuestionnaireItem, valueSets: ReadonlyMap<string, ValueSet>): ChoiceOption[] {
  const where = `item ${item.linkId}`;
  const fromCoding = (c: Coding & { _display?: Element }): ChoiceOption => {
    if (!c.code || !c.system) throw new TemplateError(`${where}: an option needs a system and a code`);
    return { system: c.system, code: c.code, display: texts(c.display, c._display, `${where} option ${c.code}`) };
  };
  if (item.answerValueSet) {
    const set = valueSets.get(item.answerValueSet);
    if (!set?.expansion?.contains) throw new TemplateError(`${where}: value set ${item.answerValueSet} is not shipped with an expansion`);
    return set.expansion.contains.map((c) => fromCoding(c as Coding & { _display?: Element }));
  }
  const options = (item.answerOption ?? []).map((o) => {
    if (!o.valueCoding) throw new TemplateError(`${where}: only Coding options are supported`);
    return fromCoding(o.valueCoding);
  });
  if (options.length === 0) throw new TemplateError(`${where}: a choice needs options`);
  return options;
}

function conditionOf(w: QuestionnaireItemEnableWhen, where: string): Condition {
  const answer = w.answerBoolean ?? w.answerInteger ?? w.answerDecimal ?? w.answerString ?? w.answerDate ?? w.answerCoding?.code;
  if (answer === undefined) throw new TemplateError(`${where}: enableWhen needs a boolean, number, string, date or Coding answer`);
  return { question: w.question, operator: w.operator, answer };
}

function numberExt(item: QuestionnaireItem, url: string): number | null {
  const e = find(item.extension, url);
  return e ? (e.valueInteger ?? e.valueDecimal ?? null) : null;
}

function fhirpathExt(item: QuestionnaireItem, url: string): string | null {
  const e = find(item.extension, url);
  if (!e) return null;
  if (e.valueExpression?.language !== 'text/fhirpath' || !e.valueExpression.expression) {
    throw new TemplateError(`item ${item.linkId}: expressions are FHIRPath (text/fhirpath)`);
  }
  return e.valueExpression.expression;
}

/** Compiles a Questionnaire (and the ValueSets its choices name); throws TemplateError with the item at fault. */
export function compileTemplate(questionnaire: Questionnaire, valueSets: readonly ValueSet[] = []): Template {
  if (questionnaire.resourceType !== 'Questionnaire') throw new TemplateError('not a Questionnaire');
  const { id, version, url } = questionnaire;
  if (!id || !version || !url) throw new TemplateError('a template needs an id, a version and a url');
  const sets = new Map(valueSets.flatMap((v) => (v.url ? [[v.url, v] as const] : [])));
  const fields: FieldDef[] = [];
  const seen = new Set<string>();
  const walk = (items: QuestionnaireItem[] | undefined, parent: string | null) => {
    for (const item of items ?? []) {
      const where = `item ${item.linkId}`;
      if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(item.linkId)) throw new TemplateError(`${where}: linkIds are lower-case words joined by hyphens`);
      if (seen.has(item.linkId)) throw new TemplateError(`${where}: the linkId is used twice`);
      seen.add(item.linkId);
      if (!fieldTypes.includes(item.type)) throw new TemplateError(`${where}: type ${item.type} is not supported`);
      const type = item.type as FieldType;
      if (item.repeats && type !== 'choice') throw new TemplateError(`${where}: only choices repeat`);
      if ((type === 'group') !== Boolean(item.item?.length)) throw new TemplateError(`${where}: groups, and only groups, hold items`);
      const unit = find(item.extension, ext.unit)?.valueCoding;
      fields.push({
        linkId: item.linkId,
        type,
        text: texts(item.text, (item as QuestionnaireItem & { _text?: Element })._text, where),
        parent,
        required: item.required === true,
        repeats: item.repeats === true,
        readOnly: item.readOnly === true,
        maxLength: item.maxLength ?? null,
        unit: unit?.code ? { code: unit.code, display: unit.display ?? unit.code } : null,
        min: numberExt(item, ext.min),
        max: numberExt(item, ext.max),
        options: type === 'choice' ? optionsOf(item, sets) : [],
        enableWhen: (item.enableWhen ?? []).map((w) => conditionOf(w, where)),
        enableBehavior: item.enableBehavior ?? 'all',
        enableExpression: fhirpathExt(item, ext.enableWhenExpression),
        calculated: fhirpathExt(item, ext.calculated),
        carryForward: find(item.extension, ext.carryForward)?.valueBoolean === true,
      });
      walk(item.item, item.linkId);
    }
  };
  walk(questionnaire.item, null);
  for (const f of fields) {
    for (const c of f.enableWhen) if (!seen.has(c.question)) throw new TemplateError(`item ${f.linkId}: enableWhen names unknown item ${c.question}`);
  }
  return {
    id,
    version,
    url,
    title: texts(questionnaire.title, (questionnaire as Questionnaire & { _title?: Element })._title, 'title'),
    sources: (questionnaire.extension ?? []).filter((e) => e.url === ext.source).flatMap((e) => (e.valueString ? [e.valueString] : [])),
    fields,
    questionnaire,
  };
}

export const fieldOf = (template: Template, linkId: string): FieldDef | undefined => template.fields.find((f) => f.linkId === linkId);
