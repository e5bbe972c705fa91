/** Long enough for every browser to have started reading the blob after the click; then the memory is freed. */
const REVOKE_AFTER_MS = 1_000;

/**
 * Saves `text` as a file: a Blob behind an object URL, clicked through a temporary `<a download>`, which is
 * removed at once; the URL is revoked shortly after (revoking synchronously can cancel the download in
 * some browsers). Works without any server and without touching the page's markup.
 */
export function saveText(doc: Document, fileName: string, text: string, type: string): void {
  const win = doc.defaultView;
  if (!win) return;
  const url = win.URL.createObjectURL(new Blob([text], { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  // Firefox only follows a click on a link that is in the document.
  doc.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    win.setTimeout(() => win.URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
