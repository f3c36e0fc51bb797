import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/ipc';
import type { AppError } from '../../../shared/result';
import en from './en.json';
import zhCN from './zh-CN.json';

export const languages: readonly { code: Language; label: string }[] = [
  { code: 'zh-CN', label: '简体中文' },
  { code: 'en', label: 'English' },
];

export async function initI18n(language: Language): Promise<void> {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'zh-CN',
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false }, // React escapes
  });
  document.documentElement.lang = language;
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

/** An error as a person reads it: the translated kind, with main's detail for invalid input. */
export function errorText(error: AppError): string {
  const kind = i18next.t(`errors.${error.code}`);
  // These carry the specific reason (a field, a file's problem) the code alone does not.
  return error.code === 'INVALID_REQUEST' || error.code === 'INVALID_FILE' || error.code === 'RETENTION_BELOW_MINIMUM' ? `${kind}: ${error.message}` : kind;
}
