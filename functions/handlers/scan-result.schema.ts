import * as z from 'zod';
import type { ScanResult } from '../core/documents/document.service.js';

/**
 * GuardDuty Malware Protection for S3's event on EventBridge (detail-type "GuardDuty Malware Protection Object
 * Scan Result"): the object and the verdict. Anything else is not ours to read.
 */
const scanEventSchema = z.object({
  'detail-type': z.literal('GuardDuty Malware Protection Object Scan Result'),
  source: z.literal('aws.guardduty'),
  detail: z.object({
    scanStatus: z.string(),
    resourceType: z.literal('S3_OBJECT'),
    s3ObjectDetails: z.object({ bucketName: z.string(), objectKey: z.string() }),
    scanResultDetails: z.object({
      scanResultStatus: z.string(),
      threats: z
        .array(z.object({ name: z.string() }))
        .nullish()
        .transform((threats) => threats ?? []),
    }),
  }),
});

/** The verdict an event carries, or undefined for an event that is not a scan result of an object. */
export function scanResultOf(event: unknown): (ScanResult & { bucket: string }) | undefined {
  const parsed = scanEventSchema.safeParse(event);
  if (!parsed.success) return undefined;
  const { s3ObjectDetails, scanResultDetails } = parsed.data.detail;
  return {
    bucket: s3ObjectDetails.bucketName,
    objectKey: s3ObjectDetails.objectKey,
    status: scanResultDetails.scanResultStatus,
    threats: scanResultDetails.threats.map((t) => t.name),
  };
}
