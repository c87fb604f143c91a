import type { UserProfile } from '../../functions/core/ports.js';
import { formatDateTime } from '../../functions/texts/format.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';
import { DataTable } from '../components/data-table.js';
import { Notice } from '../components/notice.js';

/** The administrator's list of people, each linking to their sessions. */
export function UsersPage({ lang, users }: { lang: Lang; users: readonly UserProfile[] }) {
  const t = texts[lang];
  const s = t.sessions;
  return (
    <>
      <h1>{s.usersTitle}</h1>
      <p class="lead">{s.usersIntro}</p>
      <DataTable columns={[{ label: s.name }, { label: s.email }, { label: s.roles }]}>
        {users.map((u) => (
          <tr>
            <td>
              <a href={`/admin/users/${encodeURIComponent(u.userId)}`}>{u.name}</a>
            </td>
            <td>{u.email}</td>
            <td>{u.roles.map((r) => t.demoSignIn.roles[r]).join(', ')}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

export interface SessionRow {
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

/** One person's live sessions and the button that ends them all. */
export function UserSessionsPage({
  lang,
  user,
  sessions,
  ended,
}: {
  lang: Lang;
  user: UserProfile;
  sessions: readonly SessionRow[];
  ended?: number;
}) {
  const s = texts[lang].sessions;
  return (
    <>
      <p>
        <a href="/admin/users">{s.back}</a>
      </p>
      <h1>{s.title(user.name)}</h1>
      <Notice text={ended === undefined ? undefined : s.ended(ended)} />
      <p class="lead">
        {user.email}. {s.intro}
      </p>
      {sessions.length === 0 ? (
        <p>{s.none}</p>
      ) : (
        <DataTable columns={[{ label: s.started }, { label: s.lastSeen }, { label: s.ends }]}>
          {sessions.map((x) => (
            <tr>
              <td>{formatDateTime(x.createdAt, lang)}</td>
              <td>{formatDateTime(x.lastSeenAt, lang)}</td>
              <td>{formatDateTime(x.expiresAt, lang)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <form method="post" action={`/admin/users/${encodeURIComponent(user.userId)}/sessions/end`}>
        <button type="submit" class="danger">
          {s.endAll}
        </button>
      </form>
    </>
  );
}
