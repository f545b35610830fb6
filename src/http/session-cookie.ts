/** Name of the session cookie; `__Host-` (Secure, path /, no domain) when served over HTTPS. */
export const SESSION_COOKIE = 'cablegram_session'
export const SECURE_SESSION_COOKIE = '__Host-cablegram_session'
/** Header that must echo the session's CSRF token on every state-changing request made with the cookie. */
export const CSRF_HEADER = 'x-csrf-token'
