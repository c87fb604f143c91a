/** Larger bodies are refused before parsing, by the API and the web forms alike; a full application is a few tens of kB. */
export const MAX_BODY_BYTES = 256 * 1024;
