import type { SyncStatus } from '../../../shared/ipc';
import type { WireTable } from '../../../shared/sync';
import type { Db } from '../store/database';
import { outboxTable, type OutboxTable } from '../store/outbox';
import { describeFailure } from './failure';
import type { SyncEngine } from './syncEngine';
import { syncStateTable, type SyncStateTable } from './syncState';

export interface SyncWorkerOptions {
  /** Between rounds while the link is up. */
  intervalMs: number;
  /** Backoff after a failed round doubles from this up to `maxBackoffMs`, with jitter. */
  minBackoffMs: number;
  maxBackoffMs: number;
  /**
   * A local write, while the link is up, is pushed after this long: a signed prescription
   * should not wait for the interval, and a burst of writes (a visit's allergies, diagnoses and
   * prescription) shares one round.
   */
  pushDelayMs: number;
}

export const defaultSyncWorkerOptions: SyncWorkerOptions = { intervalMs: 10_000, minBackoffMs: 1_000, maxBackoffMs: 60_000, pushDelayMs: 300 };

/**
 * Runs sync rounds in the background of the core: going offline and back needs no one to press
 * anything. It reports its state after every round and every pulled page.
 */
export class SyncWorker {
  private timer: NodeJS.Timeout | null = null;
  /** When the scheduled round starts (this process's clock: it only times rounds, never orders changes). */
  private dueAt: number | null = null;
  private writtenDuringRound = false;
  private running: Promise<void> | null = null;
  private failures = 0;
  private started = false;
  private stopped = false;
  private status: SyncStatus;
  // Prepared once: counts are read on every status update, pages included.
  private readonly outbox: OutboxTable;
  private readonly state: SyncStateTable;

  constructor(
    private readonly engine: SyncEngine,
    db: Db,
    private readonly report: (status: SyncStatus, tables: WireTable[]) => void,
    private readonly options: SyncWorkerOptions = defaultSyncWorkerOptions,
    private readonly log: (line: string) => void = (line) => console.error(line),
  ) {
    this.outbox = outboxTable(db);
    this.state = syncStateTable(db);
    this.status = { link: 'offline', linkReason: null, syncing: false, ...this.counts(), lastSuccessAt: this.state.lastSuccessAt(), pulledThisRound: 0, progress: null, auditRefused: this.state.auditRefusal()?.message ?? null };
  }

  current(): SyncStatus {
    return { ...this.status, ...this.counts() };
  }

  /**
   * From here on the worker drives itself: rounds follow each other, and a local write asks for one.
   * Without it (tests, `background: false`) a round runs only when someone calls `syncNow`.
   */
  start(): void {
    this.started = true;
    this.schedule(0);
  }

  /**
   * A change was just enqueued. While online, push it within `pushDelayMs`: writes in that window
   * share the round, and one made during a round gets another right after it (the round may
   * have read the outbox before it). Offline, the backoff already decides when to try again.
   */
  pushSoon(): void {
    if (this.stopped || this.status.link !== 'online') return;
    if (this.running) {
      this.writtenDuringRound = true;
      return;
    }
    if (this.dueAt !== null && this.dueAt <= Date.now() + this.options.pushDelayMs) return;
    this.schedule(this.options.pushDelayMs);
  }

  /** Runs a round now (or joins the one under way); resolves when it is over. */
  syncNow(): Promise<void> {
    if (this.running) return this.running;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.dueAt = null;
    this.running = this.round().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /**
   * Never rejects: whatever goes wrong in a round (a refusal the engine has no rule for, an answer
   * from a server of another version, a bug) is logged without patient data, shown as the link's
   * reason, and followed by another round with backoff. A worker that stopped on one error would
   * leave every user's changes waiting with nobody told (issue 8, item 2).
   */
  private async round(): Promise<void> {
    let online = false;
    this.writtenDuringRound = false;
    try {
      this.update({ syncing: true, pulledThisRound: 0, progress: null }, []);
      const result = await this.engine.syncOnce((pulled, progress) => this.update({ pulledThisRound: pulled, progress }, []));
      online = result.link === 'online';
      this.update(
        { syncing: false, progress: null, link: result.link, linkReason: result.reason, lastSuccessAt: this.state.lastSuccessAt(), auditRefused: result.auditRefused },
        result.tables,
      );
    } catch (error) {
      const reason = describeFailure(error);
      this.log(`sync round failed: ${reason}`);
      this.updateQuietly({ syncing: false, progress: null, link: 'offline', linkReason: reason });
    }
    this.failures = online ? 0 : this.failures + 1;
    if (this.stopped) return;
    if (!online) this.schedule(this.backoff());
    else this.schedule(this.writtenDuringRound ? this.options.pushDelayMs : this.options.intervalMs);
  }

  /** A status report that cannot itself end the round (the listener is the core's, but a throw there must not stop sync). */
  private updateQuietly(change: Partial<SyncStatus>) {
    try {
      this.update(change, []);
    } catch (error) {
      this.log(`sync status report failed: ${describeFailure(error)}`);
    }
  }

  private backoff(): number {
    const ceiling = Math.min(this.options.maxBackoffMs, this.options.minBackoffMs * 2 ** Math.min(this.failures, 16));
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }

  private schedule(delayMs: number) {
    if (this.stopped || !this.started) return;
    if (this.timer) clearTimeout(this.timer);
    this.dueAt = Date.now() + delayMs;
    this.timer = setTimeout(() => void this.syncNow(), delayMs);
    this.timer.unref();
  }

  private update(change: Partial<SyncStatus>, tables: WireTable[]) {
    this.status = { ...this.status, ...change, ...this.counts() };
    this.report(this.status, tables);
  }

  private counts() {
    const { pending, held, quarantined } = this.outbox.counts();
    return { pending, held, quarantined };
  }
}
