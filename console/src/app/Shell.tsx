/**
 * The frame of every signed-in page: the top bar (title, language, who is signed in, sign out)
 * and the side navigation of the console.
 */
import AppLayout from '@cloudscape-design/components/app-layout';
import SideNavigation, { type SideNavigationProps } from '@cloudscape-design/components/side-navigation';
import TopNavigation from '@cloudscape-design/components/top-navigation';
import type { ReactNode } from 'react';
import { useLanguage } from '../i18n/language.js';
import { hrefOf } from './router.js';
import { useSession } from './session-context.js';

export function Shell({ navigation, active, children }: { navigation: SideNavigationProps.Item[]; active: string; children: ReactNode }) {
  const { t, language, setLanguage } = useLanguage();
  const { session, signOut } = useSession();
  return (
    <>
      <div id="top-nav" style={{ position: 'sticky', top: 0, zIndex: 1002 }}>
        <TopNavigation
          identity={{ href: hrefOf('/'), title: t(session.role === 'reviewer' ? 'app.reviewerTitle' : 'app.customerTitle') }}
          utilities={[
            {
              type: 'button',
              text: language === 'zh' ? 'English' : '中文',
              ariaLabel: language === 'zh' ? 'Switch to English' : '切换到中文',
              onClick: () => setLanguage(language === 'zh' ? 'en' : 'zh'),
            },
            {
              type: 'menu-dropdown',
              text: session.label,
              description: session.credentials.accessKeyId,
              iconName: 'user-profile',
              items: [{ id: 'sign-out', text: t('nav.signOut') }],
              onItemClick: ({ detail }) => detail.id === 'sign-out' && signOut(),
            },
          ]}
          i18nStrings={{ overflowMenuTriggerText: t('nav.more'), overflowMenuTitleText: t('nav.more') }}
        />
      </div>
      <AppLayout
        headerSelector="#top-nav"
        toolsHide
        navigation={<SideNavigation activeHref={hrefOf(active)} items={navigation} />}
        content={children}
        ariaLabels={{ navigation: t('nav.navigation'), navigationClose: t('nav.close'), navigationToggle: t('nav.open') }}
      />
    </>
  );
}
