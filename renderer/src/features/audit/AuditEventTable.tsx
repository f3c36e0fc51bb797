import { useTranslation } from 'react-i18next';
import type { AuditEventView } from '../../../../shared/audit/query';

/** Audit events as a table: when, who, where, what, about whom. Details stay ids and codes. */
export function AuditEventTable({ events }: { events: readonly AuditEventView[] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <p className="muted" data-testid="audit-empty">{t('audit.empty')}</p>;
  return (
    <table className="audit-events" data-testid="audit-events">
      <thead>
        <tr>
          <th>{t('audit.column.at')}</th>
          <th>{t('audit.column.user')}</th>
          <th>{t('audit.column.device')}</th>
          <th>{t('audit.column.action')}</th>
          <th>{t('audit.column.subject')}</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={`${e.deviceId}:${e.seq}`} data-action={e.action}>
            <td>{new Date(e.at).toLocaleString()}</td>
            <td>{e.userAccount ?? e.userId}</td>
            <td>{e.deviceName}</td>
            <td>{e.action}</td>
            <td>{e.subject}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
