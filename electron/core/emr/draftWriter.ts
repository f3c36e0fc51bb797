/**
 * The child process of the killed-process test (draftRecovery.test.ts): opens the real store,
 * signs in, autosaves a record draft through the real channels, reports the draft's id, and keeps
 * saving until the test SIGKILLs it.
 */
import { createCore } from '../core';
import { keyFileSource } from '../store/keyring';

const [dataDir, patientId] = process.argv.slice(2) as [string, string];
const core = createCore({ dataDir, key: keyFileSource(dataDir).loadOrCreateKey(), log: () => {}, facePolicy: { passwordOnlySigning: true } });
const call = async (channel: string, request: unknown) => {
  const r = await core.dispatch(channel, request, 'writer');
  if (!r.ok) throw new Error(`${channel}: ${r.error.code}`);
  return r.value as { id: string };
};
await call('auth:signIn', { account: 'doctor', password: 'doctor-demo-2026' });
const draft = await call('emr:draft:start', { patientId, templateUrl: 'https://caredesk.example.cn/fhir/Questionnaire/hypertension-follow-up' });
await call('emr:draft:save', { draftId: draft.id, answers: { 'chief-complaint': ['头晕一周'], sbp: [158], dbp: [96] } });
process.stdout.write(`saved ${draft.id}\n`);
// Autosaves keep coming, as the form sends them, until the process is killed mid-stream.
for (let n = 0; ; n++) {
  await call('emr:draft:save', { draftId: draft.id, answers: { 'chief-complaint': ['头晕一周'], sbp: [158], dbp: [96], plan: [`save ${n}`] } });
}
