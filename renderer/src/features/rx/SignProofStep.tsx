import { useTranslation } from 'react-i18next';
import { SigningVerification } from '../face/SigningVerification';
import { useRx } from './rxStore';

/** The prescription's sign step: a high-alert drug needs the face check at the moment of signing. */
export function SignProofStep() {
  const { t } = useTranslation();
  const { preview, signing, sign, cancelSign } = useRx();
  return (
    <SigningVerification
      blocked={!preview || signing || preview.problems.length > 0}
      faceNow={preview?.highAlert ?? false}
      sign={async (proof) => {
        await sign(proof);
        return useRx.getState().signError;
      }}
      onCancel={cancelSign}
      confirmLabel={t('rx.confirmSign')}
      cancelLabel={t('rx.cancel')}
    />
  );
}
