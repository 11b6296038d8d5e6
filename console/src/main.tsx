/** The console's entry: global styles, the language, then sign-in or one of the two consoles. */
import '@cloudscape-design/global-styles/index.css';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { LanguageProvider } from './i18n/language.js';

createRoot(document.getElementById('root') as HTMLElement).render(
  <LanguageProvider>
    <App />
  </LanguageProvider>,
);
