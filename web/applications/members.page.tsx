import type { Application } from '../../functions/core/applications/application.schema.js';
import type { Invitation, Members } from '../../functions/core/applications/members.schema.js';
import { formatDateTime } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { DataTable } from '../components/data-table.js';
import { ErrorSummary, type Errors, SelectField, TextField } from '../components/fields.js';
import { Notice } from '../components/notice.js';

export interface MembersFormValues {
  email: string;
  memberId: string;
}

/** Who is on an application; the owner invites, removes and hands over; a co-applicant may leave. */
export function MembersPage({
  lang,
  application,
  members,
  owner,
  me,
  values,
  errors,
  notice,
}: {
  lang: Lang;
  application: Application;
  members: Members;
  /** The reader owns the application. */
  owner: boolean;
  /** The reader's user id. */
  me: string;
  values: MembersFormValues;
  errors: Errors;
  notice?: string | undefined;
}) {
  const t = texts[lang];
  const m = t.members;
  const base = `/applications/${application.id}/members`;
  const labelOf = (pointer: string) => (pointer === '/memberId' ? m.handOverTo : m.email);
  return (
    <>
      <p class="meta">
        <a href={`/applications/${application.id}`}>{m.back}</a>
      </p>
      <h1>
        {m.title}: {application.title || t.mine.untitled}
      </h1>
      <Notice text={notice} />
      <ErrorSummary errors={errors} labelOf={labelOf} />
      <p>{m.intro}</p>
      <DataTable
        caption={m.title}
        columns={[
          { label: m.name },
          { label: m.email },
          { label: m.role },
          { label: m.joined },
          { label: '' },
        ]}
      >
        <tr>
          <td>{members.owner.name}</td>
          <td>{members.owner.email}</td>
          <td>{m.owner}</td>
          <td>–</td>
          <td />
        </tr>
        {members.members.map((member) => (
          <tr>
            <td>{member.name}</td>
            <td>{member.email}</td>
            <td>{m.member}</td>
            <td>{formatDateTime(member.joinedAt, lang)}</td>
            <td>
              {(owner || member.userId === me) && (
                <form method="post" action={`${base}/${encodeURIComponent(member.userId)}/remove`}>
                  <button type="submit" class="secondary">
                    {member.userId === me ? m.leave : `${m.remove} ${member.name}`}
                  </button>
                </form>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      {members.members.length === 0 && <p>{m.none}</p>}
      {members.invitations.length > 0 && (
        <>
          <h2>{m.pending}</h2>
          <ul>
            {members.invitations.map((i) => (
              <li>
                {i.email} ({m.invitedAt(i.invitedAt)})
                {owner && (
                  <form method="post" action={`${base}/${i.id}/remove`} class="inline">
                    <button type="submit" class="secondary">
                      {m.revoke}: {i.email}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {owner && (
        <>
          <h2 id="invite-title">{m.invite}</h2>
          <form method="post" action={base} class="stack" novalidate aria-labelledby="invite-title">
            <TextField
              pointer="/email"
              name="email"
              type="email"
              autocomplete="email"
              label={m.email}
              hint={m.inviteHint}
              errors={errors}
              value={values.email}
              maxLength={254}
            />
            <div class="actions">
              <button type="submit">{m.inviteButton}</button>
            </div>
          </form>
          {members.members.length > 0 && (
            <>
              <h2 id="handover-title">{m.handOver}</h2>
              <form
                method="post"
                action={`/applications/${application.id}/owner`}
                class="stack"
                novalidate
                aria-labelledby="handover-title"
              >
                <input type="hidden" name="_version" value={String(application.version)} />
                <SelectField
                  pointer="/memberId"
                  name="memberId"
                  label={m.handOverTo}
                  hint={m.handOverHint}
                  errors={errors}
                  value={values.memberId}
                  placeholder={t.application.choose}
                  options={members.members.map((x) => ({ value: x.userId, label: `${x.name} (${x.email})` }))}
                />
                <div class="actions">
                  <button type="submit">{m.handOverButton}</button>
                </div>
              </form>
            </>
          )}
        </>
      )}
    </>
  );
}

/** The invitations waiting for the reader, on "Mine ansøgninger". */
export function MyInvitations({ lang, invitations }: { lang: Lang; invitations: Invitation[] }) {
  if (invitations.length === 0) return null;
  const i = texts[lang].invitation;
  return (
    <section class="card" aria-labelledby="invitations-title">
      <h2 id="invitations-title">{i.mine}</h2>
      <ul>
        {invitations.map((invitation) => (
          <li>
            {i.text(invitation.invitedBy.name, invitation.title)}{' '}
            <a href={`/invitations/${invitation.id}`}>{i.open}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** One invitation, to accept. */
export function InvitationPage({
  lang,
  invitation,
  errors,
}: {
  lang: Lang;
  invitation: Invitation;
  errors: Errors;
}) {
  const i = texts[lang].invitation;
  return (
    <>
      <h1>{i.title}</h1>
      <ErrorSummary errors={errors} labelOf={() => i.title} />
      <p>{i.text(invitation.invitedBy.name, invitation.title)}</p>
      {invitation.status === 'pending' ? (
        <form method="post" action={`/invitations/${invitation.id}/accept`} class="actions">
          <button type="submit">{i.accept}</button>
        </form>
      ) : (
        <p>{i.notPending}</p>
      )}
    </>
  );
}
