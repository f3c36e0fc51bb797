import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SignatureBadge } from './SignatureBadge';
import type { PrescriptionView } from '../../../../shared/ipc/rxChannels';
import { subscribe } from '../../api';
import { errorText } from '../../i18n';
import { useReadOnly, useSession } from '../auth/sessionStore';
import { ReviewOutcomeLine } from '../review/ReviewOutcomeLine';
import { PrintButton } from '../print/PrintButton';
import { RowActionForm } from './RowActionForm';
import { usePatientRx } from './patientRxStore';
import { drugsOf, useAdr } from '../adr/adrStore';

/** Statuses a prescriber may still withdraw from: not yet sent, or waiting at the pharmacy. */
const voidable: ReadonlySet<PrescriptionView['status']> = new Set(['queued', 'held', 'submitted', 'in-review']);

/**
 * The patient's prescriptions in the summary, with their lifecycle status translated. The
 * prescriber's own ones offer Void (unsent or awaiting review) and Revise (returned by the
 * pharmacist), each with its reason typed inline under the prescription, never in a modal.
 */
export function PatientPrescriptions({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  const { prescriptions, error, loads, action, load, begin } = usePatientRx();
  const session = useSession((s) => s.session);
  const mayPrescribe = session?.roles.includes('physician') ?? false;
  const readOnly = useReadOnly();

  useEffect(() => {
    void load(patientId);
    // A cache of main's data: refreshed when a sync brings prescriptions (a status from the server).
    return subscribe('sync:applied', ({ tables }) => {
      if (tables.includes('prescriptions')) void load(patientId);
    });
  }, [patientId, load]);

  const mine = (p: PrescriptionView) => mayPrescribe && p.authorId !== null && p.authorId === session?.userId;
  return (
    <section className="panel" data-testid="prescriptions" data-loads={loads}>
      <h3>{t('summary.prescriptions')}</h3>
      {error && <p className="error" role="alert">{errorText(error)}</p>}
      {prescriptions.length === 0 ? (
        <p className="muted">{t('summary.empty')}</p>
      ) : (
        <ul>
          {prescriptions.map((p) => (
            <li key={p.id} data-prescription-id={p.id} data-status={p.status}>
              <span>{p.issuedOn}</span> <span className={`tag status-${p.status}`}>{t(`rx.status.${p.status}`)}</span>
              <SignatureBadge check={p.signatureCheck} />
              {p.voidReason && <span className="muted small"> · {t('rx.list.voidedBecause', { reason: p.voidReason })}</span>}
              {p.voidedAt && (p.voidedFromStatus === 'approved' || p.voidedFromStatus === 'dispensed') && (
                <span className="tag alert">{t('rx.list.voidedAfterApproval')}</span>
              )}
              {p.revisedBy && <span className="muted small"> · {t('rx.list.revisedBy')}</span>}
              <ul className="rx-items">
                {p.items.map((item, i) => (
                  <li key={i} lang={zh && item.drugNameZh ? 'zh-CN' : 'en'}>{zh ? item.drugNameZh ?? item.drug : item.drug} {item.dose} {item.frequency} · {t('summary.days', { count: item.days })}</li>
                ))}
              </ul>
              <ReviewOutcomeLine review={p.review} />
              {p.signedAt && <PrintButton kind="prescription" id={p.id} label={t('rxPrint.open')} />}
              {mine(p) && action?.prescriptionId !== p.id && (
                <span className="rx-row-actions">
                  {voidable.has(p.status) && <button className="secondary rx-void" onClick={() => begin(p.id, 'void')}>{t('rx.list.void')}</button>}
                  {p.status === 'returned' && !p.revisedBy && <button className="secondary rx-revise" onClick={() => begin(p.id, 'revise')}>{t('rx.list.revise')}</button>}
                </span>
              )}
              {!readOnly && (
                <button className="link adr-from-rx" onClick={() => useAdr.getState().open({ drugs: drugsOf(p), followUp: null })}>{t('adr.fromPrescription')}</button>
              )}
              {action?.prescriptionId === p.id && <RowActionForm />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
