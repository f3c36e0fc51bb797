/**
 * The merge rules of DESIGN.md "Offline rules", as pure functions so the server and the
 * workstation's sync worker decide the same way.
 *
 * Ordering. The server is the only clock that orders changes. Each patient row carries a `version`,
 * an integer the server increments on every accepted scalar edit, and the server remembers for each
 * scalar field the version at which it last changed (`changedAt`). A client edit names the version
 * it was based on. This is the version-vector idea reduced to one authority (a single "replica"
 * issuing versions), as in optimistic concurrency control (Kung & Robinson, "On Optimistic Methods
 * for Concurrency Control", ACM TODS 1981): validate that what you read is still current, else the
 * write is a conflict. Unlike plain OCC we validate per field, so two people changing different
 * fields (phone and address) of the same patient both win, and a conflicting value is kept, not
 * discarded (Joplin-style conflict copies): clinical content is never silently overwritten.
 *
 * One writer's own edits are sequential, not concurrent. A workstation cannot know the version its
 * own unsent edit will get, so a second edit of the same field made before the first was answered
 * still names the old base. If every change of the field since that base is the same author's, on
 * the same device, that writer has seen them all: the later edit simply comes next (a typo fixed
 * before sync wins). A conflict needs someone else's change, or the same author's on another device.
 */

/** Who made a field's last accepted change: the author and the server's id of their device. */
export interface FieldWriter {
  authorId: string;
  deviceId: string;
}

export interface ScalarFieldState {
  value: string;
  /** The patient row's current version. */
  version: number;
  /** The version at which this field last changed (1 if it never has). */
  changedAt: number;
  /** Who made that change; null when unknown (the seed, or a change recorded before writers were). */
  changedBy: FieldWriter | null;
}

export type ScalarMerge =
  | { kind: 'apply'; newVersion: number }
  | { kind: 'noop' }
  | { kind: 'conflict' }
  | { kind: 'invalid'; message: string };

export function mergeScalarField(state: ScalarFieldState, edit: { value: string; baseVersion: number; by: FieldWriter }): ScalarMerge {
  if (edit.baseVersion > state.version) {
    return { kind: 'invalid', message: `base version ${edit.baseVersion} is newer than the server's ${state.version}` };
  }
  // Both sides already agree: nothing to order, nothing to show.
  if (edit.value === state.value) return { kind: 'noop' };
  // The client saw the field's latest value: its edit is the next one.
  if (edit.baseVersion >= state.changedAt) return { kind: 'apply', newVersion: state.version + 1 };
  // Its writer made the change it missed (and, inductively, every one since its base): sequential.
  if (state.changedBy?.authorId === edit.by.authorId && state.changedBy.deviceId === edit.by.deviceId) {
    return { kind: 'apply', newVersion: state.version + 1 };
  }
  // Someone else changed this field after the client's base: keep both for a person to resolve.
  return { kind: 'conflict' };
}

/**
 * List-like facts (allergies) are one row per item, so two adds never collide: adds always win,
 * even two rows for the same allergen (a person merges them, knowingly). A status change is
 * ordered by server arrival and carries its author and reason; setting the status it already has
 * changes nothing.
 */
export type StatusMerge = { kind: 'apply' } | { kind: 'noop' };
export function mergeStatusChange<S extends string>(current: S, next: S): StatusMerge {
  return current === next ? { kind: 'noop' } : { kind: 'apply' };
}

/**
 * Signed documents are immutable. A resend of the same id is the same document only if its
 * content is byte-for-byte equal in canonical form; otherwise it is refused, never merged.
 */
export function sameDocument(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** JSON with object keys sorted, so equal content gives equal text whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * A correction points at the version it replaces. If that version was already replaced by another
 * correction (two devices corrected it offline), both corrections are kept: a branch, shown to a
 * person as a conflict. Nothing is rejected, because rejecting would lose a signed document.
 */
export type VersionMerge = { kind: 'apply' } | { kind: 'branch'; alreadyReplacedBy: string } | { kind: 'invalid'; message: string };
export function mergeNewVersion(
  previous: { id: string; patientId: string; replacedBy: string | null },
  next: { id: string; patientId: string },
): VersionMerge {
  if (previous.patientId !== next.patientId) {
    return { kind: 'invalid', message: 'a correction must be for the same patient as the version it replaces' };
  }
  if (previous.replacedBy !== null && previous.replacedBy !== next.id) return { kind: 'branch', alreadyReplacedBy: previous.replacedBy };
  return { kind: 'apply' };
}

/** Clocks further apart than this are flagged on the stored change (they still sync). */
export const clockSkewToleranceMs = 5 * 60_000;

export function clockSkew(clientTime: string, serverNow: Date, toleranceMs = clockSkewToleranceMs): { skewMs: number; flagged: boolean } {
  const skewMs = Date.parse(clientTime) - serverNow.getTime();
  return { skewMs, flagged: !Number.isFinite(skewMs) || Math.abs(skewMs) > toleranceMs };
}
