/**
 * The InspectBrowser of `serve --lab`: sites open in new tabs of the Chromium it launched. One
 * SiteInspector watches the whole browser with a scope: a tab opened for an inspection is adopted
 * (attached and instrumented before it navigates), its popups inherit it, and every other target —
 * the explorer's own window first — is left alone.
 */
import { cdpLabInfo, type LabBrowser } from '../lab/browser.ts';
import { CdpSession } from '../lab/cdp.ts';
import { SiteInspector } from './session.ts';
import type { InspectBrowser, InspectTab } from './host.ts';

export function cdpInspectBrowser(browser: LabBrowser): InspectBrowser {
  const { connection } = browser;
  const protocolUrl = `${browser.endpoint}/json/protocol`;
  let inspector: SiteInspector | null = null;
  return {
    transport: 'cdp',
    product: browser.product,
    labInfo: cdpLabInfo(browser),
    async start(newPage) {
      inspector = await SiteInspector.attach(connection, {
        scope: (_target, inherited) => inherited,
        onNewPage: ({ sessionId, targetId, root }) => newPage(root, new CdpSession(connection, sessionId, targetId, protocolUrl)),
      });
      return inspector;
    },
    async tabs() {
      const { targetInfos } = (await connection.send('Target.getTargets')) as {
        targetInfos: { targetId: string; type: string; url: string; title: string }[];
      };
      return targetInfos
        .filter((t) => t.type === 'page' && /^https?:/.test(t.url) && inspector?.rootOf(t.targetId) === null)
        .map((t) => ({ id: t.targetId, url: t.url, title: t.title }));
    },
    async adoptTab(targetId: string): Promise<InspectTab> {
      return tab(targetId, true);
    },
    async open(): Promise<InspectTab> {
      const { targetId } = (await connection.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
      return tab(targetId);
    },
  };

  /**
   * Instruments a tab as an inspection of its own. Its document is then opened (a new tab) or reloaded
   * (a tab that was open: its current document started before the capture was in place).
   */
  async function tab(targetId: string, reload = false): Promise<InspectTab> {
    if (!inspector) throw new Error('the inspector has not started');
    const sessionId = await inspector.adopt(targetId, targetId);
    const session = new CdpSession(connection, sessionId, targetId, protocolUrl);
    return {
      root: targetId,
      lab: session,
      navigate: async (url) => {
        if (reload) await connection.send('Page.reload', {}, sessionId);
        else await connection.send('Page.navigate', { url }, sessionId);
        await connection.send('Target.activateTarget', { targetId }).catch(() => {});
      },
      close: async () => {
        await connection.send('Target.closeTarget', { targetId });
      },
      onClose: (listener) => session.onClose(() => listener('the tab was closed')),
    };
  }
}
