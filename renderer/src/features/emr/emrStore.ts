import { create } from 'zustand';
import type { AnswerValue, Answers } from '../../../../shared/emr/answers';
import { compileCatalogue } from '../../../../shared/emr/catalogue';
import type { Template } from '../../../../shared/emr/template';
import type { EmrDraftView, EmrRecordView, FieldErrorView } from '../../../../shared/ipc/emrChannels';
import type { AppError } from '../../../../shared/result';
import { invoke, subscribe } from '../../api';
import type { SignProof } from '../face/SigningVerification';
import { usePatients } from '../patients/patientsStore';

/** Autosave: a few seconds after the last keystroke (issue 11), and at once before checking or signing. */
export const autosaveDelayMs = 1500;

type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

interface EmrState {
  templates: Template[];
  patientId: string | null;
  records: EmrRecordView[];
  drafts: EmrDraftView[];
  draft: EmrDraftView | null;
  answers: Answers;
  saveState: SaveState;
  savedAt: string | null;
  fieldErrors: FieldErrorView[];
  signing: boolean;
  error: AppError | null;
  load: (patientId: string) => Promise<void>;
  /** The templates in force again: the hospital's feed brought a version. */
  loadTemplates: () => Promise<void>;
  start: (templateUrl: string) => Promise<void>;
  resume: (draft: EmrDraftView) => void;
  setAnswer: (linkId: string, values: AnswerValue[]) => void;
  /** Saves, then asks main for the field errors; true when there are none. */
  check: () => Promise<boolean>;
  sign: (proof: SignProof) => Promise<AppError | null>;
  amend: (recordId: string, reason: string) => Promise<AppError | null>;
  close: () => void;
}

let timer: ReturnType<typeof setTimeout> | null = null;

export const useEmr = create<EmrState>((set, get) => {
  async function save(): Promise<boolean> {
    if (timer) clearTimeout(timer);
    timer = null;
    const { draft, answers } = get();
    if (!draft) return false;
    set({ saveState: 'saving' });
    const result = await invoke('emr:draft:save', { draftId: draft.id, answers });
    if (!result.ok) {
      set({ saveState: 'failed', error: result.error });
      return false;
    }
    // Edits made while the save was under way stay pending.
    if (get().saveState === 'saving') set({ saveState: 'saved' });
    set({ savedAt: result.value.updatedAt });
    return true;
  }

  async function reload(patientId: string) {
    const [records, drafts] = await Promise.all([invoke('emr:records', { patientId }), invoke('emr:drafts', { patientId })]);
    set({ records: records.ok ? records.value.records : [], drafts: drafts.ok ? drafts.value.drafts : [], error: records.ok ? null : records.error });
  }

  const open = (draft: EmrDraftView) => set({ draft, answers: draft.answers, saveState: 'saved', savedAt: draft.updatedAt, fieldErrors: [], error: null });

  return {
    templates: [],
    patientId: null,
    records: [],
    drafts: [],
    draft: null,
    answers: {},
    saveState: 'saved',
    savedAt: null,
    fieldErrors: [],
    signing: false,
    error: null,
    async load(patientId) {
      if (get().patientId !== patientId) set({ patientId, draft: null, records: [], drafts: [] });
      if (get().templates.length === 0) await get().loadTemplates();
      await reload(patientId);
    },
    async loadTemplates() {
      const templates = await invoke('emr:templates', {});
      if (templates.ok) set({ templates: compileCatalogue(templates.value.resources) });
    },
    async start(templateUrl) {
      const { patientId } = get();
      if (!patientId) return;
      const result = await invoke('emr:draft:start', { patientId, templateUrl });
      if (!result.ok) return set({ error: result.error });
      open(result.value);
    },
    resume: open,
    setAnswer(linkId, values) {
      const answers = { ...get().answers };
      if (values.length === 0) delete answers[linkId];
      else answers[linkId] = values;
      set({ answers, saveState: 'pending', fieldErrors: get().fieldErrors.filter((e) => e.linkId !== linkId) });
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void save(), autosaveDelayMs);
    },
    async check() {
      const { draft } = get();
      if (!draft || !(await save())) return false;
      const result = await invoke('emr:draft:check', { draftId: draft.id });
      if (!result.ok) {
        set({ error: result.error });
        return false;
      }
      set({ fieldErrors: result.value.errors });
      return result.value.errors.length === 0;
    },
    async sign(proof) {
      const { draft, patientId } = get();
      if (!draft || !patientId) return null;
      if (!(await get().check())) return { code: 'RECORD_INCOMPLETE', message: '' };
      set({ signing: true });
      const result = await invoke('emr:sign', { draftId: draft.id, ...proof });
      set({ signing: false });
      if (!result.ok) return result.error;
      set({ draft: null });
      // A new visit's encounter was written with the record: the timeline shows it, with the record under it.
      await Promise.all([reload(patientId), usePatients.getState().refresh()]);
      return null;
    },
    async amend(recordId, reason) {
      const result = await invoke('emr:amend', { recordId, reason });
      if (!result.ok) return result.error;
      open(result.value);
      return null;
    },
    close() {
      if (timer) void save();
      set({ draft: null });
      const { patientId } = get();
      if (patientId) void reload(patientId);
    },
  };
});

/**
 * The template of a draft or record: the version it names (every version stays in the catalogue).
 * Main lists the hospital's newest version of each url first (shared/emr/hospitalTemplates.ts).
 */
export const templateOf = (templates: readonly Template[], url: string, version: string): Template | undefined =>
  templates.find((x) => x.url === url && x.version === version);

/** One template per url, the version a new record is written in. */
export const newestTemplates = (templates: readonly Template[]): Template[] =>
  templates.filter((x, i) => templates.findIndex((y) => y.url === x.url) === i);

/** Records signed on other devices and the hospital's templates arrive by sync: refresh. Called once at start. */
export function followEmrEvents(): void {
  subscribe('sync:applied', ({ tables }) => {
    const { patientId, load, loadTemplates } = useEmr.getState();
    if (tables.includes('emr_templates')) void loadTemplates();
    if (patientId && tables.includes('emr_records')) void load(patientId);
  });
}
