import { adminPassword } from './service-process';

/** One request's outcome as the client saw it. */
export interface Outcome {
  /** When it was sent and when its answer (or failure) came, Date.now() milliseconds. */
  sentAt: number;
  doneAt: number;
  ms: number;
  status: number | null;
  /** The first GraphQL error code, or the `{error}` code of an HTTP endpoint; null when none. */
  code: string | null;
  body: unknown;
  /** A network failure or the client's own 20 s cut-off. */
  failure?: string;
  retryAfter: string | null;
}

/** Sends one request and measures it; never throws (a failure is part of the outcome). The client gives up at `timeoutMs`. */
export async function send(url: string, init: RequestInit = {}, timeoutMs = 20_000): Promise<Outcome> {
  const sentAt = Date.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    const parsed = body as { errors?: Array<{ extensions?: { code?: string } }>; error?: { code?: string } };
    const code = parsed?.errors?.[0]?.extensions?.code ?? parsed?.error?.code ?? null;
    const doneAt = Date.now();
    return { sentAt, doneAt, ms: doneAt - sentAt, status: response.status, code, body, retryAfter: response.headers.get('retry-after') };
  } catch (error) {
    const doneAt = Date.now();
    return { sentAt, doneAt, ms: doneAt - sentAt, status: null, code: null, body: null, failure: (error as Error).message, retryAfter: null };
  }
}

export function graphql(base: string, token: string | null, query: string, variables: Record<string, unknown> = {}): Promise<Outcome> {
  return send(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
}

export async function login(base: string): Promise<string> {
  const outcome = await graphql(base, null, 'mutation($p: String!) { login(input: { username: "admin", password: $p }) { token } }', { p: adminPassword });
  const token = (outcome.body as { data?: { login?: { token?: string } } })?.data?.login?.token;
  if (!token) throw new Error(`login failed: ${JSON.stringify(outcome.body)}`);
  return token;
}

export const projectsQuery = 'query($n: Int!) { projects(first: $n) { nodes { id version contact } } }';
export const projectQuery = 'query($id: ID!) { node(id: $id) { ... on Project { id version contact } } }';
export const projectUpdate = 'mutation($id: ID!, $v: Int!, $c: String!) { projectUpdate(input: { id: $id, expectedVersion: $v, contact: $c }) { project { id version contact } } }';

export interface ProjectRow {
  id: string;
  version: number;
  contact: string | null;
}

export function dataOf<T>(outcome: Outcome): T | null {
  return ((outcome.body as { data?: T } | null)?.data ?? null) as T | null;
}

/** Percentile (nearest rank) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
