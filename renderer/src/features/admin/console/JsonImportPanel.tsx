import { useState, type ChangeEvent } from 'react';
import type { Result } from '../../../../../shared/result';
import { errorText } from '../../../i18n';
import { useConsoleCall } from './useConsoleCall';

/**
 * A console panel that imports one JSON file picked here: the file goes to main as text, and the
 * import's summary (or its refusal, which changed nothing) is shown under the picker.
 */
export function JsonImportPanel<Summary>({ testId, inputName, title, pickLabel, explain, importFile, doneText }: {
  testId: string;
  inputName: string;
  title: string;
  pickLabel: string;
  explain: string;
  importFile: (fileName: string, content: string) => Promise<Result<Summary>>;
  doneText: (summary: Summary) => string;
}) {
  const { busy, error, run } = useConsoleCall();
  const [summary, setSummary] = useState<Summary | null>(null);
  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setSummary(null);
    const content = await file.text();
    setSummary(await run(() => importFile(file.name, content)));
  };

  return (
    <section className="panel" data-testid={testId}>
      <h3>{title}</h3>
      <label>
        {pickLabel}
        <input name={inputName} type="file" accept=".json,application/json" disabled={busy} onChange={(e) => void pick(e)} />
      </label>
      <p className="muted small">{explain}</p>
      {error && <p className="error" role="alert" data-error-code={error.code}>{errorText(error)}</p>}
      {summary !== null && (
        <p className="notice" role="status" data-testid={`${testId}-done`}>
          {doneText(summary)}
        </p>
      )}
    </section>
  );
}
