import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../../shared/domain/patient';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api';
import { errorText } from '../../i18n';
import { usePatients } from './patientsStore';
import { useAdr } from '../adr/adrStore';

/**
 * Allergies are one row per item: adding never overwrites, and removing one is a status change
 * that asks why (DESIGN.md, offline rules). Removed ones stay visible, struck through.
 */
export function AllergiesPanel({ patientId, allergies }: { patientId: string; allergies: PatientSummary['allergies'] }) {
  const { t } = useTranslation();
  const reload = () => void usePatients.getState().select(patientId);
  const [allergen, setAllergen] = useState('');
  const [reaction, setReaction] = useState('');
  const [removing, setRemoving] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const active = allergies.filter((a) => a.status === 'active');
  // An adverse reaction report offered as an allergy fills the form; the user still decides to add it.
  const prefill = useAdr((s) => s.allergyPrefill);
  const allergenInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!prefill) return;
    setAllergen(prefill.allergen);
    setReaction(prefill.reaction);
    allergenInput.current?.focus();
  }, [prefill]);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const result = await invoke('allergies:add', { patientId, allergen, reaction });
    setError(result.ok ? null : result.error);
    if (result.ok) {
      setAllergen('');
      setReaction('');
      reload();
    }
  };
  const remove = async (event: FormEvent, allergyId: string) => {
    event.preventDefault();
    const result = await invoke('allergies:setStatus', { allergyId, status: 'removed', reason });
    setError(result.ok ? null : result.error);
    if (result.ok) {
      setRemoving(null);
      setReason('');
      reload();
    }
  };

  return (
    <section className={active.length ? 'panel alert' : 'panel'} data-testid="allergies">
      <h3>{t('summary.allergies')}</h3>
      {allergies.length === 0 && <p className="muted">{t('summary.noAllergies')}</p>}
      <ul>
        {allergies.map((a) => (
          <li key={a.id} className={a.status === 'removed' ? 'struck' : undefined}>
            <strong>{a.allergen}</strong> — {a.reaction} <span className="muted small">{a.recordedOn}</span>
            {a.status === 'removed' && <span className="muted small"> ({t('summary.removed')})</span>}
            {a.status === 'active' && removing !== a.id && (
              <button className="link" onClick={() => setRemoving(a.id)}>{t('allergies.remove')}</button>
            )}
            {removing === a.id && (
              <form className="inline-form" onSubmit={(e) => void remove(e, a.id)}>
                <input aria-label={t('allergies.reason')} placeholder={t('allergies.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
                <button type="submit" disabled={!reason.trim()}>{t('allergies.confirmRemove')}</button>
                <button type="button" className="secondary" onClick={() => setRemoving(null)}>{t('allergies.cancel')}</button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={(e) => void add(e)}>
        <input ref={allergenInput} aria-label={t('allergies.allergen')} placeholder={t('allergies.allergen')} value={allergen} onChange={(e) => setAllergen(e.target.value)} />
        <input aria-label={t('allergies.reaction')} placeholder={t('allergies.reaction')} value={reaction} onChange={(e) => setReaction(e.target.value)} />
        <button type="submit" disabled={!allergen.trim() || !reaction.trim()}>{t('allergies.add')}</button>
      </form>
      {error && <p className="error" role="alert">{errorText(error)}</p>}
    </section>
  );
}
