import type { AzCliOptions } from "@batch-studio/shared";
import { useAccounts } from "./hooks";

/** The account's name and resource group (what the az exports sign in with), once the account list is read. */
export function useAccountInfo(account: string) {
  const accounts = useAccounts();
  return accounts.data?.subscriptions.flatMap((s) => s.accounts).find((a) => a.id === account);
}

/** What the az CLI exports sign in to: the account by name in its resource group (placeholders until it is known). */
export const azOptions = (info: { name: string; resourceGroup: string } | undefined): AzCliOptions =>
  info ? { accountName: info.name, resourceGroup: info.resourceGroup } : {};
