/**
 * The screen's only ways to the service: POST /graphql with the screen token, and graphql-ws on the same path
 * (live.ts). Nothing else is fetched.
 */

/** A GraphQL error the screen acts on: its code (UNAUTHENTICATED, FORBIDDEN, …) and message. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class Api {
  constructor(private readonly token: string) {}

  /** Runs a query; the first error (or an HTTP failure) is thrown as an ApiError. */
  async query<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      throw new ApiError('NETWORK', (error as Error).message);
    }
    let body: { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    try {
      body = await response.json();
    } catch {
      throw new ApiError(response.status === 401 ? 'UNAUTHENTICATED' : 'NETWORK', `HTTP ${response.status}`);
    }
    if (body.errors?.length) {
      const first = body.errors[0];
      throw new ApiError(first.extensions?.code ?? (response.status === 401 ? 'UNAUTHENTICATED' : 'ERROR'), first.message);
    }
    if (!body.data) throw new ApiError('ERROR', `HTTP ${response.status} without data`);
    return body.data;
  }
}

/** Which optional parts of the API this service has (read by introspection), so panels wait for fields still to come. */
export interface Capabilities {
  metricsFields: Set<string>;
  queryFields: Set<string>;
  /** Fields of a metricsSeries point, when the query exists. */
  seriesFields: Set<string>;
  /** The fields of ProblemFilter, when the problems query exists. */
  problemFilterFields: Set<string>;
}

interface TypeFields {
  fields?: Array<{ name: string; type: { name: string | null; ofType: { name: string | null; ofType: { name: string | null; ofType: { name: string | null } | null } | null } | null } }> | null;
  inputFields?: Array<{ name: string }> | null;
}

const typeRef = 'name ofType { name ofType { name ofType { name } } }';

export async function readCapabilities(api: Api): Promise<Capabilities> {
  const data = await api.query<{ metrics: TypeFields | null; query: TypeFields | null; problemFilter: TypeFields | null }>(
    `{ metrics: __type(name: "Metrics") { fields { name type { ${typeRef} } } }
       query: __type(name: "Query") { fields { name type { ${typeRef} } } }
       problemFilter: __type(name: "ProblemFilter") { inputFields { name } } }`,
  );
  const queryFields = data.query?.fields ?? [];
  const seriesField = queryFields.find((f) => f.name === 'metricsSeries');
  let seriesFields = new Set<string>();
  if (seriesField) {
    let type: { name: string | null; ofType?: unknown } | null = seriesField.type;
    while (type && !type.name) type = (type as { ofType: { name: string | null; ofType?: unknown } | null }).ofType;
    if (type?.name) {
      const point = await api.query<{ t: TypeFields | null }>(`query($n: String!) { t: __type(name: $n) { fields { name type { ${typeRef} } } } }`, { n: type.name });
      seriesFields = new Set((point.t?.fields ?? []).map((f) => f.name));
    }
  }
  return {
    metricsFields: new Set((data.metrics?.fields ?? []).map((f) => f.name)),
    queryFields: new Set(queryFields.map((f) => f.name)),
    seriesFields,
    problemFilterFields: new Set((data.problemFilter?.inputFields ?? []).map((f) => f.name)),
  };
}
