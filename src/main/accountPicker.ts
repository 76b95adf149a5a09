/**
 * The window's own account picker for `select-webauthn-account` (wired up in src/main/webauthn.ts).
 * No Electron import at run time: the session, IPC and frames come in as parameters, so
 * test/main drives the whole flow with fakes.
 */
import { randomUUID } from 'node:crypto';
import type { IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { chosenCredential, toAccountRequest, type AccountRequest, type TouchIdPlan } from './webauthnPolicy.ts';

const SELECT_ACCOUNT_CHANNEL = 'pe:webauthn-select-account';
const ACCOUNT_SELECTED_CHANNEL = 'pe:webauthn-account-selected';
const STATUS_CHANNEL = 'pe:webauthn-status';
/** A picker nobody answers is cancelled after this long (the page gets NotAllowedError). */
const PICKER_TIMEOUT_MS = 5 * 60_000;

export interface WebAuthnSetup {
  touchId: TouchIdPlan;
}

/** What the picker uses of the window that asked. */
type AskingContents = Pick<WebContents, 'id' | 'isDestroyed' | 'on' | 'off'>;
/** What it uses of the frame that asked. */
type AskingFrame = Pick<WebFrameMain, 'url' | 'send'>;

/** The Electron objects the account picker works with (test/main passes fakes). */
export interface PickerDeps {
  session: {
    on(
      event: 'select-webauthn-account',
      listener: (
        event: unknown,
        details: { relyingPartyId: string; accounts: readonly unknown[]; frame: AskingFrame | null },
        callback: (credentialId?: string | null) => void,
      ) => void,
    ): unknown;
  };
  ipc: { handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void };
  fromFrame(frame: AskingFrame): AskingContents | undefined;
  isFromApp(url: string): boolean;
  log(line: string): void;
  platform: NodeJS.Platform;
  /** Defaults to five minutes. */
  pickerTimeoutMs?: number;
}

interface Pending {
  request: AccountRequest;
  contents: AskingContents;
  callback: (credentialId?: string | null) => void;
  timer: ReturnType<typeof setTimeout>;
  /** Removes the listeners that cancel the picker when the window reloads or closes. */
  detach(): void;
}

/**
 * The `select-webauthn-account` flow: the app's page is asked (its own picker) and answers on
 * `pe:webauthn-account-selected`; a request from any other page, with no accounts, from a window
 * that reloads or closes, or left unanswered, is cancelled. Only the window asked may answer, and
 * only with one of the accounts offered.
 */
export function setupPicker(opts: PickerDeps, touchId: TouchIdPlan): WebAuthnSetup {
  const pending = new Map<string, Pending>();

  const settle = (requestId: string, credentialId: string | undefined) => {
    const p = pending.get(requestId);
    if (!p) return;
    pending.delete(requestId);
    clearTimeout(p.timer);
    p.detach();
    p.callback(credentialId);
  };

  opts.session.on('select-webauthn-account', (_event, details, callback) => {
    const frame = details.frame;
    const contents = frame ? opts.fromFrame(frame) : undefined;
    if (!frame || !contents || contents.isDestroyed() || !opts.isFromApp(frame.url)) {
      // Not the app's window (or it is gone): nobody to ask, so the request is cancelled.
      callback();
      return;
    }
    const request = toAccountRequest(randomUUID(), details);
    if (request.accounts.length === 0) {
      callback();
      return;
    }
    // The page that asked goes away (reload, navigation, crash, close): cancel its picker.
    const cancel = () => settle(request.requestId, undefined);
    contents.on('did-navigate', cancel);
    contents.on('render-process-gone', cancel);
    contents.on('destroyed', cancel);
    const detach = () => {
      if (contents.isDestroyed()) return;
      contents.off('did-navigate', cancel);
      contents.off('render-process-gone', cancel);
      contents.off('destroyed', cancel);
    };
    const timer = setTimeout(cancel, opts.pickerTimeoutMs ?? PICKER_TIMEOUT_MS);
    pending.set(request.requestId, { request, contents, callback, timer, detach });
    opts.log(
      `webauthn: select-webauthn-account for ${request.relyingPartyId} (${request.accounts.length} accounts) -> the window's picker`,
    );
    frame.send(SELECT_ACCOUNT_CHANNEL, request);
  });

  opts.ipc.handle(ACCOUNT_SELECTED_CHANNEL, (e, requestId, credentialId) => {
    if (!opts.isFromApp(e.senderFrame?.url ?? '')) throw new Error('refused: the answer did not come from the app window');
    if (typeof requestId !== 'string') throw new TypeError('requestId must be a string');
    const p = pending.get(requestId);
    if (!p) return { settled: false };
    if (p.contents.id !== e.sender.id) throw new Error('refused: the answer came from another window than the one asked');
    settle(requestId, chosenCredential(p.request, credentialId));
    return { settled: true };
  });

  // What the window shows beside its capabilities: is Touch ID on in this build, and if not, why.
  opts.ipc.handle(STATUS_CHANNEL, (e) => {
    if (!opts.isFromApp(e.senderFrame?.url ?? '')) throw new Error('refused: the request did not come from the app window');
    return { platform: opts.platform, touchId: touchId.enable ? { enabled: true } : { enabled: false, reason: touchId.reason } };
  });

  return { touchId };
}
