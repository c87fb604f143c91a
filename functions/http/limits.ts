/** Larger bodies are refused before parsing, by the API and the web forms alike; a full application is a few tens of kB. */
export const MAX_BODY_BYTES = 256 * 1024;

/** What a 503 asks the client to wait before trying again (`Retry-After`, in seconds), on the API and the web. */
export const RETRY_AFTER_SECONDS = 5;
