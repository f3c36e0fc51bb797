import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { invoke } from '../../api';
import { errorText } from '../../i18n';
import { FaceStep } from '../face/FaceStep';
import { ReasonPicker } from './ReasonPicker';
import { missingForDecision } from './decisionRules';
import type { ReadOnlyReason } from './reviewAccess';
import { useReviewScreen, type DecisionDraft, type DecisionKind } from './reviewScreenStore';

const kinds: readonly DecisionKind[] = ['approve', 'return', 'intervene'];
const stepUp = { purpose: 'step-up' } as const;

/**
 * One decision on one prescription, the reviewer's signed act: approve, return with structured
 * reasons and a note, or record an intervention. Confirming takes a face check made for this
 * decision (issue 9: always at the moment of a review decision); the password only where the
 * hospital's policy allows password-only signing. There is no bulk form.
 */
export function DecisionForm({ expired, readOnly }: { expired: boolean; readOnly: ReadOnlyReason | null }) {
  const { t } = useTranslation();
  const { draft, deciding, decideError, edit, decide } = useReviewScreen();
  const [password, setPassword] = useState('');
  const [passwordOnly, setPasswordOnly] = useState<boolean | null>(null);
  useEffect(() => {
    void invoke('face:status', {}).then((status) => setPasswordOnly(status.ok && status.value.passwordOnlySigning));
  }, []);
  const why = readOnly ? 'offline' : missingForDecision(draft, expired);
  const confirm = (e: FormEvent) => {
    e.preventDefault();
    void decide({ password }).then(() => setPassword(''));
  };
  return (
    <form className="panel review-decision" data-testid="review-decision" onSubmit={confirm} aria-label={t('review.decide.title')}>
      <h3>{t('review.decide.title')}</h3>
      <div className="review-kinds" role="radiogroup" aria-label={t('review.decide.title')}>
        {kinds.map((kind) => (
          <label key={kind} className="review-kind">
            <input
              type="radio"
              name="decision"
              value={kind}
              checked={draft.decision === kind}
              disabled={kind === 'approve' && expired}
              onChange={() => edit({ decision: kind, confirming: false })}
            />
            {t(`review.decision.${kind}`)}
          </label>
        ))}
      </div>
      {expired && <p className="muted small">{t('review.decide.expiredNoApprove')}</p>}
      {draft.decision === 'return' && <ReasonPicker chosen={draft.reasons} onChange={(reasons) => edit({ reasons })} />}
      {draft.decision === 'intervene' && (
        <>
          <label>
            {t('review.decide.recommendation')}
            <textarea name="recommendation" rows={3} value={draft.recommendation} onChange={(e) => edit({ recommendation: e.target.value })} />
          </label>
          <label>
            {t('review.decide.physicianResponse')}
            <select name="physician-response" value={draft.physicianResponse} onChange={(e) => edit({ physicianResponse: e.target.value as DecisionDraft['physicianResponse'] })}>
              {(['pending', 'accepted', 'declined'] as const).map((r) => <option key={r} value={r}>{t(`review.decide.response.${r}`)}</option>)}
            </select>
          </label>
        </>
      )}
      {draft.decision && (
        <label>
          {draft.decision === 'return' ? t('review.decide.noteRequired') : t('review.decide.note')}
          <textarea name="note" rows={3} value={draft.note} placeholder={t('review.decide.notePlaceholder')} onChange={(e) => edit({ note: e.target.value })} />
        </label>
      )}
      {why && draft.decision && <p className="muted small" data-testid="decision-missing">{t(`review.decide.missing.${why}`)}</p>}
      {!draft.confirming ? (
        <div className="rx-actions">
          <button type="button" className="review-decide" disabled={why !== null || passwordOnly === null} onClick={() => edit({ confirming: true })}>
            {t('review.decide.next')}
          </button>
        </div>
      ) : !passwordOnly ? (
        <div className="review-step-up">
          <p className="muted">{t('face.stepUp.explain')}</p>
          <FaceStep
            request={stepUp}
            onAccepted={(outcome) => void decide({ faceAttemptId: outcome.attemptId })}
            onCancel={() => edit({ confirming: false })}
          />
        </div>
      ) : (
        <div className="review-step-up">
          <label>
            {t('review.decide.stepUp')}
            <input name="step-up-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus />
          </label>
          <div className="rx-actions">
            <button type="submit" className="review-confirm" disabled={deciding || !password || why !== null}>
              {t(`review.decide.confirm.${draft.decision ?? 'approve'}`)}
            </button>
            <button type="button" className="secondary" onClick={() => edit({ confirming: false })}>{t('rx.cancel')}</button>
          </div>
        </div>
      )}
      {decideError && <p className="error" role="alert" data-error-code={decideError.code}>{errorText(decideError)}</p>}
    </form>
  );
}
