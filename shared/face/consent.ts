/**
 * Enrollment records the user's separate, informed consent (Measures for the Security Management of
 * Face Recognition Technology Applications, in force 2025-06-01, art. 4 and 10). The consent text
 * itself lives in the renderer's i18n; this is the id of the version main accepts, so an audit
 * entry names exactly which text the user agreed to. Changing the text means a new id here.
 */
export const FACE_CONSENT_VERSION = 'face-consent/2026-12-01';

/**
 * Roaming is a second, separate consent (the same Measures, art. 10: a separate consent for each
 * purpose; storing the template on the hospital server so it reaches the user's other approved
 * workstations is one). Its own id, so an audit entry and the server's consent record name the
 * exact roaming text; the enrollment consent above never implies it.
 */
export const FACE_ROAMING_CONSENT_VERSION = 'face-roaming-consent/2026-12-02';
