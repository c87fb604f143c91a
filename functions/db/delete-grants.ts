import * as keys from './keys.js';

/**
 * The only partitions anything deletes in (IAM: `dynamodb:LeadingKeys`, infra/constructs/app-function.ts
 * `allowDeletes`): what IAM grants the API function, and what the tests' DynamoDB client allows as IAM would
 * (test/support/iam.ts), so a delete outside them fails in the suite as it would in AWS. IAM can condition a
 * delete on the partition key only, not on the sort key.
 */
export const DELETABLE_PARTITIONS = [
  // A reviewer assignment taken back by the chair, a co-applicant leaving, a document removed, a draft erased.
  `${keys.application('').pk}*`,
  // Sign-out, an administrator's end and expiry delete sessions; a kept form is deleted as it is taken.
  `${keys.session('').pk}*`,
  `${keys.formStash('').pk}*`,
  // An unknown organisation name's flag, cleared by the secretariat or when its person picks another.
  `${keys.organisationFlagsOf('')}*`,
  // A person's own organisation, cleared by them or by their erasure.
  `${keys.ownOrganisation('').pk}*`,
] as const;
