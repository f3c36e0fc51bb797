import i18next from 'i18next';
import { adrErrorCodes } from '../../../../shared/adr/errors';
import type { AppError } from '../../../../shared/result';
import { errorText } from '../../i18n';

const adrCodes: ReadonlySet<string> = new Set(adrErrorCodes);

/** A report's own refusals in the report's words (`adr.errors`), any other through the app's. */
export function adrErrorText(error: AppError): string {
  return adrCodes.has(error.code) ? i18next.t(`adr.errors.${error.code}`) : errorText(error);
}
