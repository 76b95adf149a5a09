/** Saving JSON to a file and reading a picked file, for the lab's save / load buttons. */

/** Offers `value` as a JSON download named `name`. */
export function downloadJson(name: string, value: unknown): void {
  downloadText(name, `${JSON.stringify(value, null, 2)}\n`, 'application/json');
}

/** Saves text as a file (JUnit XML, Markdown …). */
export function downloadText(name: string, text: string, type: string): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The picked file parsed as JSON (throws with the file's name on bad JSON). */
export async function readJsonFile(file: File): Promise<unknown> {
  const text = await file.text();
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${file.name}: not JSON (${(e as Error).message})`, { cause: e });
  }
}

/** base64url id, shortened for tables. */
export function shortB64(id: string, keep = 10): string {
  return id.length <= keep * 2 + 1 ? id : `${id.slice(0, keep)}…${id.slice(-4)}`;
}
