/*
 * TRANSITIONAL: the public and applicant pages moved to web/calls/ and web/applications/, and the status tag
 * to web/components/. Other areas still import these two from here; once they import from their new places,
 * this file goes.
 */
export { ApplicationView } from '../applications/applications.page.js';
export { StatusTag } from '../components/status-tag.js';
