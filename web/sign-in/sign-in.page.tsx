import type { UserProfile } from '../../functions/core/ports.js';
import { texts } from '../../functions/texts/index.js';
import type { Lang } from '../../functions/texts/lang.js';

/** The local demo sign-in: one button per demo user, with their organisation and roles. */
export function LoginPage({
  lang,
  users,
  next,
}: {
  lang: Lang;
  users: readonly UserProfile[];
  next: string;
}) {
  const t = texts[lang];
  const d = t.demoSignIn;
  return (
    <>
      <h1>{t.login.title}</h1>
      <p class="lead">{t.login.demoIntro}</p>
      <form method="post" action="/login">
        <input type="hidden" name="next" value={next} />
        <ul class="cards">
          {users.map((u) => (
            <li class="card row-head">
              <span>
                <strong>{u.name}</strong>, {u.organisation}
                <br />
                <span class="meta">
                  {u.email} · {u.roles.map((r) => d.roles[r]).join(', ')}
                  {u.chair ? ` (${d.chair})` : ''}
                </span>
              </span>
              <button
                type="submit"
                name="email"
                value={u.email}
                aria-label={`${t.login.as} ${u.name} (${u.email})`}
              >
                {t.login.as} {u.name.split(' ')[0]}
              </button>
            </li>
          ))}
        </ul>
      </form>
    </>
  );
}
