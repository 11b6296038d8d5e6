/**
 * Sign-in, then the console of the signed-in role, each loaded on demand (a customer's browser
 * never downloads the reviewer's pages, nor the other way round).
 */
import Spinner from '@cloudscape-design/components/spinner';
import { Suspense, lazy, useMemo, useState } from 'react';
import { SessionContext } from './session-context.js';
import { clearSession, clientOf, loadSession, type Session } from './session.js';
import { SignIn } from './SignIn.js';

const CustomerConsole = lazy(() => import('../customer/CustomerConsole.js'));
const ReviewerConsole = lazy(() => import('../reviewer/ReviewerConsole.js'));

export function App() {
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const value = useMemo(
    () =>
      session === undefined
        ? undefined
        : {
            session,
            client: clientOf(session),
            signOut: () => {
              clearSession();
              window.location.hash = '';
              setSession(undefined);
            },
          },
    [session],
  );
  if (value === undefined) return <SignIn onSignedIn={setSession} />;
  return (
    <SessionContext.Provider value={value}>
      <Suspense fallback={<Spinner size="large" />}>{value.session.role === 'reviewer' ? <ReviewerConsole /> : <CustomerConsole />}</Suspense>
    </SessionContext.Provider>
  );
}
