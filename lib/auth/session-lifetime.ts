/** A session ends after this long without a request (documented in README "Sessions"). */
export const sessionIdleLifetimeSeconds = 24 * 60 * 60;
/** A session ends this long after sign-in, however active it is. */
export const sessionAbsoluteLifetimeSeconds = 14 * 24 * 60 * 60;
/** lastSeenAt is written at most this often, so a page view is usually read-only. */
export const sessionTouchIntervalSeconds = 60;
/** Enabling, disabling and regenerating ask for the password again after this long. */
export const reauthenticationWindowSeconds = 10 * 60;
