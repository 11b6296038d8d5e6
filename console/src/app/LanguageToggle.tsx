/** Switches between 中文 and English (the button names the language it switches to). */
import Button from '@cloudscape-design/components/button';
import { useLanguage } from '../i18n/language.js';

export function LanguageToggle() {
  const { language, setLanguage } = useLanguage();
  return (
    <Button variant="normal" data-testid="language-toggle" onClick={() => setLanguage(language === 'zh' ? 'en' : 'zh')} ariaLabel={language === 'zh' ? 'Switch to English' : '切换到中文'}>
      {language === 'zh' ? 'English' : '中文'}
    </Button>
  );
}
