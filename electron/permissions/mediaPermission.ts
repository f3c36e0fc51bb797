/**
 * The one permission rule of the desktop shell (issue 9, "Inside": camera permission for the app's
 * own origin only; Electron's permission handler grants nothing else). Plain TypeScript, no
 * Electron, so it is unit-tested; `electron/main.ts` feeds it what Electron's request and check
 * handlers receive.
 *
 * Granted: `media` for video only, asked by a page of the app itself. The app is loaded from a
 * file: URL, and every file: URL shares the opaque origin "file://", so for file: the page must be
 * the app's own entry document (same path), not any local file a link might reach.
 */
export interface PermissionAsk {
  permission: string;
  /** The page that asks (Electron's `details.requestingUrl`, else the requesting origin). */
  requestingUrl: string | undefined;
  /** For `media`: the kinds asked for (a request's `mediaTypes`; a check's one `mediaType`). */
  mediaTypes: readonly string[];
  isMainFrame: boolean;
}

export function isAppPage(url: string | undefined, appEntryUrl: string): boolean {
  if (!url) return false;
  let page: URL;
  let app: URL;
  try {
    page = new URL(url);
    app = new URL(appEntryUrl);
  } catch {
    return false;
  }
  if (page.protocol !== app.protocol) return false;
  return app.protocol === 'file:' ? page.pathname === app.pathname && page.host === app.host : page.origin === app.origin;
}

export function allowPermission(ask: PermissionAsk, appEntryUrl: string): boolean {
  return (
    ask.permission === 'media' &&
    ask.isMainFrame &&
    ask.mediaTypes.length > 0 &&
    ask.mediaTypes.every((kind) => kind === 'video') &&
    isAppPage(ask.requestingUrl, appEntryUrl)
  );
}
