/**
 * The window's views, one tab each, in tab order. A view is a component under views/ that reads the
 * shared state with useExplorer(); heavy views are loaded lazily (React.lazy) to keep the initial
 * JavaScript small. The URL hash names the active view: #/ceremony, #/decode, ...
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from '../i18n/index.tsx';
import { CeremonyView } from './CeremonyView.tsx';

export interface ViewDef {
  id: string;
  /** Tab label. */
  label: MessageKey;
  component: ComponentType | LazyExoticComponent<ComponentType>;
}

export const VIEWS: ViewDef[] = [
  { id: 'ceremony', label: 'nav.ceremony', component: CeremonyView },
  { id: 'credentials', label: 'nav.credentials', component: lazyView(() => import('./CredentialsView.tsx'), 'CredentialsView') },
  { id: 'history', label: 'nav.history', component: lazyView(() => import('./HistoryView.tsx'), 'HistoryView') },
  { id: 'learn', label: 'nav.learn', component: lazyView(() => import('./LearnView.tsx'), 'LearnView') },
  { id: 'decode', label: 'nav.decode', component: lazyView(() => import('./DecodeView.tsx'), 'DecodeView') },
  { id: 'lab', label: 'nav.lab', component: lazyView(() => import('./LabView.tsx'), 'LabView') },
  { id: 'autofill', label: 'nav.autofill', component: lazyView(() => import('./AutofillView.tsx'), 'AutofillView') },
  { id: 'inspect', label: 'nav.inspect', component: lazyView(() => import('./InspectView.tsx'), 'InspectView') },
  { id: 'harness', label: 'nav.harness', component: lazyView(() => import('./HarnessView.tsx'), 'HarnessView') },
  { id: 'methods', label: 'nav.methods', component: lazyView(() => import('./MethodsView.tsx'), 'MethodsView') },
  { id: 'compare', label: 'nav.compare', component: lazyView(() => import('./CompareView.tsx'), 'CompareView') },
  { id: 'relay', label: 'nav.relay', component: lazyView(() => import('./RelayView.tsx'), 'RelayView') },
];

/** Lazily loaded view: `lazyView(() => import('./DecodeView.tsx'), 'DecodeView')`. */
function lazyView<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

export const DEFAULT_VIEW = 'ceremony';
