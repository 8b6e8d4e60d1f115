export { findPerson, personForms, type PersonForm } from './find';
export { exportPerson } from './export';
export { erasePerson } from './erase';
export { setLegalHold, clearLegalHold, listLegalHolds } from './hold';
export { runRetention, loadRetentionYears, saveRetentionYears, defaultRetentionYears } from './retention';
export { PrivacyError, type PrivacyErrorCode } from './errors';
export { personDataRoles, legalHoldRoles, mayHandlePersonData, mayHoldForms } from './who';
export { maskKey } from './mask';
export { ERASED } from './anonymise';
