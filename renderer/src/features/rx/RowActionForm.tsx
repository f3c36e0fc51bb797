import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { usePatientRx } from './patientRxStore';

/** The reason for a void or a revision, typed under the prescription it concerns. */
export function RowActionForm() {
  const { t } = useTranslation();
  const { action, setReason, cancel, confirm } = usePatientRx();
  if (!action) return null;
  const isVoid = action.kind === 'void';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void confirm();
  };
  return (
    <form className="rx-row-action" data-action={action.kind} onSubmit={submit}>
      <label>
        {t(isVoid ? 'rx.list.voidReason' : 'rx.list.reviseReason')}{' '}
        <input
          name="reason"
          value={action.reason}
          placeholder={t(isVoid ? 'rx.list.voidPlaceholder' : 'rx.list.revisePlaceholder')}
          onChange={(e) => setReason(e.target.value)}
          autoFocus
        />
      </label>{' '}
      <button type="submit" disabled={action.busy || !action.reason.trim()}>{t(isVoid ? 'rx.list.confirmVoid' : 'rx.list.confirmRevise')}</button>{' '}
      <button type="button" className="secondary" onClick={cancel}>{t('rx.list.cancel')}</button>
      {action.error && <p className="error" role="alert">{errorText(action.error)}</p>}
    </form>
  );
}
