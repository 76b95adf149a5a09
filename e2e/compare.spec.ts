/**
 * Methods compared: the table (every question, every method), and "was a passkey really created?" —
 * this RP's evidence before and after a passkey registration, and each account's recovery readiness.
 */
import { openView } from './a11y.ts';
import { expect, PLATFORM_PASSKEY, test, VirtualAuthenticator } from './fixtures.ts';
import { COMPARE_TID as C, METHODS_TID as M, TID } from '../src/renderer/src/testids.ts';

test('the comparison table, and the evidence of a passkey registration beside a password account', async ({ page, served }) => {
  await VirtualAuthenticator.add(page, PLATFORM_PASSKEY);
  await page.goto(`${served.url}/#/compare`);
  const rows = page.getByTestId(C.row);
  await expect(rows).toHaveCount(8);
  for (const m of ['password', 'magic-link', 'email-otp', 'passkey']) await expect(rows.locator(`td[data-method="${m}"]`)).toHaveCount(8);
  await expect(rows.and(page.locator('[data-aspect="relay"]')).locator('td[data-method="passkey"]')).toContainText('origin check');
  const evidence = page.getByTestId(C.evidence);
  await expect(evidence).toHaveAttribute('data-credentials', '0');
  await expect(evidence).toContainText('No passkey registered on this RP yet');

  // A password account only: a password manager could have saved its password; nothing for the RP.
  await openView(page, 'methods');
  await page.getByTestId(M.email).fill('pia@example.com');
  await page.getByTestId(M.password).fill('pia has only a password');
  await page.getByTestId(M.signUp).click();
  await expect(page.getByTestId(M.session)).toHaveAttribute('data-method', 'password');
  await openView(page, 'compare');
  const pia = page.getByTestId(C.readinessRow).and(page.locator('[data-email="pia@example.com"]'));
  await expect(pia).toHaveAttribute('data-advice', 'noPasskey');

  // A passkey registration is a ceremony, and a public key at the RP.
  await openView(page, 'ceremony');
  await page.getByTestId(TID.preset).selectOption('passkey');
  await page.getByTestId(TID.userName).fill('pia@example.com');
  await page.getByTestId(TID.register).click();
  await expect(page.getByTestId(TID.verdict)).toHaveText('verified', { timeout: 20_000 });
  await openView(page, 'compare');
  await expect(evidence).toHaveAttribute('data-credentials', '1');
  await expect(evidence).toHaveAttribute('data-registrations', '1');
  await expect(evidence).toContainText('pia@example.com');
  await expect(pia).toHaveAttribute('data-advice', 'oneDeviceBound');
});
