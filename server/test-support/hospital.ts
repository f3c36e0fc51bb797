import { generateKeyPairSync, randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { requestProofHeaders } from '../../common/auth/requestProof';
import { tokenChallengeMessage } from '../../shared/sync/auth';
import type { Role } from '../../shared/domain/roles';
import type { Mutation, PullResponse, PushResponse } from '../../shared/sync/wire';
import { buildServer } from '../app';
import { testCa } from '../signing/ca';
import { testFaceTemplateKey } from '../face/templateKey';
import { createBootstrapCode } from '../auth/bootstrap';
import { seedDemoHospital } from '../demo/seed';
import type { Database } from '../db/types';
import { openTestDatabase, type DbKind, type TestDatabase } from './databases';
import { restorable, type RestorableDatabase } from './restorable';
import { keyRegistrationMessage, type IssuedCertificate } from '../../shared/signing/certificate';
import { sm2SignWith } from '../../shared/signing/sm2';
import { signAs, testSigningKey, type TestSigner } from './prescriptions';

/** Cheap scrypt for tests only (the format and code path are the production ones). */
export const testHashParams = { N: 1024, r: 8, p: 1, keyLength: 32 };
export const demoToday = '2026-01-15';

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

export interface DeviceKeys {
  id: string;
  privateKey: KeyObject;
  publicKeyBase64: string;
}

export interface Workstation {
  deviceId: string;
  device: DeviceKeys;
  token: string;
  userId: string;
  account: string;
  /** The hospital CA's certificate for the user's test signing key, registered through the real route. */
  certificateId: string;
}

/**
 * A hospital server on a real database, driven through HTTP (Fastify inject), with helpers that
 * act as workstations: register a device, get it approved, sign in with a signed challenge.
 */
export class TestHospital {
  /** The server's clock (real time unless a test moves it, so spawned servers agree with it). */
  private adminWs: Workstation | undefined;
  /** Which device each token was issued to, so requests are signed with its key. */
  private readonly tokenDevices = new Map<string, DeviceKeys>();
  /** Each user's certificate serial, once their test key is registered (once per user). */
  private readonly certificates = new Map<string, string>();

  private constructor(readonly testDb: TestDatabase, private readonly database: RestorableDatabase, readonly app: FastifyInstance, private readonly serverClock: { at: number }) {}

  get clock(): number {
    return this.serverClock.at;
  }
  set clock(at: number) {
    this.serverClock.at = at;
  }

  static async start(kind: DbKind, options: { patients?: number; clusterUrl?: string } = {}): Promise<TestHospital> {
    const testDb = await openTestDatabase(kind, options.clusterUrl);
    if (options.patients !== undefined) await seedDemoHospital(testDb.db, options.patients, { seed: 7, today: demoToday, hashParams: testHashParams });
    const clock = { at: Date.now() };
    const db = restorable(testDb);
    // The retention purge is run by hand in tests (server/audit/retention.test.ts), never by the timer.
    const app = buildServer({ db, now: () => new Date(clock.at), hashParams: testHashParams, ca: testCa, faceTemplateKey: testFaceTemplateKey, auditPurgeIntervalMs: null });
    return new TestHospital(testDb, db, app, clock);
  }

  /** The server's database; `backup()` and `restore()` take it back in time under the running server. */
  get db(): RestorableDatabase {
    return this.database;
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.database.dispose();
  }

  /**
   * A request as a workstation sends it. With a token, it is signed with the key of the device the
   * token was issued to (shared/sync/proof.ts), unless `signWith` names another key, or `null` for
   * none; `headers` win over the proof's (to send a captured or altered proof).
   */
  async request<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string>; signWith?: KeyObject | null } = {},
  ): Promise<Answer<T>> {
    let payload: string | undefined;
    if (options.rawBody !== undefined) payload = options.rawBody;
    else if (options.body !== undefined) payload = JSON.stringify(options.body);
    const headers: Record<string, string> = {};
    if (options.token) {
      headers.authorization = `Bearer ${options.token}`;
      const key = options.signWith === undefined ? this.tokenDevices.get(options.token)?.privateKey : options.signWith;
      if (key) Object.assign(headers, requestProofHeaders({ method, pathWithQuery: url, body: payload ?? '', token: options.token, key, now: this.clock }));
    }
    Object.assign(headers, options.headers);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const response = await this.app.inject({ method, url, headers, ...(payload !== undefined ? { payload } : {}) });
    // A CSV export answers text; everything else answers JSON.
    const json = String(response.headers['content-type'] ?? '').includes('json');
    return { status: response.statusCode, body: (response.body ? (json ? response.json() : response.body) : null) as T };
  }

  async registerDevice(name = 'ws'): Promise<DeviceKeys> {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const publicKeyBase64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const answer = await this.request<{ deviceId: string }>('POST', '/devices/register', { body: { name, publicKey: publicKeyBase64 } });
    if (answer.status !== 201) throw new Error(`register: ${answer.status} ${JSON.stringify(answer.body)}`);
    return { id: answer.body.deviceId, privateKey, publicKeyBase64 };
  }

  async signIn(device: DeviceKeys, account: string, password: string): Promise<Answer<{ token: string; user: { id: string } }>> {
    const challenge = await this.request<{ challengeId: string; nonce: string }>('POST', '/auth/challenge', { body: { deviceId: device.id } });
    if (challenge.status !== 200) return challenge as unknown as Answer<{ token: string; user: { id: string } }>;
    const signature = sign(null, Buffer.from(tokenChallengeMessage(device.id, account, challenge.body.nonce)), device.privateKey).toString('base64');
    const answer = await this.request<{ token: string; user: { id: string } }>('POST', '/auth/token', {
      body: { account, password, deviceId: device.id, challengeId: challenge.body.challengeId, signature },
    });
    if (answer.status === 200) this.tokenDevices.set(answer.body.token, device);
    return answer;
  }

  /**
   * An admin session. On an empty hospital: the first admin, through the real bootstrap route. On a
   * seeded one (which already has the demo admin, and so refuses bootstrap): the demo admin on a
   * device approved in the database, as an operator would with `--auto-approve-devices`.
   */
  async admin(): Promise<Workstation> {
    if (this.adminWs) return this.adminWs;
    const code = await createBootstrapCode(this.db, new Date(this.clock));
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const publicKeyBase64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    let device: DeviceKeys;
    let account = 'root';
    let password = 'root-admin-password';
    if (code) {
      const boot = await this.request<{ deviceId: string; userId: string }>('POST', '/bootstrap/admin', {
        body: { code, account, password, displayName: 'Root', device: { name: 'admin-ws', publicKey: publicKeyBase64 } },
      });
      if (boot.status !== 201) throw new Error(`bootstrap: ${boot.status} ${JSON.stringify(boot.body)}`);
      device = { id: boot.body.deviceId, privateKey, publicKeyBase64 };
    } else {
      ({ account, password } = demo.admin);
      device = await this.registerDevice('admin-ws');
      await this.db.query(`UPDATE devices SET status = 'approved' WHERE id = $1`, [device.id]);
    }
    const token = await this.signIn(device, account, password);
    if (token.status !== 200) throw new Error(`admin sign-in: ${token.status} ${JSON.stringify(token.body)}`);
    const session = { deviceId: device.id, device, token: token.body.token, userId: token.body.user.id, account };
    this.adminWs = { ...session, certificateId: await this.certificateOf(session) };
    return this.adminWs;
  }

  async approve(deviceId: string): Promise<void> {
    const admin = await this.admin();
    const answer = await this.request('POST', `/admin/devices/${deviceId}/approve`, { token: admin.token });
    if (answer.status !== 200) throw new Error(`approve: ${answer.status} ${JSON.stringify(answer.body)}`);
  }

  /**
   * An account as an admin creates it, which then chooses `password` at its first sign-in (issue 12:
   * an admin-set password must be changed), through the real routes on a device of its own.
   */
  async createAccount(account: string, roles: Role[], department: string, password = `${account}-password`): Promise<string> {
    const admin = await this.admin();
    const setByAdmin = `${password}-set-by-admin`;
    const answer = await this.request<{ account: { id: string } }>('POST', '/admin/accounts', {
      token: admin.token, body: { account, password: setByAdmin, displayName: account, roles, department, licenceNo: `L-${account}` },
    });
    if (answer.status !== 201) throw new Error(`create account: ${answer.status} ${JSON.stringify(answer.body)}`);
    const device = await this.registerDevice(`${account}-first-sign-in`);
    await this.approve(device.id);
    const first = await this.signIn(device, account, setByAdmin);
    const changed = await this.request('POST', '/auth/password', { token: first.body.token, body: { oldPassword: setByAdmin, newPassword: password } });
    if (changed.status !== 200) throw new Error(`first password change: ${changed.status} ${JSON.stringify(changed.body)}`);
    return answer.body.account.id;
  }

  /** A registered, approved device with `account` signed in (demo accounts use their demo password). */
  async workstation(account: string, password: string, name = `${account}-ws`): Promise<Workstation> {
    const device = await this.registerDevice(name);
    await this.approve(device.id);
    const signedIn = await this.signIn(device, account, password);
    if (signedIn.status !== 200) throw new Error(`sign in ${account}: ${signedIn.status} ${JSON.stringify(signedIn.body)}`);
    const session = { deviceId: device.id, device, token: signedIn.body.token, userId: signedIn.body.user.id, account };
    return { ...session, certificateId: await this.certificateOf(session) };
  }

  /**
   * The certificate of the user's test signing key, registered through `POST /signing/keys` the
   * first time the user signs in on this hospital, as a workstation does at an online sign-in.
   */
  async certificateOf(ws: Omit<Workstation, 'certificateId'>): Promise<string> {
    const known = this.certificates.get(ws.userId);
    if (known) return known;
    const key = testSigningKey(ws.userId);
    const proof = sm2SignWith((bytes) => randomBytes(bytes).toString('hex'), keyRegistrationMessage(ws.userId, ws.deviceId, key.publicKey), key);
    const answer = await this.request<IssuedCertificate>('POST', '/signing/keys', { token: ws.token, body: { publicKey: key.publicKey, proof } });
    if (answer.status !== 200) throw new Error(`register signing key of ${ws.account}: ${answer.status} ${JSON.stringify(answer.body)}`);
    this.certificates.set(ws.userId, answer.body.certificate.serial);
    return answer.body.certificate.serial;
  }

  push(ws: Workstation, batch: Mutation[]): Promise<Answer<PushResponse>> {
    return this.request('POST', '/sync/push', { token: ws.token, body: { deviceId: ws.deviceId, batch } });
  }

  pull(ws: Workstation, cursor: number, options: { limit?: number; scopeEpoch?: number; tables?: string } = {}): Promise<Answer<PullResponse>> {
    const query = new URLSearchParams({ cursor: String(cursor), limit: String(options.limit ?? 500) });
    if (options.scopeEpoch !== undefined) query.set('scopeEpoch', String(options.scopeEpoch));
    if (options.tables !== undefined) query.set('tables', options.tables);
    return this.request('GET', `/sync/pull?${query}`, { token: ws.token });
  }

  /** Pulls to the end like a worker would, following scope resets; returns every change seen. */
  async pullAll(ws: Workstation, state: { cursor: number; scopeEpoch?: number } = { cursor: 0 }, limit = 500) {
    const changes: PullResponse['changes'] = [];
    let resets = 0;
    for (;;) {
      const page = await this.pull(ws, state.cursor, { limit, ...(state.scopeEpoch !== undefined ? { scopeEpoch: state.scopeEpoch } : {}) });
      if (page.status !== 200) throw new Error(`pull: ${page.status} ${JSON.stringify(page.body)}`);
      if (page.body.reset && state.scopeEpoch !== undefined) resets++;
      changes.push(...page.body.changes);
      state.cursor = page.body.nextCursor;
      state.scopeEpoch = page.body.scopeEpoch;
      if (!page.body.hasMore) return { changes, state, resets };
    }
  }
}

