import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditQuery, AuditQueryResponse } from '../../../../shared/audit/query';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api';
import { errorText } from '../../i18n';
import { AuditEventTable } from './AuditEventTable';
import { saveText } from './saveText';

type Filters = Pick<AuditQuery, 'patientId' | 'userId' | 'deviceId' | 'action' | 'from' | 'to'>;
const filterFields = ['patientId', 'userId', 'deviceId', 'action'] as const;

/** A datetime-local value (the admin's local time) as an ISO instant, or nothing. */
const instant = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

/**
 * The admin's audit view (issue 12): the trail of every device, asked from the hospital server by
 * patient, user, device, action and time range, a page at a time, and exported as CSV. Main
 * validates the filters and audits both the query and the export.
 */
export function AuditPanel() {
  const { t } = useTranslation();
  const [form, setForm] = useState<Record<(typeof filterFields)[number] | 'from' | 'to', string>>({ patientId: '', userId: '', deviceId: '', action: '', from: '', to: '' });
  const [result, setResult] = useState<AuditQueryResponse | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [exported, setExported] = useState<{ rows: number; truncated: boolean } | null>(null);

  const filters = (): Filters => {
    const chosen: Filters = {};
    for (const field of filterFields) if (form[field].trim()) chosen[field] = form[field].trim();
    const from = instant(form.from);
    const to = instant(form.to);
    return { ...chosen, ...(from ? { from } : {}), ...(to ? { to } : {}) };
  };
  const search = async (page: number) => {
    setError(null);
    const answer = await invoke('audit:query', { ...filters(), page, pageSize: 50 });
    if (!answer.ok) return setError(answer.error);
    setResult(answer.value);
  };
  const exportCsv = async () => {
    setError(null);
    const answer = await invoke('audit:export', { ...filters(), page: 1, pageSize: 50 });
    if (!answer.ok) return setError(answer.error);
    saveText(answer.value.csv, `caredesk-audit-${new Date().toISOString().slice(0, 10)}.csv`, 'text/csv');
    setExported({ rows: answer.value.rows, truncated: answer.value.truncated });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void search(1);
  };

  return (
    <section className="panel" data-testid="audit-panel">
      <h3>{t('audit.title')}</h3>
      <form className="audit-filters" onSubmit={submit}>
        {filterFields.map((field) => (
          <label key={field}>
            {t(`audit.filter.${field}`)}
            <input name={field} value={form[field]} maxLength={100} onChange={(e) => setForm({ ...form, [field]: e.target.value })} />
          </label>
        ))}
        <label>
          {t('audit.filter.from')}
          <input name="from" type="datetime-local" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} />
        </label>
        <label>
          {t('audit.filter.to')}
          <input name="to" type="datetime-local" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} />
        </label>
        <button type="submit">{t('audit.search')}</button>
        <button type="button" onClick={() => void exportCsv()}>
          {t('audit.export')}
        </button>
      </form>
      {error && (
        <p className="error" role="alert" data-error-code={error.code}>
          {errorText(error)}
        </p>
      )}
      {exported && (
        <p className="notice" role="status" data-testid="audit-exported">
          {t(exported.truncated ? 'audit.exportedTruncated' : 'audit.exported', { count: exported.rows })}
        </p>
      )}
      {result && (
        <>
          <AuditEventTable events={result.events} />
          <nav className="audit-pages">
            <button type="button" disabled={result.page <= 1} onClick={() => void search(result.page - 1)}>
              {t('audit.previous')}
            </button>
            <span>{t('audit.page', { page: result.page })}</span>
            <button type="button" disabled={!result.more} onClick={() => void search(result.page + 1)}>
              {t('audit.next')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
