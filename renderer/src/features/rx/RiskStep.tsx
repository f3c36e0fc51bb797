import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignRisk } from '../../../../shared/ipc/rxRisk';
import { longSupplyCategories } from '../../../../shared/sync/rxRiskWire';
import { LeafletCard } from './LeafletCard';
import { useRiskStep, type LongSupplyCategory } from './riskStepStore';

/**
 * The sign step's questions (issue 13): each high-alert drug's leaflet, to explain to the patient
 * and confirm; and the reason for a supply beyond the rules' limit (《处方管理办法》第十九条).
 */
export function RiskStep({ risk, draftId }: { risk: SignRisk; draftId: string }) {
  const { t } = useTranslation();
  const { told, category, note, setTold, setCategory, setNote, reset } = useRiskStep();
  useEffect(() => reset, [draftId, reset]);
  return (
    <>
      {risk.inform.map((i) => (
        <section key={i.drugCode} className="rx-inform" data-testid="inform-item" data-drug-code={i.drugCode}>
          {i.leaflet ? <LeafletCard leaflet={i.leaflet} /> : <p className="warn">{t('risk.noLeaflet', { drug: i.drugName })}</p>}
          <label>
            <input type="checkbox" data-testid="inform-confirm" checked={told.includes(i.drugCode)} onChange={(e) => setTold(i.drugCode, e.target.checked)} />{' '}
            {t('risk.confirmInformed', { drug: i.drugName })}
          </label>
        </section>
      ))}
      {risk.longSupply.items.length > 0 && (
        <fieldset className="rx-long-supply" data-testid="long-supply">
          <legend>{t('risk.longSupply.title', { days: risk.longSupply.reasonBeyondDays })}</legend>
          <p>{risk.longSupply.items.map((i) => t('risk.longSupply.item', { drug: i.drugName, days: i.days })).join(' · ')}</p>
          <label>
            {t('risk.longSupply.category')}{' '}
            <select data-testid="long-supply-category" value={category ?? ''} onChange={(e) => setCategory((e.target.value || null) as LongSupplyCategory | null)}>
              <option value="">{t('risk.longSupply.choose')}</option>
              {longSupplyCategories.map((c) => <option key={c} value={c}>{t(`risk.longSupply.categories.${c}`)}</option>)}
            </select>
          </label>
          <label>
            {t('risk.longSupply.note')}{' '}
            <input data-testid="long-supply-note" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
        </fieldset>
      )}
    </>
  );
}
