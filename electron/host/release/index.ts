/**
 * Sign-offs, bundles and the ceremony, as plain functions over Services, for
 * the CLI today and the app's handlers next. Each takes the plan (fresh from
 * disk) and, where something is signed, an Identity (a passphrase key file in
 * the CLI, an OS-sealed one in the app: native/keystore).
 */
export { releaseStatusOf } from './status';
export { resultSigner, signRunResult } from './sign-result';
export { buildRequest } from './request';
export { signRequest, type SignDecision } from './sign-request';
export { checkSignatureFile, importSignatures, type ImportFile, type ImportProblem, type Imported } from './import-signatures';
export { waiveGate, type WaiveRequest } from './waive';
export { buildBundle, ceremonyRoleProblem, type BuiltBundle } from './bundle';
export { ceremonyBlockers, defaultBundleDir, holdCeremony, type CeremonyResult } from './ceremony';
export { freezeRun, ReleaseError } from './freeze-run';
export { checkRequest } from '../../core/release/request';
export { verifyBundle, type VerifyReport, type VerifyCheck } from '../../core/release/verify-bundle';
