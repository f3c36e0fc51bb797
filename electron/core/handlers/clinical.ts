import type { ClinicalWrites } from '../clinical/clinicalWrites';
import type { CallContext, HandlerGroup } from '../dispatch';
import type { Actor } from '../store/audit';

export const clinicalHandlers = (writes: ClinicalWrites, actorOf: (call: CallContext) => Actor) =>
  ({
    'allergies:add': (request, call) => writes.addAllergy(actorOf(call), request),
    'allergies:setStatus': (request, call) => writes.setAllergyStatus(actorOf(call), request),
    'patients:setContact': (request, call) => writes.setContactField(actorOf(call), request),
    'diagnoses:setStatus': (request, call) => writes.setDiagnosisStatus(actorOf(call), request),
  }) satisfies HandlerGroup<'allergies:add' | 'allergies:setStatus' | 'patients:setContact' | 'diagnoses:setStatus'>;
