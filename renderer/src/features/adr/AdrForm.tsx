import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../i18n';
import { adrOutcomes, adrSeverities, seriousCriteria, type AdrDrug, type AdrReportFields, type SeriousCriterion } from '../../../../shared/adr/report';
import type { PrescriptionView } from '../../../../shared/ipc/rxChannels';
import type { AppError } from '../../../../shared/result';
import { drugsOf, useAdr, type AdrFormSeed } from './adrStore';

const today = () => new Date().toISOString().slice(0, 10);
const typedDrug = (): AdrDrug => ({ role: 'suspected', drugCode: null, name: '', dose: '', route: '', frequency: '', startedOn: null, stoppedOn: null, indication: '', prescriptionId: null });

/**
 * The suspected reaction, in the fields of 《药品不良反应/事件报告表》 (shared/adr/report.ts): the
 * drugs (from this patient's prescriptions, or typed), the reaction, onset, severity, outcome,
 * new or known, serious and why. The rules are main's; a refusal shows its own reason.
 */
export function AdrForm({ patientId, seed, prescriptions }: { patientId: string; seed: AdrFormSeed; prescriptions: PrescriptionView[] }) {
  const { t } = useTranslation();
  const base = seed.followUp?.report;
  const [drugs, setDrugs] = useState<AdrDrug[]>(base?.drugs ?? (seed.drugs.length > 0 ? seed.drugs : [typedDrug()]));
  const [term, setTerm] = useState(base?.term ?? '');
  const [reaction, setReaction] = useState(base?.reaction ?? '');
  const [onsetOn, setOnsetOn] = useState(base?.onsetOn ?? today());
  const [severity, setSeverity] = useState<AdrReportFields['severity']>(base?.severity ?? 'mild');
  const [outcome, setOutcome] = useState<AdrReportFields['outcome']>(base?.outcome ?? 'unknown');
  const [outcomeDetail, setOutcomeDetail] = useState(base?.outcomeDetail ?? '');
  const [novelty, setNovelty] = useState<AdrReportFields['novelty']>(base?.novelty ?? 'known');
  const [criteria, setCriteria] = useState<SeriousCriterion[]>(base?.seriousCriteria ?? []);
  const [correctionReason, setCorrectionReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const change = (i: number, patch: Partial<AdrDrug>) => setDrugs((list) => list.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const toggle = (c: SeriousCriterion) => setCriteria((list) => (list.includes(c) ? list.filter((x) => x !== c) : [...list, c]));
  const addFrom = (prescriptionId: string) => {
    const p = prescriptions.find((x) => x.id === prescriptionId);
    if (p) setDrugs((list) => [...list.filter((d) => d.name.trim()), ...drugsOf(p).map((d) => ({ ...d, role: 'concomitant' as const }))]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const report: AdrReportFields = {
      drugs, reaction, term: term.trim() || null, onsetOn, severity, outcome, outcomeDetail, novelty,
      serious: criteria.length > 0, seriousCriteria: seriousCriteria.filter((c) => criteria.includes(c)),
    };
    const refused = await useAdr.getState().record(patientId, report, seed.followUp ? correctionReason : null);
    setBusy(false);
    setError(refused);
  };

  return (
    <form className="adr-form" data-testid="adr-form" onSubmit={(e) => void submit(e)}>
      <h4>{seed.followUp ? t('adr.form.followUpTitle') : t('adr.form.title')}</h4>
      <fieldset>
        <legend>{t('adr.form.drugs')}</legend>
        {drugs.map((d, i) => (
          <div className="inline-form adr-drug" key={i} data-testid="adr-drug">
            <select aria-label={t('adr.form.drugRole')} value={d.role} onChange={(e) => change(i, { role: e.target.value as AdrDrug['role'] })}>
              <option value="suspected">{t('adr.role.suspected')}</option>
              <option value="concomitant">{t('adr.role.concomitant')}</option>
            </select>
            <input aria-label={t('adr.form.drugName')} placeholder={t('adr.form.drugName')} value={d.name} onChange={(e) => change(i, { name: e.target.value })} />
            <input aria-label={t('adr.form.dose')} placeholder={t('adr.form.dose')} value={[d.dose, d.frequency].filter(Boolean).join(' ')} readOnly={d.prescriptionId !== null}
              onChange={(e) => change(i, { dose: e.target.value, frequency: '' })} />
            <label>{t('adr.form.startedOn')} <input type="date" value={d.startedOn ?? ''} onChange={(e) => change(i, { startedOn: e.target.value || null })} /></label>
            <label>{t('adr.form.stoppedOn')} <input type="date" value={d.stoppedOn ?? ''} onChange={(e) => change(i, { stoppedOn: e.target.value || null })} /></label>
            {drugs.length > 1 && <button type="button" className="link" onClick={() => setDrugs((list) => list.filter((_, j) => j !== i))}>{t('adr.form.removeDrug')}</button>}
          </div>
        ))}
        <div className="inline-form">
          <button type="button" className="secondary" onClick={() => setDrugs((list) => [...list, typedDrug()])}>{t('adr.form.addDrug')}</button>
          {prescriptions.length > 0 && (
            <select aria-label={t('adr.form.fromPrescription')} value="" onChange={(e) => addFrom(e.target.value)}>
              <option value="">{t('adr.form.fromPrescription')}</option>
              {prescriptions.map((p) => <option key={p.id} value={p.id}>{p.issuedOn} · {p.items.map((x) => x.drugNameZh ?? x.drug).join('、')}</option>)}
            </select>
          )}
        </div>
      </fieldset>
      <label>{t('adr.form.term')} <input value={term} onChange={(e) => setTerm(e.target.value)} maxLength={80} /></label>
      <label>{t('adr.form.reaction')} <textarea value={reaction} onChange={(e) => setReaction(e.target.value)} maxLength={2000} rows={3} /></label>
      <div className="inline-form">
        <label>{t('adr.form.onsetOn')} <input type="date" value={onsetOn} onChange={(e) => setOnsetOn(e.target.value)} /></label>
        <label>{t('adr.form.severity')}{' '}
          <select aria-label={t('adr.form.severity')} value={severity} onChange={(e) => setSeverity(e.target.value as AdrReportFields['severity'])}>
            {adrSeverities.map((s) => <option key={s} value={s}>{t(`adr.severity.${s}`)}</option>)}
          </select>
        </label>
        <label>{t('adr.form.outcome')}{' '}
          <select aria-label={t('adr.form.outcome')} value={outcome} onChange={(e) => setOutcome(e.target.value as AdrReportFields['outcome'])}>
            {adrOutcomes.map((o) => <option key={o} value={o}>{t(`adr.outcome.${o}`)}</option>)}
          </select>
        </label>
        {(outcome === 'sequelae' || outcome === 'death') && (
          <label>{t(`adr.form.outcomeDetail.${outcome}`)} <input value={outcomeDetail} onChange={(e) => setOutcomeDetail(e.target.value)} maxLength={200} /></label>
        )}
      </div>
      <fieldset className="inline-form">
        <legend>{t('adr.form.novelty')}</legend>
        {(['known', 'new'] as const).map((n) => (
          <label key={n}><input type="radio" name="adr-novelty" checked={novelty === n} onChange={() => setNovelty(n)} /> {t(`adr.novelty.${n}`)}</label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('adr.form.serious')}</legend>
        {seriousCriteria.map((c) => (
          <label key={c} className="adr-criterion"><input type="checkbox" checked={criteria.includes(c)} onChange={() => toggle(c)} /> {t(`adr.criteria.${c}`)}</label>
        ))}
        <p className="muted small">{criteria.length > 0 ? t('adr.form.isSerious') : t('adr.form.notSerious')}</p>
      </fieldset>
      {seed.followUp && (
        <label>{t('adr.form.correctionReason')} <input value={correctionReason} onChange={(e) => setCorrectionReason(e.target.value)} maxLength={500} /></label>
      )}
      <div className="inline-form">
        <button type="submit" disabled={busy || !reaction.trim() || (seed.followUp !== null && !correctionReason.trim())}>{t('adr.form.submit')}</button>
        <button type="button" className="secondary" onClick={() => useAdr.getState().close()}>{t('adr.form.cancel')}</button>
      </div>
      {error && <p className="error" role="alert" data-code={error.code}>{errorText(error)}</p>}
    </form>
  );
}
