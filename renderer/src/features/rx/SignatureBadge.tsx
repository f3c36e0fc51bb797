import { useTranslation } from 'react-i18next';
import type { SignatureCheck } from '../../../../shared/ipc/rxChannels';

/**
 * A signed prescription's signature as judged in main against the signer's registered
 * certificate (issue 8, item 11): the signer and certificate serial, or "signature not verified"
 * with why. Nothing for unsigned history.
 */
export function SignatureBadge({ check }: { check: SignatureCheck | null }) {
  const { t } = useTranslation();
  if (!check) return null;
  if (check.verified) {
    return <span className="muted small rx-signature" data-signature="verified"> · {t('rx.signature.verified', { signer: check.signer, serial: check.serial })}</span>;
  }
  return (
    <span className="tag alert rx-signature" data-signature={check.reason}>
      {t('rx.signature.notVerified', { reason: t(`rx.signature.reasons.${check.reason}`) })}
    </span>
  );
}
