/**
 * Who is signed in: IAM credentials kept in sessionStorage only (gone when the tab closes, never
 * sent to the platform: they only sign requests here), and which console they open.
 */
import { browserClient, type Credentials, type RecordalClient } from '../client.js';

export type Role = 'customer' | 'reviewer';

export interface Session {
  credentials: Credentials;
  role: Role;
  /** What the top bar shows: the local identity's name, or the access key id. */
  label: string;
}

const STORAGE_KEY = 'recordal.session';

export function loadSession(): Session | undefined {
  try {
    const stored = sessionStorage.getItem(STORAGE_KEY);
    return stored === null ? undefined : (JSON.parse(stored) as Session);
  } catch {
    return undefined;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/**
 * The API's base URL: the origin plus whatever precedes `/console/` (a deployed stage, e.g.
 * `/prod`; nothing locally), since the console is served by the API itself.
 */
export function apiEndpoint(location: Pick<Location, 'origin' | 'pathname'> = window.location): string {
  const index = location.pathname.indexOf('/console/');
  return location.origin + (index < 0 ? '' : location.pathname.slice(0, index));
}

export const clientOf = (session: Pick<Session, 'credentials'>): RecordalClient => browserClient(apiEndpoint(), session.credentials);

/**
 * Whether these credentials are a reviewer's: the review routes answer 403 to anyone else
 * (docs/design/api.md "Identity"). A refused signature (401) is thrown to the caller.
 */
export async function roleOf(client: RecordalClient): Promise<Role> {
  try {
    await client.listReviewTasks({ limit: 1 });
    return 'reviewer';
  } catch (error) {
    if ((error as { status?: number }).status === 403) return 'customer';
    throw error;
  }
}
