import { create } from 'zustand';
import type { DraftView, SignPreview, VisitCheck, VisitView } from '../../../../shared/ipc/rxChannels';
import type { DrugView } from '../../../../shared/rx/dispense';
import type { DraftContent, DraftItem } from '../../../../shared/rx/draft';
import type { AppError } from '../../../../shared/result';
import { invoke } from '../../api';
import type { SignProof } from '../face/SigningVerification';
import { newItem } from './items';
import type { SignRiskAnswers } from './riskStepStore';

/** Items per Western-medicine prescription before ITEM_COUNT blocks (《处方管理办法》第六条). */
export const maxItemsPerPrescription = 5;

interface RxState {
  patientId: string | null;
  visit: VisitView | null;
  drafts: DraftView[];
  drugs: Record<string, DrugView>;
  check: VisitCheck;
  /** Check results received so far: what an end-to-end test waits on instead of sleeping. */
  checks: number;
  saving: boolean;
  error: AppError | null;
  preview: SignPreview | null;
  signError: AppError | null;
  signing: boolean;
  /** Id of the prescription signed last, for the confirmation line. */
  lastSigned: string | null;
  open: (patientId: string) => Promise<void>;
  /** Opens a visit main has just prepared (a revision's draft). */
  show: (visit: VisitView) => void;
  close: () => void;
  edit: (draftId: string, change: (content: DraftContent) => DraftContent) => void;
  addDrug: (draftId: string, drug: DrugView) => void;
  setOverride: (key: string, reason: string) => void;
  split: (draftId: string) => Promise<void>;
  addPrescription: () => Promise<void>;
  discard: (draftId: string) => Promise<void>;
  startSign: (draftId: string) => Promise<void>;
  cancelSign: () => void;
  /**
   * Signs what the preview showed. The proof of presence is a face step-up's accepted attempt, or
   * the password where the site's policy allows password-only signing; none when the last face
   * check is fresh enough and the prescription is not high-alert (main answers STEP_UP_REQUIRED if not).
   */
  /** `risk`: the patient-informed confirmation and long-supply reason of the sign step (issue 13). */
  sign: (proof: SignProof, risk?: SignRiskAnswers) => Promise<void>;
}

export type { SignProof };

const emptyCheck: VisitCheck = { alerts: [], incomplete: [], invalid: null };
const saveDelayMs = 300;
const timers = new Map<string, ReturnType<typeof setTimeout>>();
let saveTicket = 0;

