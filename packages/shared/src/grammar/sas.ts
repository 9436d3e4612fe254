/**
 * Shared access signatures in URLs. A SAS is the query of a blob or container URL and its `sig`
 * is the secret (Microsoft Learn "Grant limited access to Azure Storage resources using shared
 * access signatures"): anyone holding the URL holds the access. So a URL the portal shows or
 * hands back loses its whole query when the query is a SAS.
 */

const queryOf = (url: string): string | undefined => {
  const at = url.indexOf("?");
  return at < 0 ? undefined : url.slice(at + 1).split("#")[0];
};

/** True when the URL's query carries a signature (`sig=`), i.e. it is a SAS URL. */
export const hasSasSignature = (url: string): boolean =>
  (queryOf(url) ?? "").split("&").some((part) => part.toLowerCase().startsWith("sig="));

/** The URL without its query when that query is a SAS; any other URL unchanged. */
export const withoutSas = (url: string): string =>
  hasSasSignature(url) ? url.slice(0, url.indexOf("?")) : url;
