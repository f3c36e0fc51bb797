import { RecordPrint } from '../emr/RecordPrint';
import { PrescriptionPrint } from '../rx/PrescriptionPrint';
import { usePrint } from './printStore';

/** The document open for print, if any, over whatever screen asked for it. */
export function PrintOverlay() {
  const open = usePrint((s) => s.open);
  if (!open) return null;
  return open.kind === 'prescription' ? <PrescriptionPrint doc={open.doc} /> : <RecordPrint doc={open.doc} />;
}
