/**
 * The signed-in person: the bearer token (localStorage) and a GraphQL client that sends it over
 * HTTP and in the WebSocket's connection_init (API.md "Authentication").
 */
import { createClient as createWsClient } from 'graphql-ws';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { cacheExchange, Client, fetchExchange, Provider, subscriptionExchange } from 'urql';

const KEY = 'yimei.token';

function makeClient(token: string | null): Client {
  const authorization = token ? `Bearer ${token}` : '';
  const ws = createWsClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    connectionParams: authorization ? { authorization } : {},
    lazy: true,
    retryAttempts: 20,
  });
  return new Client({
    url: '/graphql',
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    fetchOptions: (): RequestInit => ({ headers: authorization ? { authorization } : {} }),
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return { subscribe: (sink) => ({ unsubscribe: ws.subscribe(input, sink) }) };
        },
      }),
    ],
  });
}

interface Session {
  token: string | null;
  signIn(token: string): void;
  signOut(): void;
}

const SessionContext = createContext<Session>({ token: null, signIn: () => undefined, signOut: () => undefined });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => localStorage.getItem(KEY));
  const client = useMemo(() => makeClient(token), [token]);
  const signIn = useCallback((next: string) => {
    localStorage.setItem(KEY, next);
    setToken(next);
  }, []);
  const signOut = useCallback(() => {
    localStorage.removeItem(KEY);
    setToken(null);
  }, []);
  const value = useMemo(() => ({ token, signIn, signOut }), [token, signIn, signOut]);
  return (
    <SessionContext.Provider value={value}>
      {/* A new client per token: nothing cached for one person is shown to the next. */}
      <Provider value={client} key={token ?? 'public'}>
        {children}
      </Provider>
    </SessionContext.Provider>
  );
}

export const useSession = () => useContext(SessionContext);

/** Downloads a file of the API with the bearer token (evidence is never fetched without it). */
export async function authorizedBlob(path: string, token: string | null): Promise<Blob> {
  const response = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(String(response.status));
  return response.blob();
}
