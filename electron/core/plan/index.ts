/** The plan module's public surface. */
export type * from './types';
export { parsePlan } from './parse-plan';
export { parseDuration } from './duration';
export { parseThresholdExpr, type ThresholdExprResult } from './threshold-grammar';
export { formatDiagnostic, formatDiagnostics, sortDiagnostics } from './diagnostics';
export { topoOrder, findCycles } from './graph';
export { decodeSignerKey, keyIdOf } from './parse-signers';
export { canonicalJson } from './digest';
