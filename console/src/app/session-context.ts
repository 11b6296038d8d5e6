/** The signed-in session, its API client and the sign-out, for every page below App. */
import { createContext, useContext } from 'react';
import type { RecordalClient } from '../client.js';
import type { Session } from './session.js';

export interface SessionValue {
  session: Session;
  client: RecordalClient;
  signOut(): void;
}

export const SessionContext = createContext<SessionValue | undefined>(undefined);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (value === undefined) throw new Error('useSession outside a signed-in console');
  return value;
}
