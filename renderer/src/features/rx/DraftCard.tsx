import { useTranslation } from 'react-i18next';
import type { DraftView, RxContextView, VisitAlert, VisitCheck } from '../../../../shared/ipc/rxChannels';
import { useReadOnly } from '../auth/sessionStore';
import { ReviewOutcomeLine } from '../review/ReviewOutcomeLine';
import { AlertNote } from './AlertNote';
import { DrugSearch } from './DrugSearch';
import { ItemRow } from './ItemRow';
import { newUid } from './items';
import { usePatientRx } from './patientRxStore';
import { maxItemsPerPrescription, useRx } from './rxStore';

/**
 * One prescription of the visit. Each alert is shown once per prescription, next to the first of
 * its items here (a patient-level alert at the top): inline, never a stack of modals.
 */
export function DraftCard({ draft, index, context, check }: { draft: DraftView; index: number; context: RxContextView; check: VisitCheck }) {
  const { t } = useTranslation();
  const { drugs, edit, addDrug, split, startSign, discard } = useRx();
  const readOnly = useReadOnly();
  const content = draft.content;
  // A revision shows why the pharmacist returned the version it corrects, while the physician edits.
  const returned = usePatientRx((s) => s.prescriptions.find((p) => p.id === draft.previousId));
  const mine = check.alerts.filter((a) => a.items.length === 0 || a.items.some((r) => r.prescriptionId === draft.id));
  const patientLevel = mine.filter((a) => a.items.length === 0 || a.items.every((r) => r.uid === null));
  const atItem = (uid: string): VisitAlert[] =>
    mine.filter((a) => a.items.find((r) => r.prescriptionId === draft.id && r.uid !== null)?.uid === uid);
  const tooMany = content.items.length > maxItemsPerPrescription;
  const setItems = (items: typeof content.items) => edit(draft.id, (c) => ({ ...c, items }));

  return (
    <section className="panel rx-draft" data-testid="rx-draft" data-draft-id={draft.id}>
      <header className="rx-draft-head">
        <h3>{t('rx.prescriptionN', { n: index + 1 })}</h3>
        {draft.previousId && <span className="tag">{t('rx.revisionOf', { reason: draft.revisionReason ?? '' })}</span>}
        <span className="muted small">{t('rx.itemCount', { count: content.items.length })}</span>
        {context.renewal && content.items.length === 0 && (
          <button className="secondary" onClick={() => setItems(context.renewal!.items.map((i) => ({ ...i, uid: newUid() })))}>
            {t('rx.renew', { date: context.renewal.issuedOn })}
          </button>
        )}
        <button className="secondary" onClick={() => void discard(draft.id)}>{t('rx.discard')}</button>
      </header>

      {draft.previousId && <ReviewOutcomeLine review={returned?.review ?? null} />}
      {patientLevel.map((a) => <AlertNote key={a.key} alert={a} reason={content.overrides[a.key] ?? ''} />)}
      {tooMany && (
        <p className="rx-split" role="note">
          {t('rx.tooMany', { max: maxItemsPerPrescription })}{' '}
          <button onClick={() => void split(draft.id)}>{t('rx.split')}</button>
        </p>
      )}

      <ul className="rx-items">
        {content.items.map((item, i) => (
          <ItemRow
            key={item.uid}
            item={item}
            drug={drugs[item.drug]}
            context={context}
            alerts={atItem(item.uid)}
            missing={check.incomplete.find((x) => x.uid === item.uid)?.missing ?? null}
            overrides={content.overrides}
            onChange={(next) => setItems(content.items.map((x, j) => (j === i ? next : x)))}
            onRemove={() => setItems(content.items.filter((_, j) => j !== i))}
          />
        ))}
      </ul>
      <DrugSearch onPick={(drug) => addDrug(draft.id, drug)} />

      <div className="rx-validity">
        <label>
          {t('rx.validity')}
          <select aria-label={t('rx.validity')} value={content.validity.days} onChange={(e) => edit(draft.id, (c) => ({ ...c, validity: { ...c.validity, days: Number(e.target.value) } }))}>
            {[1, 2, 3].map((d) => <option key={d} value={d}>{t('rx.validityDays', { count: d })}</option>)}
          </select>
        </label>
        {content.validity.days > 1 && (
          <input
            aria-label={t('rx.validityReason')}
            placeholder={t('rx.validityReason')}
            value={content.validity.reason ?? ''}
            onChange={(e) => edit(draft.id, (c) => ({ ...c, validity: { ...c.validity, reason: e.target.value || null } }))}
          />
        )}
      </div>
      <div className="rx-actions">
        <button className="rx-sign" disabled={content.items.length === 0 || readOnly} title={readOnly ? t('face.readOnly.why') : undefined} onClick={() => void startSign(draft.id)}>{t('rx.signStep')}</button>
      </div>
    </section>
  );
}
