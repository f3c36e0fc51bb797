import { useTranslation } from 'react-i18next';
import { SigningVerification } from '../face/SigningVerification';
import { riskAnswers, useRiskStep } from './riskStepStore';
import { useRx } from './rxStore';

/** The prescription's sign step: a high-alert drug needs the face check at the moment of signing, and the patient told (issue 13). */
export function SignProofStep() {
  const { t } = useTranslation();
  const { preview, signing, sign, cancelSign } = useRx();
  const step = useRiskStep();
  const risk = preview ? riskAnswers(preview.risk, step) : null;
  return (
    <SigningVerification
      blocked={!preview || signing || preview.problems.length > 0 || !risk?.complete}
      faceNow={preview?.highAlert ?? false}
      sign={async (proof) => {
        await sign(proof, risk?.answers);
        return useRx.getState().signError;
      }}
      onCancel={cancelSign}
      confirmLabel={t('rx.confirmSign')}
      cancelLabel={t('rx.cancel')}
    />
  );
}
