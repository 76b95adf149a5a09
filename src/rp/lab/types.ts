/**
 * The small transport a virtual authenticator lab runs over, and the part of the browser's protocol
 * schema it reads. The lab's wire shapes (and the CDP types they carry) are the API contract's:
 * src/api/lab.ts, re-exported here for the RP's lab modules.
 */
export type * from '@api/lab.ts';

/**
 * How the lab reaches a browser page's CDP WebAuthn domain: Electron's `webContents.debugger`
 * (src/main/labTransport.ts) or a CDP session to a Chromium `serve --lab` launched (cdp.ts).
 */
export interface LabTransport {
  send(method: string, params?: Record<string, unknown>): Promise<unknown>;
  on(event: string, listener: (params: unknown) => void): void;
  /** Called once when the page or browser goes away (optional). */
  onClose?(listener: (reason: string) => void): void;
  /**
   * The browser's own protocol schema for the WebAuthn domain (from /json/protocol), when the
   * transport can read it; the lab then checks options against what this browser really knows.
   */
  protocol?(): Promise<ProtocolDomain | null>;
  close?(): Promise<void>;
}

/** The part of a CDP protocol domain description the lab reads. */
export interface ProtocolDomain {
  domain: string;
  types?: {
    id: string;
    type?: string;
    enum?: string[];
    properties?: { name: string; type?: string; $ref?: string; optional?: boolean }[];
  }[];
  commands?: { name: string; parameters?: { name: string; optional?: boolean }[] }[];
  events?: { name: string }[];
}
