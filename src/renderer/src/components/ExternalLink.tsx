/**
 * A link to a page outside the app (specs, docs). In Electron, window.open and navigation away
 * from the RP origin are denied, so the link goes through the preload's allow-listed
 * `openExternal`; in a system browser it is a plain new-tab link.
 */
import type { ReactNode, MouseEvent } from 'react';

export function ExternalLink({
  href,
  children,
  className,
  title,
}: {
  href: string;
  children: ReactNode;
  className?: string;
  title?: string;
}) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    const bridge = window.passkeyExplorer;
    if (!bridge) return;
    e.preventDefault();
    bridge.openExternal(href).catch((err: unknown) => console.error('openExternal failed', err));
  };
  return (
    <a href={href} target="_blank" rel="noreferrer noopener" className={className} title={title ?? href} onClick={onClick}>
      {children}
    </a>
  );
}

/** The small "spec" link beside a legend or label. */
export function SpecLink({ href, label }: { href: string; label: string }) {
  return (
    <ExternalLink href={href} className="spec-link">
      {label}
      <span aria-hidden="true"> ↗</span>
    </ExternalLink>
  );
}
