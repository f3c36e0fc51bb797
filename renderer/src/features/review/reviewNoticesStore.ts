import { create } from 'zustand';
import type { ReviewNotice } from '../../../../shared/ipc/reviewChannels';
import { invoke, subscribe } from '../../api';

interface ReviewNoticesState {
  notices: ReviewNotice[];
  /** Lists received so far: what an end-to-end test waits on instead of sleeping. */
  loads: number;
  open: boolean;
  load: () => Promise<void>;
  toggle: () => void;
  acknowledge: (notice: ReviewNotice) => Promise<void>;
  reset: () => void;
}

/** The signed-in user's open review notices: a physician's returns, a pharmacist's approvals voided since. */
export const useReviewNotices = create<ReviewNoticesState>((set, get) => ({
  notices: [],
  loads: 0,
  open: false,
  async load() {
    const result = await invoke('review:notices', {});
    // Notices are a convenience over the chart, which shows every outcome: a failed read keeps the last list.
    if (result.ok) set({ notices: result.value.notices, loads: get().loads + 1 });
  },
  toggle() {
    set({ open: !get().open });
  },
  async acknowledge(notice) {
    await invoke('review:acknowledge', { kind: notice.kind, prescriptionId: notice.prescriptionId });
    await get().load();
  },
  reset() {
    set({ notices: [], loads: 0, open: false });
  },
}));

/** Main says when a pull brought a return or a void after approval; called once at start. */
export function followReviewEvents(): void {
  const reload = () => void useReviewNotices.getState().load();
  subscribe('review:returned', reload);
  subscribe('review:voidedAfterApproval', reload);
}
