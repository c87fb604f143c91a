import type { Invitation, Member } from '../core/applications/members.schema.js';
import type { MemberRepository } from '../core/ports.js';
import type { Db } from './client.js';
import { applicationItem, memberItem } from './items.js';
import * as keys from './keys.js';
import { batchGet, getItem, queryAll, queryIndex } from './reads.js';
import { type TransactItem, transact, versionedPut } from './transact.js';

/*
 * Co-applicants (`APP#<id>` / `MEMBER#<userId>`, in gsi1 `MEMBER#<userId>` for "my applications") and their
 * invitations (`INVITE#<id>`, in gsi1 `INVITEE#<address>` and gsi2 `APPINVITES#<applicationId>` while waiting).
 */

const invitationItem = (i: Invitation): Record<string, unknown> => ({
  ...keys.invitation(i.id),
  ...(i.status === 'pending'
    ? {
        ...keys.invitationByEmail(i.email, i.invitedAt, i.id),
        ...keys.invitationByApplication(i.applicationId, i.invitedAt, i.id),
      }
    : {}),
  entity: 'invitation',
  ...i,
});

export function createMemberRepository(db: Db): MemberRepository {
  const underApplication = (applicationId: string) => keys.application(applicationId).pk;
  const memberGone = (m: Member): TransactItem => ({
    Delete: {
      TableName: db.tableName,
      Key: keys.member(m.applicationId, m.userId),
      ConditionExpression: 'attribute_exists(pk)',
    },
  });
  return {
    getMember: (applicationId, userId) => getItem<Member>(db, keys.member(applicationId, userId), true),
    listMembers: (applicationId) =>
      queryAll<Member>(db, {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': underApplication(applicationId), ':prefix': keys.memberPrefix },
        ConsistentRead: true,
      }).then((members) => members.sort((a, b) => a.joinedAt.localeCompare(b.joinedAt))),
    listMemberships: async (userId) =>
      (await queryAll<Member>(db, queryIndex('gsi1', 'gsi1pk', keys.membershipsOf(userId), true))).map(
        (m) => m.applicationId,
      ),
    getInvitation: (id) => getItem<Invitation>(db, keys.invitation(id), true),
    listPendingInvitations: async (applicationId) => {
      // The index holds waiting ones only; read them again consistently, as a double invitation is judged on them.
      const listed = await queryAll<Invitation>(
        db,
        queryIndex('gsi2', 'gsi2pk', keys.invitationsOfApplication(applicationId)),
      );
      const fresh = await batchGet<Invitation>(
        db,
        listed.map((i) => keys.invitation(i.id)),
      );
      return fresh
        .filter((i) => i.status === 'pending')
        .sort((a, b) => a.invitedAt.localeCompare(b.invitedAt));
    },
    listInvitationsFor: (email) =>
      queryAll<Invitation>(db, queryIndex('gsi1', 'gsi1pk', keys.invitationsFor(email), true)),
    invite: (invitation, audit, outbox) =>
      transact(db, {
        items: { invitation: versionedPut(db, invitationItem(invitation)) },
        audit: { entityPk: underApplication(invitation.applicationId), event: audit },
        outbox,
      }),
    accept: (invitation, expectedVersion, member, audit) =>
      transact(db, {
        items: {
          invitation: versionedPut(db, invitationItem(invitation), expectedVersion),
          member: versionedPut(db, memberItem(member)),
        },
        audit: { entityPk: underApplication(member.applicationId), event: audit },
      }),
    revoke: (invitation, expectedVersion, audit) =>
      transact(db, {
        items: { invitation: versionedPut(db, invitationItem(invitation), expectedVersion) },
        audit: { entityPk: underApplication(invitation.applicationId), event: audit },
      }),
    remove: (member, audit) =>
      transact(db, {
        items: { member: memberGone(member) },
        audit: { entityPk: underApplication(member.applicationId), event: audit },
      }),
    handOver: (application, expectedVersion, newOwner, formerOwner, audit, outbox) =>
      transact(db, {
        items: {
          application: versionedPut(db, applicationItem(application), expectedVersion),
          newOwner: memberGone(newOwner),
          formerOwner: versionedPut(db, memberItem(formerOwner)),
        },
        audit: { entityPk: underApplication(application.id), event: audit },
        outbox,
      }),
  };
}
