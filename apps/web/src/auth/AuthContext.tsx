import { createContext, useContext } from "react";
import type { ApiClient } from "./apiClient";

/** Who is signed in and how to reach the BFF; tests provide their own. */
export interface AuthContextValue {
  api: ApiClient;
  user: { name: string; username: string };
  signOut(): Promise<void>;
}

export const AuthContext = createContext<AuthContextValue | undefined>(undefined);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth outside <AuthContext.Provider>");
  return value;
}

export const useApi = (): ApiClient => useAuth().api;
