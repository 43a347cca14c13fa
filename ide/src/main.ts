/**
 * The service's query page: GraphiQL (editor with autocomplete, docs explorer, history) under a sign-in bar.
 *
 * Signing in calls the `login` mutation; the token is kept for the browser tab (sessionStorage) and goes into the
 * Authorization header of every request, and into graphql-ws' connectionParams for subscriptions. A token can also
 * be pasted. The labels come from the service (its message catalogue, in the language the browser prefers).
 */
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './page.css';
import { createGraphiQLFetcher, Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createClient, Client } from 'graphql-ws';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

type Labels = Record<string, string>;

const labels: Labels = (() => {
  try {
    return JSON.parse(document.getElementById('ledger-labels')?.textContent ?? '{}') as Labels;
  } catch {
    return {};
  }
})();
const t = (key: string, fallback: string) => labels[key] ?? fallback;

const DEFAULT_QUERY = `# ${t('ide.queryHint', 'Ctrl/Cmd+Enter runs the query. Sign in above first: every operation except login needs a token.')}
{
  taskForces {
    id
    name
    documentNumber
    metrics { projectCount totalInvestment investmentCompletionRate light }
  }
}
`;
const LOGIN = 'mutation Login($input: LoginInput!) { login(input: $input) { token expiresAt user { username role } } }';

function stored(key: string): string | null {
  try {
    return sessionStorage.getItem(key);
  } catch {
    return null;
  }
}
function store(key: string, value: string | null): void {
  try {
    if (value === null) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, value);
  } catch {
    // storage disabled: the token lives only in this page
  }
}

let token = stored('ledger.token') ?? '';
const bearer = () => token.trim().replace(/^Bearer\s+/i, '');

/** fetch that adds the signed-in token unless the headers editor already gives an Authorization header. */
const authorisedFetch: typeof fetch = (input, init) => {
  const headers = new Headers(init?.headers);
  if (bearer() && !headers.has('authorization')) headers.set('authorization', `Bearer ${bearer()}`);
  return fetch(input, { ...init, headers, credentials: 'same-origin' });
};

const graphqlUrl = new URL('/graphql', location.href).toString();
const wsUrl = graphqlUrl.replace(/^http/, 'ws');
let wsClient: Client | null = null;

function makeFetcher(): Fetcher {
  void wsClient?.dispose();
  wsClient = createClient({
    url: wsUrl,
    lazy: true,
    // Read at each connection, so a new sign-in is used by the next socket.
    connectionParams: () => (bearer() ? { authorization: `Bearer ${bearer()}` } : {}),
  });
  return createGraphiQLFetcher({ url: graphqlUrl, fetch: authorisedFetch, wsClient, enableIncrementalDelivery: false });
}

const root = createRoot(document.getElementById('graphiql')!);
function renderGraphiQL(): void {
  // A new fetcher makes GraphiQL fetch the schema again, with the new rights.
  root.render(createElement(GraphiQL, { fetcher: makeFetcher(), defaultQuery: DEFAULT_QUERY, key: bearer() || 'anonymous' }));
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  if (text) node.textContent = text;
  return node;
}

function signInBar(): void {
  const bar = document.getElementById('signin-bar')!;
  const title = element('strong', { className: 'title' }, t('ide.title', 'Project ledger — GraphQL'));
  const form = element('form', { autocomplete: 'on' });
  const username = element('input', { name: 'username', placeholder: t('ide.username', 'username'), autocomplete: 'username', size: 12 });
  const password = element('input', { name: 'password', type: 'password', placeholder: t('ide.password', 'password'), autocomplete: 'current-password', size: 12 });
  const signIn = element('button', { type: 'submit', className: 'primary' }, t('ide.signIn', 'Sign in'));
  form.append(username, password, signIn);
  const who = element('span', { className: 'who' });
  const signOut = element('button', { type: 'button' }, t('ide.signOut', 'Sign out'));
  const pasted = element('input', { className: 'token', placeholder: t('ide.tokenPlaceholder', 'Bearer token (or paste one)'), autocomplete: 'off', spellcheck: false, value: token });
  const status = element('span', { className: 'status', role: 'status' });
  bar.append(title, form, who, signOut, pasted, status);

  const say = (text: string, error = false) => {
    status.textContent = text;
    status.classList.toggle('error', error);
  };
  const showWho = () => {
    let user: { username: string; role: string; expiresAt?: string } | null = null;
    try {
      user = JSON.parse(stored('ledger.user') ?? 'null');
    } catch {
      user = null;
    }
    who.textContent = !bearer()
      ? t('ide.notSignedIn', 'Not signed in')
      : user
        ? t('ide.signedInAs', 'Signed in as {user} ({role})').replace('{user}', user.username).replace('{role}', user.role)
        : t('ide.pastedToken', 'Using a pasted token');
    signOut.hidden = !bearer();
  };
  const useToken = (value: string, user: string | null) => {
    token = value;
    pasted.value = value;
    store('ledger.token', value || null);
    store('ledger.user', user);
    showWho();
    renderGraphiQL();
  };

  pasted.addEventListener('change', () => useToken(pasted.value.trim(), null));
  signOut.addEventListener('click', () => {
    useToken('', null);
    say(t('ide.signedOut', 'Signed out.'));
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = { username: username.value.trim(), password: password.value };
    if (!input.username || !input.password) {
      say(t('ide.enterCredentials', 'Enter a username and a password.'), true);
      return;
    }
    signIn.disabled = true;
    say(t('ide.signingIn', 'Signing in…'));
    try {
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query: LOGIN, variables: { input } }),
      });
      const body = (await response.json()) as { data?: { login?: { token: string; expiresAt: string; user: { username: string; role: string } } }; errors?: Array<{ message: string }> };
      const login = body.data?.login;
      if (!login) {
        say(`${t('ide.signInFailed', 'Sign-in failed')}: ${body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`}`, true);
        return;
      }
      password.value = '';
      useToken(login.token, JSON.stringify({ username: login.user.username, role: login.user.role, expiresAt: login.expiresAt }));
      say(t('ide.signedIn', 'Signed in.'));
    } catch (error) {
      say(`${t('ide.signInFailed', 'Sign-in failed')}: ${(error as Error).message}`, true);
    } finally {
      signIn.disabled = false;
    }
  });
  showWho();
}

signInBar();
renderGraphiQL();