/**
 * Headers for a workstation's request sent with raw `fetch` (to a spawned server, say): the token and
 * a fresh proof signed by its device's key. Call it for every send: a proof is single use.
 */
export function signedHeaders(ws: Workstation, method: string, pathWithQuery: string, body = '', now = Date.now()): Record<string, string> {
  return {
    ...(body === '' ? {} : { 'content-type': 'application/json' }),
    authorization: `Bearer ${ws.token}`,
    ...requestProofHeaders({ method, pathWithQuery, body, token: ws.token, key: ws.device.privateKey, now }),
  };
}

/** Demo physician "doctor" works in cardiology; "doctor2" in endocrinology (shared/demo/users.ts). */
export const demo = {
  doctor: { account: 'doctor', password: 'doctor-demo-2026' },
  doctor2: { account: 'doctor2', password: 'doctor2-demo-2026' },
  pharmacist: { account: 'pharmacist', password: 'pharmacist-demo-2026' },
  admin: { account: 'admin', password: 'admin-demo-2026' },
} as const;

export async function patientOf(db: Database, department: string): Promise<{ id: string; version: number; phone: string }> {
  const [row] = await db.query<{ id: string; version: number; phone: string }>(
    `SELECT id, version, phone FROM patients WHERE department = $1 ORDER BY id LIMIT 1`, [department],
  );
  if (!row) throw new Error(`no demo patient in ${department}`);
  return row;
}

