import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { usePrint } from './printStore';

/** Opens a signed prescription or record for print; main's refusal shows beside the button. */
export function PrintButton({ kind, id, label }: { kind: 'prescription' | 'record'; id: string; label: string }) {
  const { t } = useTranslation();
  const { loading, error, refusedId, printPrescription, printRecord } = usePrint();
  const busy = loading === id;
  return (
    <>
      <button type="button" className="secondary print-open" data-print-kind={kind} disabled={busy} onClick={() => void (kind === 'prescription' ? printPrescription(id) : printRecord(id))}>
        {busy ? t('app.loading') : label}
      </button>
      {error && refusedId === id && <span className="error" role="alert">{errorText(error)}</span>}
    </>
  );
}
