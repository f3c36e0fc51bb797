import i18next from 'i18next';
import type { Lang, Texts } from '../../../../shared/emr/template';

/** Template texts are zh-CN with an English translation; the UI language picks one. */
export const uiLang = (): Lang => (i18next.language === 'en' ? 'en' : 'zh');
export const textOf = (texts: Texts): string => texts[uiLang()];
