/**
 * Lets the browser fetch `url` as a download: an <a download> click, so the bytes stream to disk
 * and never sit in the page's memory.
 */
export function saveFromUrl(url: string, filename: string): void {
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  a.click();
}

/** Saves text as a file through a temporary object URL (no server round trip). */
export function downloadText(filename: string, text: string, type = "text/plain"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  saveFromUrl(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
