import { useEffect } from 'react';
import { RecordPrint } from '../emr/RecordPrint';
import { PrescriptionPrint } from '../rx/PrescriptionPrint';
import { usePrint } from './printStore';

/**
 * The document open for print, if any, over whatever screen asked for it. It is dropped when the
 * workspace goes (a lock or a sign-out), so no patient's print waits for the next person.
 */
export function PrintOverlay() {
  const open = usePrint((s) => s.open);
  useEffect(() => () => usePrint.getState().close(), []);
  if (!open) return null;
  return open.kind === 'prescription' ? <PrescriptionPrint doc={open.doc} /> : <RecordPrint doc={open.doc} />;
}
