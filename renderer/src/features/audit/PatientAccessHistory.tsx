import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditQueryResponse } from '../../../../shared/audit/query';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api';
import { errorText } from '../../i18n';
import { useSession } from '../auth/sessionStore';
import { AuditEventTable } from './AuditEventTable';

/**
 * "Who opened this chart" (issue 12): one click from a patient's chart, for an admin only. Shows
 * the newest page of every audited event naming the patient, across devices. Mount it with
 * `<PatientAccessHistory patientId={id} />`; it renders nothing for anyone else.
 */
export function PatientAccessHistory({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const isAdmin = useSession((s) => s.session?.roles.includes('admin') ?? false);
  const [history, setHistory] = useState<AuditQueryResponse | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  if (!isAdmin) return null;
  const show = async () => {
    setError(null);
    const answer = await invoke('audit:query', { patientId, page: 1, pageSize: 50 });
    if (answer.ok) setHistory(answer.value);
    else setError(answer.error);
  };
  return (
    <section className="patient-access" data-testid="patient-access">
      <button type="button" onClick={() => void show()}>
        {t('audit.accessHistory')}
      </button>
      {error && (
        <p className="error" role="alert" data-error-code={error.code}>
          {errorText(error)}
        </p>
      )}
      {history && <AuditEventTable events={history.events} />}
    </section>
  );
}
