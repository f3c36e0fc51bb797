import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

/** The print sheet (features/print) over the workspace: what prints, and its print / PDF / close buttons. */
export class PrintSheetPage {
  constructor(readonly page: Page) {}
  readonly sheet = () => this.page.getByTestId('print-sheet');
  readonly leaflets = () => this.sheet().getByTestId('print-leaflets');
  readonly signature = () => this.sheet().getByTestId('print-signature');
  readonly close = () => this.sheet().locator('button.print-close');

  /**
   * The page as Chromium prints it (`@media print`, A4), as text: the PDF a user saves from the
   * print dialog, read back with poppler's pdftotext. Whitespace is dropped, since line breaks fall
   * wherever the page width puts them.
   */
  async pdfText(): Promise<string> {
    await this.page.emulateMedia({ media: 'print' });
    try {
      const pdf = await this.page.pdf({ format: 'A4', printBackground: true });
      const dir = mkdtempSync(join(tmpdir(), 'caredesk-pdf-'));
      try {
        writeFileSync(join(dir, 'print.pdf'), pdf);
        return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'print.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      await this.page.emulateMedia({ media: 'screen' });
    }
  }
}

/** Drops whitespace, as pdfText does, to compare a line with the PDF's text. */
export const squeezed = (text: string) => text.replace(/\s+/g, '');
