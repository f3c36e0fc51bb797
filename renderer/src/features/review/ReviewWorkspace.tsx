import { ReviewQueue } from './ReviewQueue';
import { ReviewScreen } from './ReviewScreen';

/** Pharmacist mode (issue 10): the shared queue beside the prescription under review. */
export function ReviewWorkspace() {
  return (
    <div className="panes review-panes">
      <ReviewQueue />
      <ReviewScreen />
    </div>
  );
}
