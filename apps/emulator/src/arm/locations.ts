/** ARM location names ↔ the display names some APIs (gallery targetRegions) return. */
const DISPLAY_NAMES: Record<string, string> = {
  westeurope: "West Europe",
  northeurope: "North Europe",
  eastus: "East US",
  eastus2: "East US 2",
  westus2: "West US 2",
};

export function locationDisplayName(location: string): string {
  return DISPLAY_NAMES[location.toLowerCase()] ?? location;
}

/** "West Europe" / "westeurope" / "WestEurope" → "westeurope". */
export function normalizeLocation(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}
