/**
 * Hands a document to the browser's download, which Electron and Chromium turn into a save
 * dialog or a file in Downloads: the renderer has no disk of its own (DESIGN.md "Three programs").
 */
export function saveJson(document: unknown, fileName: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }));
  const link = window.document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The download has the blob by the time the click returns; the URL is not needed after it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
