import type { FieldErrorCode } from './validation';
import type { FieldDef, Lang } from './template';

type Wording = (field: FieldDef, limit: number | null) => string;

const unit = (f: FieldDef) => (f.unit ? ` ${f.unit.display}` : '');

const zh: Record<Exclude<FieldErrorCode, 'unknown-field'>, Wording> = {
  required: (f) => `请填写“${f.text.zh}”。`,
  'wrong-type': (f) => `“${f.text.zh}”的格式不正确。`,
  'not-integer': (f) => `“${f.text.zh}”须为整数。`,
  'not-a-date': (f) => `“${f.text.zh}”须为有效日期(年-月-日)。`,
  'not-an-option': (f) => `“${f.text.zh}”须从列表中选择。`,
  'too-many': (f) => `“${f.text.zh}”只能选一项。`,
  'below-min': (f, n) => `“${f.text.zh}”不能低于 ${n}${unit(f)}。`,
  'above-max': (f, n) => `“${f.text.zh}”不能高于 ${n}${unit(f)}。`,
  'too-long': (f, n) => `“${f.text.zh}”最多 ${n} 个字。`,
};

const en: Record<Exclude<FieldErrorCode, 'unknown-field'>, Wording> = {
  required: (f) => `${f.text.en} is required.`,
  'wrong-type': (f) => `${f.text.en} has the wrong kind of value.`,
  'not-integer': (f) => `${f.text.en} must be a whole number.`,
  'not-a-date': (f) => `${f.text.en} must be a valid date (YYYY-MM-DD).`,
  'not-an-option': (f) => `${f.text.en} must be one of the listed options.`,
  'too-many': (f) => `${f.text.en} takes one answer.`,
  'below-min': (f, n) => `${f.text.en} cannot be below ${n}${unit(f)}.`,
  'above-max': (f, n) => `${f.text.en} cannot be above ${n}${unit(f)}.`,
  'too-long': (f, n) => `${f.text.en} takes at most ${n} characters.`,
};

export const fieldMessage = (code: Exclude<FieldErrorCode, 'unknown-field'>, field: FieldDef, limit: number | null, lang: Lang): string =>
  (lang === 'en' ? en : zh)[code](field, limit);

export const unknownFieldMessage = (lang: Lang): string => (lang === 'en' ? 'The template has no such field.' : '模板中没有这一项。');
