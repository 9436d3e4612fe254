/** Who a verified Entra-shaped access token speaks for, as Azure's authorization errors name them. */
export interface Principal {
  /** The object id role assignments name. */
  oid: string;
  /** A user's sign-in name (upn, else preferred_username); a service principal's object id. */
  displayName: string;
  isApp: boolean;
}

export function principalOf(claims: Record<string, unknown>): Principal {
  const oid = String(claims.oid ?? claims.sub ?? "");
  const isApp = claims.idtyp === "app";
  const upn = claims.upn ?? claims.unique_name ?? claims.preferred_username;
  return { oid, isApp, displayName: !isApp && typeof upn === "string" && upn ? upn : oid };
}
