/**
 * Roaming face templates on the workstation (issue 9, the Consent bullet; the wire is
 * shared/sync/faceWire.ts). With the user's separate roaming consent, the template leaves this
 * workstation as outbox mutations, in the transaction that records the consent here; it arrives on
 * the user's other approved workstations through the feed and is kept in their encrypted store as
 * `origin: 'roamed'`, verified there by the same engine. A withdrawal removes the copies: here at
 * once, on the server in the transaction that records it, on every other device at its next pull.
 */
import { auditSubject } from '../../../shared/audit/subjects';
import { FACE_ROAMING_CONSENT_VERSION } from '../../../shared/face/consent';
import type { FaceTemplateRow, WithdrawalScope } from '../../../shared/sync/faceWire';
import { AppFailure } from '../../../shared/result';
import type { Actor, AuditLog } from '../store/audit';
import type { Db } from '../store/database';
import type { FaceTemplate, FaceTemplatesTable } from '../store/faceTemplates';
import type { OutboxTable } from '../store/outbox';

export interface FaceRoamingDeps {
  db: Db;
  templates: FaceTemplatesTable;
  outbox: OutboxTable;
  audit: AuditLog;
  /** Without a hospital server there is nowhere to roam to. */
  serverConfigured: boolean;
}

/** Who acts: the audit actor, and the account whose token pushes the mutations (the outbox author). */
export interface RoamingActor {
  actor: Actor;
  authorId: string;
  by: 'self' | 'admin';
}

export function faceRoaming(deps: FaceRoamingDeps) {
  const { templates, outbox, audit } = deps;

  function send(authorId: string, template: FaceTemplate, version: string): void {
    outbox.enqueue(authorId, 'face.roaming.consent', { userId: template.userId, action: 'give', version, scope: 'roaming' });
    outbox.enqueue(authorId, 'face.template.roam', {
      userId: template.userId,
      templateId: template.templateId,
      modelId: template.modelId,
      descriptor: template.descriptor,
      captures: template.captures,
      consentVersion: template.consentVersion,
      roamingConsentVersion: version,
      enrolledBy: template.enrolledBy,
      enrolledAt: template.enrolledAt,
    });
  }

  function recordConsent(who: RoamingActor, userId: string, detail: { version: string; accepted: boolean; scope?: WithdrawalScope; source: string }): void {
    audit.append(who.actor, 'face.consent', auditSubject('user', userId), { ...detail, roaming: true, by: who.by });
  }

  function requireServer(version: string): void {
    if (!deps.serverConfigured) throw new AppFailure('FACE_ROAMING_UNAVAILABLE', 'This workstation has no hospital server: a template cannot roam from it.');
    if (version !== FACE_ROAMING_CONSENT_VERSION) {
      throw new AppFailure('FACE_CONSENT_REQUIRED', `The user must accept the current roaming consent text (${FACE_ROAMING_CONSENT_VERSION}).`);
    }
  }

  return {
    /** Refuses before any capture is taken, so a roaming consent that cannot be kept is never asked for. */
    checkEnrollmentConsent: (version: string): void => requireServer(version),

    /**
     * Inside the enrollment's transaction: the new template roams if the user ticked the roaming
     * consent; otherwise a roaming copy of the template it replaces is withdrawn everywhere.
     */
    afterEnrollment(who: RoamingActor, template: FaceTemplate, replaced: FaceTemplate | null): void {
      if (template.roamingConsentVersion !== null) {
        recordConsent(who, template.userId, { version: template.roamingConsentVersion, accepted: true, source: 'enrollment' });
        send(who.authorId, template, template.roamingConsentVersion);
      } else if (replaced?.roamingConsentVersion) {
        recordConsent(who, template.userId, { version: replaced.roamingConsentVersion, accepted: false, scope: 'roaming', source: 're-enrollment' });
        outbox.enqueue(who.authorId, 'face.roaming.consent', { userId: template.userId, action: 'withdraw', version: replaced.roamingConsentVersion, scope: 'roaming' });
      }
    },

    /** Inside the enrollment withdrawal's transaction: a template that roamed goes everywhere else too. */
    afterEnrollmentWithdrawn(who: RoamingActor, removed: FaceTemplate | null): void {
      if (!removed?.roamingConsentVersion) return;
      outbox.enqueue(who.authorId, 'face.roaming.consent', { userId: removed.userId, action: 'withdraw', version: removed.roamingConsentVersion, scope: 'enrollment' });
    },

    status(userId: string) {
      const template = templates.get(userId);
      return {
        enrolled: template !== null,
        origin: template?.origin ?? null,
        roaming: template?.roamingConsentVersion != null,
        consentVersion: template?.roamingConsentVersion ?? null,
        currentConsentVersion: FACE_ROAMING_CONSENT_VERSION,
        serverConfigured: deps.serverConfigured,
      };
    },

    /** The user, from their own verified session, consents to roaming the template held here. */
    give(who: RoamingActor, userId: string, version: string): void {
      requireServer(version);
      deps.db.transaction(() => {
        const template = templates.get(userId);
        if (!template) throw new AppFailure('FACE_NOT_ENROLLED', 'No face template for this account on this workstation: enroll first.');
        templates.setRoaming(userId, version);
        recordConsent(who, userId, { version, accepted: true, source: 'own-session' });
        send(who.authorId, { ...template, roamingConsentVersion: version }, version);
      })();
    },

    /**
     * The user or an admin withdraws roaming: a roamed copy here goes at once, a template enrolled
     * here stays (its enrollment consent stands) and stops roaming; the server and the other
     * devices follow from the outbox mutation.
     */
    withdraw(who: RoamingActor, userId: string): { removedHere: boolean } {
      return deps.db.transaction(() => {
        const template = templates.get(userId);
        const version = template?.roamingConsentVersion ?? FACE_ROAMING_CONSENT_VERSION;
        const removedHere = template?.origin === 'roamed' ? templates.delete(userId) : false;
        if (template?.origin === 'enrolled') templates.setRoaming(userId, null);
        recordConsent(who, userId, { version, accepted: false, scope: 'roaming', source: who.by === 'self' ? 'own-session' : 'admin' });
        if (deps.serverConfigured) outbox.enqueue(who.authorId, 'face.roaming.consent', { userId, action: 'withdraw', version, scope: 'roaming' });
        return { removedHere };
      })();
    },
  };
}
export type FaceRoaming = ReturnType<typeof faceRoaming>;

