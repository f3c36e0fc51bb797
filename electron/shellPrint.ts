import { writeFile } from 'node:fs/promises';
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { PrintOutput, printChannel } from '../shared/print/output';
import { fail, ok, type Result } from '../shared/result';

type Printed = Result<{ printed: boolean }>;

/**
 * The bridge's `print` in the desktop shell: the window prints itself as its `@media print` rules
 * lay it out, to a printer (the system dialog) or to a PDF the user saves. The page chose what
 * prints and main audited it when it was read; nothing here sees patient data.
 */
export function connectShellPrint(trusted: (event: IpcMainInvokeEvent) => boolean): void {
  ipcMain.handle(printChannel, async (event, output: unknown): Promise<Printed> => {
    if (!trusted(event)) return fail('FORBIDDEN', 'IPC from an untrusted frame was refused.');
    const parsed = PrintOutput.safeParse(output);
    if (!parsed.success) return fail('INVALID_REQUEST', 'Unknown print output.');
    return parsed.data === 'paper' ? toPrinter(event.sender) : toPdf(event.sender);
  });
}

function toPrinter(contents: WebContents): Promise<Printed> {
  return new Promise((resolve) =>
    contents.print({ printBackground: true }, (success, reason) =>
      resolve(success ? ok({ printed: true }) : reason === 'cancelled' ? ok({ printed: false }) : fail('PRINT_FAILED', `The printer refused the document: ${reason}`)),
    ),
  );
}

async function toPdf(contents: WebContents): Promise<Printed> {
  try {
    const pdf = await contents.printToPDF({ printBackground: true, pageSize: 'A4' });
    const window = BrowserWindow.fromWebContents(contents);
    const options = { defaultPath: 'caredesk.pdf', filters: [{ name: 'PDF', extensions: ['pdf'] }] };
    const { canceled, filePath } = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    if (canceled || !filePath) return ok({ printed: false });
    await writeFile(filePath, pdf);
    return ok({ printed: true });
  } catch (error) {
    return fail('PRINT_FAILED', `The PDF could not be written: ${error instanceof Error ? error.message : String(error)}`);
  }
}