/** Mutation builders with fresh ids and a correct clock unless told otherwise. */
const clientTimeAt = (offsetMs = 0, base = Date.now()): string => new Date(base + offsetMs).toISOString();
export const m = {
  time: clientTimeAt,
  setPhone: (patientId: string, value: string, baseVersion: number, clientTime = clientTimeAt()): Mutation => ({
    mutationId: randomUUID(), kind: 'patient.field.set', baseVersion, clientTime, payload: { patientId, field: 'phone', value },
  }),
  addAllergy: (patientId: string, allergen: string, clientTime = clientTimeAt()): Mutation => ({
    mutationId: randomUUID(), kind: 'allergy.add', clientTime, payload: { id: randomUUID(), patientId, allergen, reaction: '皮疹', recordedOn: demoToday },
  }),
  removeAllergy: (allergyId: string, reason = 'entered in error'): Mutation => ({
    mutationId: randomUUID(), kind: 'allergy.status.set', clientTime: clientTimeAt(), payload: { allergyId, status: 'removed', reason },
  }),
  addEncounter: (patientId: string, id = randomUUID()): Mutation => ({
    mutationId: randomUUID(), kind: 'encounter.add', clientTime: clientTimeAt(),
    payload: { id, patientId, date: demoToday, kind: 'follow-up', channel: 'online', chiefComplaint: '复诊' },
  }),
  addDiagnosis: (patientId: string, encounterId: string | null): Mutation => ({
    mutationId: randomUUID(), kind: 'diagnosis.add', clientTime: clientTimeAt(),
    payload: { id: randomUUID(), patientId, encounterId, icd10: 'I10', label: '原发性高血压', setting: 'online', diagnosedOn: demoToday },
  }),
  /** A prescription signed by `by` (the pushing account: the server checks the prescriber is the sender). */
  submitRx: (by: TestSigner, patientId: string, encounterId: string, options: { id?: string; previousId?: string; drug?: string } = {}): Mutation => ({
    mutationId: randomUUID(), kind: 'prescription.submit', clientTime: clientTimeAt(),
    payload: signAs(by, {
      id: options.id ?? randomUUID(), patientId, encounterId, issuedOn: demoToday,
      items: [{ drug: options.drug ?? 'amlodipine', dose: '5 mg', frequency: 'qd', days: 28 }],
      previousId: options.previousId ?? null, reason: options.previousId ? 'dose corrected' : null,
    }),
  }),
  voidRx: (prescriptionId: string, reason = 'patient declined the medicine'): Mutation => ({
    mutationId: randomUUID(), kind: 'prescription.void', clientTime: clientTimeAt(), payload: { prescriptionId, reason },
  }),
};
