import { useTranslation } from 'react-i18next';
import { Language } from '../../../../shared/ipc';
import { languages } from '../../i18n';
import { usePrefs } from './prefsStore';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, setLanguage } = usePrefs();
  return (
    <select
      className="language-switch"
      aria-label={t('app.language')}
      value={language}
      onChange={(event) => void setLanguage(Language.parse(event.target.value))}
    >
      {languages.map(({ code, label }) => (
        <option key={code} value={code}>
          {label}
        </option>
      ))}
    </select>
  );
}
