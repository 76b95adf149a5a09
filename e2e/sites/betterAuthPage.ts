/**
 * The browser side of the Better Auth fixture site (bundled by ./betterAuth.ts): a minimal page
 * that uses Better Auth's own client and its passkey plugin, as a site built on them would. Flows,
 * chosen by the path: `/` signs up with e-mail and password, adds a passkey, signs out, signs in with
 * the passkey and then opens `/autofill`, which signs in once more through conditional mediation
 * (passkey autofill on a `username webauthn` field). Each step is logged in #log, the last one in
 * the page's `data-state`.
 */
import { createAuthClient } from 'better-auth/client';
import { passkeyClient } from '@better-auth/passkey/client';

const auth = createAuthClient({ baseURL: location.origin, plugins: [passkeyClient()] });

const log = (line: string) => {
  document.getElementById('log')!.textContent += `${line}\n`;
  document.body.dataset.state = line;
};
const failed = (step: string, error: { code?: string; message?: string; status?: number } | null) =>
  log(`${step} failed: ${error?.status ?? ''} ${error?.code ?? ''} ${error?.message ?? ''}`.trim());

async function full(): Promise<void> {
  const email = `user-${Date.now()}@example.test`;
  const signUp = await auth.signUp.email({ email, password: 'correct horse battery staple', name: 'Fixture User' });
  if (signUp.error) return failed('sign-up', signUp.error);
  log('signed up');
  const added = await auth.passkey.addPasskey({ name: 'fixture passkey' });
  if (added?.error) return failed('add passkey', added.error);
  log('passkey added');
  await auth.signOut();
  log('signed out');
  const signedIn = await auth.signIn.passkey();
  if (signedIn?.error) return failed('passkey sign-in', signedIn.error);
  const session = await auth.getSession();
  log(`signed in as ${session.data?.user.email ?? 'nobody'}`);
  await auth.signOut();
  location.assign('/autofill');
}

async function autofill(): Promise<void> {
  log('waiting for autofill');
  const signedIn = await auth.signIn.passkey({ autoFill: true });
  if (signedIn?.error) return failed('autofill sign-in', signedIn.error);
  const session = await auth.getSession();
  log(`autofill signed in as ${session.data?.user.email ?? 'nobody'}`);
}

/**
 * `/harness`: the same client behind buttons, as a site's own sign-up and sign-in pages are — what the
 * harness's site target drives (fill #email, click #register; click #sign-in).
 */
function buttons(): void {
  const email = () => (document.getElementById('email') as HTMLInputElement).value;
  document.getElementById('register')!.addEventListener('click', () => {
    void (async () => {
      const signUp = await auth.signUp.email({ email: email(), password: 'correct horse battery staple', name: 'Harness User' });
      if (signUp.error) return failed('sign-up', signUp.error);
      const added = await auth.passkey.addPasskey({ name: 'harness passkey' });
      if (added?.error) return failed('add passkey', added.error);
      log('passkey added');
    })().catch((e) => log(`error: ${String(e)}`));
  });
  document.getElementById('sign-in')!.addEventListener('click', () => {
    void (async () => {
      await auth.signOut();
      const signedIn = await auth.signIn.passkey();
      if (signedIn?.error) return failed('passkey sign-in', signedIn.error);
      log('signed in');
    })().catch((e) => log(`error: ${String(e)}`));
  });
  log('ready');
}

if (location.pathname === '/harness') buttons();
else void (location.pathname === '/autofill' ? autofill() : full()).catch((e) => log(`error: ${String(e)}`));
