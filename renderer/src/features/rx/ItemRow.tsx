import { useTranslation } from 'react-i18next';
import type { RxContextView, VisitAlert } from '../../../../shared/ipc/rxChannels';
import type { DrugView } from '../../../../shared/rx/dispense';
import type { DraftItem } from '../../../../shared/rx/draft';
import { doseUnits, frequencies } from '../../../../shared/rx/quantity';
import { AlertNote } from './AlertNote';
import { formOf, quantityOf } from './items';

interface Props {
  item: DraftItem;
  drug: DrugView | undefined;
  context: RxContextView;
  alerts: VisitAlert[];
  missing: string[] | null;
  overrides: Record<string, string>;
  onChange: (item: DraftItem) => void;
  onRemove: () => void;
}

const num = (text: string): number | null => (text.trim() === '' || !Number.isFinite(Number(text)) ? null : Number(text));

/** One drug line: pickers prefilled with the drug's usual values, the quantity, and its alerts inline. */
export function ItemRow({ item, drug, context, alerts, missing, overrides, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  const form = formOf(drug, item);
  const quantity = quantityOf(drug, item);
  const set = (change: Partial<DraftItem>) => onChange({ ...item, ...change });
  const indications = new Set([...context.diagnoses.map((d) => d.code), ...(item.indication ? [item.indication] : [])]);
  return (
    <li className="rx-item" data-drug={item.drug} data-uid={item.uid}>
      <div className="rx-item-line">
        <span className="rx-drug-name">
          <strong>{drug?.nameZh ?? item.drug}</strong> <span className="muted">{drug?.inn}</span>
        </span>
        {drug && drug.forms.length > 1 && (
          <select aria-label={t('rx.form')} value={`${form?.form}|${form?.release}`} onChange={(e) => {
            const [name, release] = e.target.value.split('|');
            const next = drug.forms.find((f) => f.form === name && f.release === release);
            if (next) set({ form: next.form, release: next.release, route: next.routes[0] ?? null, doseUnit: next.usual?.doseUnit ?? item.doseUnit, doseValue: next.usual?.doseValue ?? item.doseValue });
          }}>
            {drug.forms.map((f) => <option key={`${f.form}|${f.release}`} value={`${f.form}|${f.release}`}>{t(`rx.forms.${f.form}`, { defaultValue: f.form })}{f.release === 'extended' ? ` (${t('rx.extended')})` : ''}</option>)}
          </select>
        )}
        <select aria-label={t('rx.route')} value={item.route ?? ''} onChange={(e) => set({ route: (e.target.value || null) as DraftItem['route'] })}>
          {(form?.routes ?? []).map((r) => <option key={r} value={r}>{t(`rx.routes.${r}`)}</option>)}
        </select>
        <input aria-label={t('rx.dose')} className="rx-num" inputMode="decimal" value={item.doseValue ?? ''} onChange={(e) => set({ doseValue: num(e.target.value) })} />
        <select aria-label={t('rx.unit')} value={item.doseUnit ?? ''} onChange={(e) => set({ doseUnit: (e.target.value || null) as DraftItem['doseUnit'] })}>
          {doseUnits.map((u) => <option key={u} value={u}>{u}</option>)}
        </select>
        <select aria-label={t('rx.frequency')} value={item.frequency ?? ''} onChange={(e) => set({ frequency: (e.target.value || null) as DraftItem['frequency'] })}>
          {frequencies.map((f) => <option key={f} value={f}>{t(`rx.frequencies.${f}`)}</option>)}
        </select>
        <label className="rx-days">
          <input aria-label={t('rx.days')} className="rx-num" inputMode="numeric" value={item.days ?? ''} onChange={(e) => set({ days: num(e.target.value) })} />
          {t('rx.daysUnit')}
        </label>
        <select aria-label={t('rx.indication')} value={item.indication ?? ''} onChange={(e) => set({ indication: e.target.value || null })}>
          <option value="">{t('rx.chooseIndication')}</option>
          {[...indications].map((code) => (
            <option key={code} value={code}>{code} {context.diagnoses.find((d) => d.code === code)?.label ?? ''}</option>
          ))}
        </select>
        <span className="rx-quantity" data-testid="quantity">
          {quantity ? t('rx.quantity', { value: quantity.value, unit: t(`rx.forms.${quantity.unit}`, { defaultValue: quantity.unit }) }) : '—'}
        </span>
        <button className="secondary small" onClick={onRemove} aria-label={t('rx.remove')}>×</button>
      </div>
      {missing && <p className="muted small">{t('rx.missing', { fields: missing.map((m) => t(`rx.fields.${m}`)).join(t('rx.listSeparator')) })}</p>}
      {alerts.map((a) => <AlertNote key={a.key} alert={a} reason={overrides[a.key] ?? ''} />)}
    </li>
  );
}
