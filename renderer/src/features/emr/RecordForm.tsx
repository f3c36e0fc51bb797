import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerValue } from '../../../../shared/emr/answers';
import { isIcd10Field } from '../../../../shared/emr/codeSearch';
import { evaluateForm } from '../../../../shared/emr/evaluate';
import type { FieldDef, Template } from '../../../../shared/emr/template';
import { errorText } from '../../i18n';
import { SigningVerification } from '../face/SigningVerification';
import { useEmr } from './emrStore';
import { IcdPicker } from './IcdPicker';
import { textOf } from './text';

/**
 * Our own light renderer for the Questionnaire subset CareDesk uses (shared/emr/template.ts): the
 * shared evaluation decides what is shown and the calculated values, as main will when signing.
 * Errors come from main's check, shown at their field.
 */
export function RecordForm({ template }: { template: Template }) {
  const { t } = useTranslation();
  const { draft, answers, saveState, fieldErrors, signing, error } = useEmr();
  const state = useMemo(() => evaluateForm(template, answers), [template, answers]);
  if (!draft) return null;
  const top = template.fields.filter((f) => f.parent === null);
  return (
    <section className="panel emr-form" aria-label={textOf(template.title)} data-testid="emr-form">
      <header className="emr-form-head">
        <h3>{textOf(template.title)}</h3>
        {draft.previousId && <span className="tag">{t('emr.amending', { reason: draft.amendReason })}</span>}
        <span className="small" role="status" data-testid="emr-autosave" data-state={saveState}>{t(`emr.autosave.${saveState}`)}</span>
      </header>
      {top.map((f) => <Field key={f.linkId} field={f} template={template} enabled={state.enabled} computed={state.answers} />)}
      {fieldErrors.length > 0 && <p className="error" role="alert">{t('emr.fixFields', { count: fieldErrors.length })}</p>}
      {error && <p className="error" role="alert" data-error-code={error.code}>{errorText(error)}</p>}
      <SigningVerification
        blocked={signing}
        faceNow={false}
        sign={(proof) => useEmr.getState().sign(proof)}
        onCancel={() => useEmr.getState().close()}
        confirmLabel={t('emr.sign')}
        cancelLabel={t('emr.closeDraft')}
      />
    </section>
  );
}

function Field({ field, template, enabled, computed }: { field: FieldDef; template: Template; enabled: ReadonlySet<string>; computed: Record<string, AnswerValue[]> }) {
  const { answers, fieldErrors, setAnswer } = useEmr();
  if (!enabled.has(field.linkId)) return null;
  const label = textOf(field.text);
  if (field.type === 'group') {
    return (
      <fieldset className="emr-group" data-link-id={field.linkId}>
        <legend>{label}</legend>
        {template.fields.filter((f) => f.parent === field.linkId).map((f) => <Field key={f.linkId} field={f} template={template} enabled={enabled} computed={computed} />)}
      </fieldset>
    );
  }
  const inputId = `emr-${field.linkId}`;
  const errors = fieldErrors.filter((e) => e.linkId === field.linkId);
  const errorId = errors.length > 0 ? `${inputId}-error` : undefined;
  const values = (field.calculated ? computed[field.linkId] : answers[field.linkId]) ?? [];
  const common = { id: inputId, name: field.linkId, 'aria-invalid': errors.length > 0, 'aria-describedby': errorId, 'aria-required': field.required };
  return (
    <div className="emr-field" data-link-id={field.linkId}>
      <label htmlFor={inputId}>
        {label}
        {field.required && <span aria-hidden="true"> *</span>}
        {field.unit && <span className="small"> ({field.unit.display})</span>}
      </label>
      <Input field={field} values={values} common={common} onChange={(v) => setAnswer(field.linkId, v)} />
      {errorId && <p className="error field-error" id={errorId} role="alert">{errors.map((e) => e.message).join(' ')}</p>}
    </div>
  );
}

type Common = { id: string; name: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined; 'aria-required': boolean };

function Input({ field, values, common, onChange }: { field: FieldDef; values: AnswerValue[]; common: Common; onChange: (values: AnswerValue[]) => void }) {
  const { t } = useTranslation();
  const first = values[0];
  if (field.calculated || field.readOnly) {
    const shown = typeof first === 'boolean' ? t(first ? 'emr.yes' : 'emr.no') : String(first ?? '—');
    return <output id={common.id} data-testid={`emr-calc-${field.linkId}`}>{shown}</output>;
  }
  switch (field.type) {
    case 'text':
      return <textarea {...common} rows={3} maxLength={field.maxLength ?? undefined} value={String(first ?? '')} onChange={(e) => onChange(e.target.value ? [e.target.value] : [])} />;
    case 'string':
      return <input {...common} type="text" maxLength={field.maxLength ?? undefined} value={String(first ?? '')} onChange={(e) => onChange(e.target.value ? [e.target.value] : [])} />;
    case 'date':
      return <input {...common} type="date" value={String(first ?? '')} onChange={(e) => onChange(e.target.value ? [e.target.value] : [])} />;
    case 'integer':
    case 'decimal':
      return (
        <input
          {...common}
          type="number"
          step={field.type === 'integer' ? 1 : 'any'}
          min={field.min ?? undefined}
          max={field.max ?? undefined}
          value={typeof first === 'number' ? first : ''}
          onChange={(e) => onChange(e.target.value === '' || Number.isNaN(e.target.valueAsNumber) ? [] : [e.target.valueAsNumber])}
        />
      );
    case 'boolean':
      return (
        <select {...common} value={first === undefined ? '' : String(first)} onChange={(e) => onChange(e.target.value === '' ? [] : [e.target.value === 'true'])}>
          <option value="">—</option>
          <option value="true">{t('emr.yes')}</option>
          <option value="false">{t('emr.no')}</option>
        </select>
      );
    case 'choice':
      if (isIcd10Field(field)) return <IcdPicker field={field} values={values} common={common} onChange={onChange} />;
      if (field.repeats) {
        return (
          <select {...common} multiple size={Math.min(6, field.options.length)} value={values.map(String)} onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value))}>
            {field.options.map((o) => <option key={o.code} value={o.code}>{textOf(o.display)}</option>)}
          </select>
        );
      }
      return (
        <select {...common} value={String(first ?? '')} onChange={(e) => onChange(e.target.value ? [e.target.value] : [])}>
          <option value="">—</option>
          {field.options.map((o) => <option key={o.code} value={o.code}>{textOf(o.display)}</option>)}
        </select>
      );
    case 'group':
      return null;
  }
}
