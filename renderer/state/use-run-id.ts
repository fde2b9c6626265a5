/** Resolves a gate's run number (from the status view) to the run id requests need. */
import { useEffect } from 'react';
import { useRuns } from './runs';
import { reportUnlessOffline } from './toasts';

export function useRunIdFor(gateId: string, runNo: number | null): number | null {
  const id = useRuns((s) => {
    if (runNo == null) return null;
    return (s.byGate[gateId] ?? []).find((rid) => s.byId[rid]?.runNo === runNo) ?? null;
  });
  useEffect(() => {
    if (runNo != null && id == null) void useRuns.getState().fetchGateRuns(gateId).catch(reportUnlessOffline(`Could not load the runs of ${gateId}`));
  }, [gateId, runNo, id]);
  return id;
}
