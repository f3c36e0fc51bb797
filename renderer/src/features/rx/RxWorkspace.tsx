import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { ConsultationCheck } from '../face/ConsultationCheck';
import { AllergyBanner } from '../patients/AllergyBanner';
import { DraftCard } from './DraftCard';
import { useRx } from './rxStore';
import { SignedList } from './SignedList';
import { SignPanel } from './SignPanel';

/** Drafting a visit's prescriptions for one patient (issue 4). Works offline: everything is local until synced. */
export function RxWorkspace() {
  const { t } = useTranslation();
  const { patientId, visit, drafts, check, checks, saving, error, lastSigned, open, close, edit, addPrescription } = useRx();
  if (error?.code === 'CONSULTATION_CHECK_REQUIRED' && !visit && patientId)
    return <section className="rx-workspace"><ConsultationCheck onVerified={() => void open(patientId)} onCancel={close} /></section>;
  if (error && !visit) return <section className="rx-workspace"><p className="error" role="alert">{errorText(error)}</p></section>;
  if (!visit) return <section className="rx-workspace muted">{t('app.loading')}</section>;
  const context = visit.context;
  const lead = drafts[0];
  const editVisit = (change: Parameters<typeof edit>[1]) => drafts.forEach((d) => edit(d.id, change));
  return (
    <section className="rx-workspace" data-testid="rx-workspace" data-checks={checks} data-saving={saving}>
      <header className="rx-head">
        <h2>{t('rx.title')}</h2>
        <span className="muted small" data-testid="rx-save-state">{saving ? t('rx.saving') : t('rx.saved')}</span>
        <button className="secondary" onClick={close}>{t('rx.back')}</button>
      </header>
      <AllergyBanner allergies={context.allergies.map((allergen) => ({ allergen }))} />
      <section className="panel rx-context" data-testid="rx-context">
        <p>
          {t('rx.allergies')}: {context.allergies.length ? context.allergies.join('、') : t('rx.noAllergies')} ·{' '}
          {t('rx.activeMeds')}: {context.activeMedications.length ? context.activeMedications.map((m) => m.drug).join('、') : t('rx.none')}
          {context.eGFR && <> · eGFR {context.eGFR.value} ({context.eGFR.takenOn})</>}
        </p>
        {lead && (
          <div className="rx-visit">
            <label>
              {t('rx.chiefComplaint')}
              <input value={lead.content.visit.chiefComplaint} onChange={(e) => editVisit((c) => ({ ...c, visit: { ...c.visit, chiefComplaint: e.target.value } }))} />
            </label>
            <label>
              <input type="checkbox" checked={lead.content.visit.emergency} onChange={(e) => editVisit((c) => ({ ...c, visit: { ...c.visit, emergency: e.target.checked } }))} />
              {t('rx.emergency')}
            </label>
            {context.ageYears < 6 && (
              <label>
                <input type="checkbox" checked={lead.content.visit.guardianPresent === true} onChange={(e) => editVisit((c) => ({ ...c, visit: { ...c.visit, guardianPresent: e.target.checked } }))} />
                {t('rx.guardianPresent')}
              </label>
            )}
            {context.asks.weight && (
              <label>
                {t('rx.weight')}
                <input className="rx-num" inputMode="decimal" value={lead.content.patientFacts.weightKg ?? ''} onChange={(e) => editVisit((c) => ({ ...c, patientFacts: { ...c.patientFacts, weightKg: Number(e.target.value) > 0 ? Number(e.target.value) : null } }))} />
              </label>
            )}
            {context.asks.pregnancy && (
              <>
                <label>
                  <input type="checkbox" checked={lead.content.patientFacts.pregnant === true} onChange={(e) => editVisit((c) => ({ ...c, patientFacts: { ...c.patientFacts, pregnant: e.target.checked } }))} />
                  {t('rx.pregnant')}
                </label>
                <label>
                  <input type="checkbox" checked={lead.content.patientFacts.lactating === true} onChange={(e) => editVisit((c) => ({ ...c, patientFacts: { ...c.patientFacts, lactating: e.target.checked } }))} />
                  {t('rx.lactating')}
                </label>
              </>
            )}
          </div>
        )}
      </section>
      {error && <p className="error" role="alert">{errorText(error)}</p>}
      {check.invalid && <p className="error" role="alert">{check.invalid}</p>}
      {lastSigned && <p className="rx-signed-note" role="status">{t('rx.signedNote')}</p>}
      {drafts.map((d, i) => <DraftCard key={d.id} draft={d} index={i} context={context} check={check} />)}
      <button className="secondary" onClick={() => void addPrescription()}>{t('rx.addPrescription')}</button>
      <SignPanel />
      <SignedList prescriptions={visit.signed} />
    </section>
  );
}
