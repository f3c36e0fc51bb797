/** Hands text to the browser's download (the renderer has no disk of its own). */
export function saveText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = window.document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The download has the blob by the time the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
