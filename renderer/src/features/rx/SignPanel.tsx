import { useTranslation } from 'react-i18next';
import type { SignPreview } from '../../../../shared/ipc/rxChannels';
import { useRx } from './rxStore';
import { RiskStep } from './RiskStep';
import { SignProofStep } from './SignProofStep';
import { SignedItemsTable } from './SignedItemsTable';

/** The sign step: exactly what will be signed, the step-up (face, or password where policy allows), and why it cannot be signed yet. */
export function SignPanel() {
  const { t } = useTranslation();
  const { preview, signError } = useRx();
  if (!preview && !signError) return null;
  const d = preview?.document;
  return (
    <section className="panel rx-sign-panel" data-testid="sign-panel" aria-label={t('rx.signTitle')}>
      <h3>{t('rx.signTitle')}</h3>
      {d && (
        <>
          <p>
            {t('rx.prescriber')}: {d.prescriber.name} ({d.prescriber.licenceNo}) · {t('rx.issuedOn')} {d.issuedOn} · {t('rx.validUntil', { date: d.lastValidDay })}
            {d.validityReason && <> · {d.validityReason}</>}
          </p>
          <SignedItemsTable items={d.items} />
          {d.overrides.length > 0 && (
            <ul className="rx-sign-overrides">
              {d.overrides.map((o) => <li key={o.key}>{t(`rx.codes.${o.code}`, { defaultValue: o.code })}: {o.reason}</li>)}
            </ul>
          )}
          {d.checkedWith && <CheckedWithLine checkedWith={d.checkedWith} />}
          {d.reason && <p>{t('rx.revisionReason')}: {d.reason}</p>}
          {preview.highAlert && <p className="rx-alert info">{t('rx.highAlertStepUp')}</p>}
          <RiskStep risk={preview.risk} draftId={preview.draftId} />
          {preview.problems.length > 0 && (
            <ul className="error" role="alert">{preview.problems.map((p) => <li key={p}>{p}</li>)}</ul>
          )}
        </>
      )}
      <SignProofStep />
    </section>
  );
}

/** The visit and patient facts the checks ran with: they are signed too, so the physician sees them. */
function CheckedWithLine({ checkedWith }: { checkedWith: NonNullable<SignPreview['document']['checkedWith']> }) {
  const { t } = useTranslation();
  const { visit, patientFacts } = checkedWith;
  const facts = [
    visit.emergency && t('rx.emergency'),
    visit.guardianPresent === true && t('rx.guardianPresent'),
    patientFacts.weightKg !== null && t('rx.weightKg', { value: patientFacts.weightKg }),
    patientFacts.pregnant === true && t('rx.pregnant'),
    patientFacts.lactating === true && t('rx.lactating'),
  ].filter((f): f is string => typeof f === 'string');
  return <p data-testid="sign-checked-with">{t('rx.checkedWith')}: {facts.length ? facts.join(' · ') : t('rx.factsNotAsked')}</p>;
}