/** What a pulled template change did here, for the device's audit log (never the template). */
export type RoamedTemplateEvent = { userId: string; change: 'received' | 'removed'; version: number; state: FaceTemplateRow['state'] };

/**
 * Applies pulled `face_templates` rows (applyChanges.ts routes them here). A copy never goes back
 * in time (its feed seq); the copy of an enrollment this device holds already is not stored twice
 * (the enrolling device keeps its own row); a roaming withdrawal removes roamed copies, an
 * enrollment withdrawal also the enrolling device's template of that enrollment.
 */
export function roamedTemplateApplier(templates: FaceTemplatesTable, onEvent: (event: RoamedTemplateEvent) => void = () => {}) {
  return (row: FaceTemplateRow, seq: number): void => {
    const local = templates.get(row.user_id);
    const localSeq = templates.feedSeq(row.user_id);
    if (localSeq !== null && seq <= localSeq) return;
    const event = (change: RoamedTemplateEvent['change']) => onEvent({ userId: row.user_id, change, version: row.version, state: row.state });
    if (row.state === 'present') {
      if (row.descriptor === null) return; // superseded: the server sends the current copy further on
      if (local?.templateId === row.template_id) {
        if (local.origin === 'roamed') templates.setFeedSeq(row.user_id, seq);
        return;
      }
      templates.putRoamed({
        userId: row.user_id,
        templateId: row.template_id,
        modelId: row.model_id,
        descriptor: row.descriptor,
        captures: row.captures,
        consentVersion: row.consent_version,
        enrolledBy: row.enrolled_by,
        enrolledAt: row.enrolled_at,
        roamingConsentVersion: row.roaming_consent_version,
      }, seq);
      event('received');
      return;
    }
    if (!local) return;
    const ofThisEnrollment = row.state === 'enrollment-withdrawn' && local.templateId === row.template_id;
    if (local.origin === 'roamed' || ofThisEnrollment) {
      templates.delete(row.user_id);
      event('removed');
    } else if (local.templateId === row.template_id) {
      // The enrolling device: its template stays, no longer roaming.
      templates.setRoaming(row.user_id, null);
    }
  };
}
