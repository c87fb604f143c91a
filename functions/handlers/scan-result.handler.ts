import middy from '@middy/core';
import { bootFiles } from '../app/boot-files.js';
import { observed } from '../app/powertools.js';
import { SCANNER } from '../core/auth/system.js';
import { recordScanResult } from '../core/documents/document.service.js';
import { scanResultOf } from './scan-result.schema.js';

const booted = bootFiles();
const { logger, core } = booted;

/**
 * GuardDuty Malware Protection's verdict on an uploaded document, by an EventBridge rule: clean, or infected
 * (quarantined, its uploader told through the outbox). Failures are rethrown for EventBridge's retries, then the
 * dead-letter queue.
 */
export const handler = observed(
  middy(async (event: unknown) => {
    const result = scanResultOf(event);
    if (!result) {
      logger.warn('Not a scan result of an object: ignored');
      return;
    }
    const status = await recordScanResult(core, SCANNER, result);
    logger.info('Scan result', {
      objectKey: result.objectKey,
      verdict: result.status,
      status: status ?? 'unchanged',
    });
  }),
  booted,
);
