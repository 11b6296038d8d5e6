/** The customer's console: the filings list up front, every other page loaded when opened. */
import Spinner from '@cloudscape-design/components/spinner';
import { Suspense, lazy, type ReactElement } from 'react';
import { hrefOf, useRoute } from '../app/router.js';
import { Shell } from '../app/Shell.js';
import { useLanguage } from '../i18n/language.js';
import { FilingsList } from './FilingsList.js';

const Registration = lazy(() => import('./Registration.js'));
const Eligibility = lazy(() => import('./Eligibility.js'));
const NewApplication = lazy(() => import('./NewApplication.js'));
const Wizard = lazy(() => import('./wizard/Wizard.js'));
const FilingDetail = lazy(() => import('./FilingDetail.js'));

function page(segments: string[]): { active: string; content: ReactElement } {
  const [first, id, action] = segments;
  if (first === 'account') return { active: '/account', content: <Registration /> };
  if (first === 'eligibility') return { active: '/eligibility', content: <Eligibility /> };
  if (first === 'filings' && id === 'new') return { active: '/filings/new', content: <NewApplication /> };
  if (first === 'filings' && id !== undefined && action === 'edit') return { active: '/filings', content: <Wizard filingId={id} /> };
  if (first === 'filings' && id !== undefined) return { active: '/filings', content: <FilingDetail filingId={id} /> };
  return { active: '/filings', content: <FilingsList /> };
}

export default function CustomerConsole() {
  const { t } = useLanguage();
  const { segments } = useRoute();
  const { active, content } = page(segments);
  return (
    <Shell
      active={active}
      navigation={[
        { type: 'link', text: t('nav.filings'), href: hrefOf('/filings') },
        { type: 'link', text: t('nav.newApplication'), href: hrefOf('/filings/new') },
        { type: 'link', text: t('nav.eligibility'), href: hrefOf('/eligibility') },
        { type: 'link', text: t('nav.account'), href: hrefOf('/account') },
      ]}
    >
      <Suspense fallback={<Spinner size="large" />}>{content}</Suspense>
    </Shell>
  );
}
