import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/*
 * The audit table's copy in S3 (AWS only): every audit event, as the audit table's stream reports it, put into a
 * bucket with Object Lock in compliance mode (infra/stacks/data-stack.ts), where no one, the account's root
 * included, can change or delete it until its retention ends. The table's IAM already lets the functions only
 * add events; the copy is what stays true if someone with more rights than the functions changes one.
 */

/** A stream record of the audit table, as much as the copy needs (images in DynamoDB's JSON). */
export interface AuditStreamRecord {
  eventID?: string;
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE';
  dynamodb?: {
    Keys?: Record<string, { S?: string }>;
    NewImage?: Record<string, unknown>;
    OldImage?: Record<string, unknown>;
  };
}

export interface AuditArchive {
  /** Copies one record; answers whether it was a change or removal of a stored event (never the functions'). */
  archive(record: AuditStreamRecord): Promise<'added' | 'tampered'>;
}

export function createAuditArchive(bucket: string, client = new S3Client({})): AuditArchive {
  return {
    archive: async (record) => {
      const pk = record.dynamodb?.Keys?.pk?.S;
      const sk = record.dynamodb?.Keys?.sk?.S;
      if (!pk || !sk) throw new Error(`Audit stream record ${record.eventID ?? '?'} has no keys`);
      const added = record.eventName === 'INSERT';
      // An insert is the event; anything else someone did to a stored one, kept beside it with both images.
      const Key = added
        ? `events/${encodeURIComponent(pk)}/${encodeURIComponent(sk)}.json`
        : `changed/${encodeURIComponent(pk)}/${encodeURIComponent(sk)}/${record.eventID ?? Date.now()}.json`;
      const Body = JSON.stringify(
        added
          ? record.dynamodb?.NewImage
          : { eventName: record.eventName, old: record.dynamodb?.OldImage, new: record.dynamodb?.NewImage },
      );
      await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body, ContentType: 'application/json' }));
      return added ? 'added' : 'tampered';
    },
  };
}