export const useRx = create<RxState>((set, get) => {
  function applyVisit(visit: VisitView) {
    const drugs = { ...get().drugs };
    for (const d of visit.drugs) drugs[d.code] = d;
    set({ visit, drafts: visit.drafts, check: visit.check, checks: get().checks + 1, drugs, error: null });
  }

  /** Autosave: the latest content of a draft is written shortly after the last keystroke. */
  function scheduleSave(draftId: string) {
    const pending = timers.get(draftId);
    if (pending) clearTimeout(pending);
    set({ saving: true });
    timers.set(
      draftId,
      setTimeout(() => {
        timers.delete(draftId);
        const draft = get().drafts.find((d) => d.id === draftId);
        if (!draft) return;
        const ticket = ++saveTicket;
        void invoke('rx:draft:save', { draftId, content: draft.content }).then((result) => {
          if (ticket !== saveTicket) return; // a newer save will bring newer checks
          if (!result.ok) return set({ saving: false, error: result.error });
          const drugs = { ...get().drugs };
          for (const d of result.value.drugs) drugs[d.code] = d;
          set({ saving: timers.size > 0, check: result.value.check, checks: get().checks + 1, drugs, error: null });
        });
      }, saveDelayMs),
    );
  }

  async function reload() {
    const { visit } = get();
    if (!visit) return;
    const result = await invoke('rx:visit:get', { patientId: visit.patientId, encounterId: visit.encounterId });
    if (result.ok) applyVisit(result.value);
    else set({ error: result.error });
  }

  return {
    patientId: null,
    visit: null,
    drafts: [],
    drugs: {},
    check: emptyCheck,
    checks: 0,
    saving: false,
    error: null,
    preview: null,
    signError: null,
    signing: false,
    lastSigned: null,

    async open(patientId) {
      set({ patientId, visit: null, drafts: [], check: emptyCheck, preview: null, lastSigned: null, error: null });
      const result = await invoke('rx:visit:open', { patientId });
      if (get().patientId !== patientId) return;
      if (result.ok) applyVisit(result.value);
      else set({ error: result.error });
    },
    show(visit) {
      set({ patientId: visit.patientId, preview: null, lastSigned: null });
      applyVisit(visit);
    },
    close() {
      set({ patientId: null, visit: null, drafts: [], preview: null, lastSigned: null });
    },
    edit(draftId, change) {
      set({ drafts: get().drafts.map((d) => (d.id === draftId ? { ...d, content: change(d.content) } : d)) });
      scheduleSave(draftId);
    },
    addDrug(draftId, drug) {
      const context = get().visit?.context;
      if (!context) return;
      set({ drugs: { ...get().drugs, [drug.code]: drug } });
      get().edit(draftId, (c) => ({ ...c, items: [...c.items, newItem(drug, context)] }));
    },
    setOverride(key, reason) {
      // A reason belongs to its alert; every prescription the alert concerns records it.
      const concerned = new Set(get().check.alerts.find((a) => a.key === key)?.items.map((r) => r.prescriptionId) ?? []);
      for (const d of get().drafts) {
        if (concerned.size === 0 || concerned.has(d.id)) get().edit(d.id, (c) => ({ ...c, overrides: { ...c.overrides, [key]: reason } }));
      }
    },
    /** Moves the items beyond the fifth to a new prescription in the same visit. */
    async split(draftId) {
      const { visit, drafts } = get();
      const draft = drafts.find((d) => d.id === draftId);
      if (!visit || !draft) return;
      const moved = draft.content.items.slice(maxItemsPerPrescription);
      get().edit(draftId, (c) => ({ ...c, items: c.items.slice(0, maxItemsPerPrescription) }));
      await flush(draftId);
      const result = await invoke('rx:draft:add', { patientId: visit.patientId, encounterId: visit.encounterId, content: { ...draft.content, items: moved, overrides: draft.content.overrides } });
      if (result.ok) applyVisit(result.value);
      else set({ error: result.error });
    },
    async addPrescription() {
      const { visit } = get();
      if (!visit) return;
      const result = await invoke('rx:draft:add', { patientId: visit.patientId, encounterId: visit.encounterId });
      if (result.ok) applyVisit(result.value);
      else set({ error: result.error });
    },
    async discard(draftId) {
      await invoke('rx:draft:discard', { draftId });
      await reload();
    },
    async startSign(draftId) {
      await flush(draftId);
      set({ signError: null, preview: null });
      const result = await invoke('rx:sign:preview', { draftId });
      if (result.ok) set({ preview: result.value });
      else set({ signError: result.error });
    },
    cancelSign() {
      set({ preview: null, signError: null });
    },
    async sign(proof, risk = {}) {
      const { preview } = get();
      if (!preview) return;
      set({ signing: true, signError: null });
      const result = await invoke('rx:sign', { draftId: preview.draftId, digest: preview.digest, ...proof, ...risk });
      set({ signing: false });
      if (!result.ok) return set({ signError: result.error });
      set({ preview: null, lastSigned: result.value.id });
      await reload();
    },
  };

  /** Writes a draft's pending edits now (before signing or splitting). */
  async function flush(draftId: string) {
    const pending = timers.get(draftId);
    if (pending) clearTimeout(pending);
    timers.delete(draftId);
    const draft = get().drafts.find((d) => d.id === draftId);
    if (!draft) return;
    const result = await invoke('rx:draft:save', { draftId, content: draft.content });
    if (result.ok) set({ check: result.value.check, checks: get().checks + 1, saving: timers.size > 0 });
  }
});

export type { DraftItem };
