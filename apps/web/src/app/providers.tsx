import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { AuthContext, type AuthContextValue } from "../auth/AuthContext";
import { isApiError } from "../auth/apiError";
import { ThemeProvider } from "../components/theme";

/** Client errors (4xx) will not fix themselves: retry only network failures and 5xx, twice. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        retry: (count, error) => count < 2 && !(isApiError(error) && error.status < 500),
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** Everything a page needs around it; tests render pages inside this with a fake ApiClient. */
export function AppProviders({ auth, queryClient, children }: { auth: AuthContextValue; queryClient: QueryClient; children: ReactNode }) {
  return (
    <AuthContext.Provider value={auth}>
      <QueryClientProvider client={queryClient}>
        <ThemeProvider>{children}</ThemeProvider>
      </QueryClientProvider>
    </AuthContext.Provider>
  );
}
