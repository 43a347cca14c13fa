/**
 * The message catalogue: what the service says to people, in English and in Simplified Chinese. The language is the
 * one the request's Accept-Language prefers (Chinese when its first choice is zh, English otherwise); codes, field
 * names and other machine-read parts of an answer never change with it.
 */

export type Locale = 'en' | 'zh';

/** The locale an Accept-Language header prefers: the highest-weighted language, zh… → zh, anything else → en. */
export function localeOf(acceptLanguage: string | string[] | undefined | null): Locale {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage;
  if (!header) return 'en';
  let best: { tag: string; q: number } | null = null;
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().split(';');
    if (!tag || tag === '*') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { tag: tag.toLowerCase(), q };
  }
  return best && (best.tag === 'zh' || best.tag.startsWith('zh-')) ? 'zh' : 'en';
}

type Entry = { en: string; zh: string };

/** Labels of the query page (GET /graphql). */
const idePage = {
  'ide.title': { en: 'Project ledger — GraphQL', zh: '项目台账 — GraphQL 查询' },
  'ide.username': { en: 'username', zh: '用户名' },
  'ide.password': { en: 'password', zh: '密码' },
  'ide.signIn': { en: 'Sign in', zh: '登录' },
  'ide.signOut': { en: 'Sign out', zh: '退出登录' },
  'ide.signingIn': { en: 'Signing in…', zh: '正在登录…' },
  'ide.signedIn': { en: 'Signed in.', zh: '已登录。' },
  'ide.signedOut': { en: 'Signed out.', zh: '已退出登录。' },
  'ide.signInFailed': { en: 'Sign-in failed', zh: '登录失败' },
  'ide.enterCredentials': { en: 'Enter a username and a password.', zh: '请输入用户名和密码。' },
  'ide.notSignedIn': { en: 'Not signed in', zh: '未登录' },
  'ide.signedInAs': { en: 'Signed in as {user} ({role})', zh: '当前用户：{user}（{role}）' },
  'ide.pastedToken': { en: 'Using a pasted token', zh: '正在使用粘贴的令牌' },
  'ide.tokenPlaceholder': { en: 'Bearer token (or paste one)', zh: '访问令牌（可直接粘贴）' },
  'ide.queryHint': {
    en: 'Ctrl/Cmd+Enter runs the query. Sign in above first: every operation except login needs a token.',
    zh: 'Ctrl/Cmd+Enter 执行查询。请先在上方登录：除 login 外的每个操作都需要令牌。',
  },
  'ide.notBuilt': {
    en: 'The query page has not been built: run `npm run build` (or `npm run build:ide`) beside the service, then reload.',
    zh: '查询页面尚未构建：请在服务目录下运行 `npm run build`（或 `npm run build:ide`），然后刷新。',
  },
} satisfies Record<string, Entry>;

/** Every label of the query page in one locale, for the page to show. */
export function idePageLabels(locale: Locale): Record<string, string> {
  return Object.fromEntries(Object.entries(idePage).map(([key, entry]) => [key, entry[locale]]));
}

/** One label of the query page. */
export function idePageLabel(key: keyof typeof idePage, locale: Locale): string {
  return idePage[key][locale];
}
