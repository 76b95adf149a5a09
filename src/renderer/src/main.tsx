import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/context.tsx';
import { App } from './App.tsx';
import { I18nProvider } from './i18n/index.tsx';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <ApiProvider>
        <App />
      </ApiProvider>
    </I18nProvider>
  </StrictMode>,
);
