import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";

/** "system" follows the OS setting live; the choice is remembered per browser. */
export type ThemeChoice = "system" | "light" | "dark";

/** What the theme menu and its trigger's name call each choice. */
export const THEME_LABELS: Record<ThemeChoice, string> = { system: "Use system setting", light: "Light", dark: "Dark" };

const STORAGE_KEY = "batch-studio.theme";

interface ThemeState {
  choice: ThemeChoice;
  resolved: "light" | "dark";
  setChoice(choice: ThemeChoice): void;
}

const ThemeContext = createContext<ThemeState | undefined>(undefined);

const readChoice = (): ThemeChoice => {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return stored === "light" || stored === "dark" ? stored : "system";
};

const systemPrefersDark = () => window.matchMedia("(prefers-color-scheme: dark)").matches;

export function ThemeProvider({ children }: { children: ReactNode }) {
  const [choice, setChoiceState] = useState<ThemeChoice>(readChoice);
  const [systemDark, setSystemDark] = useState(systemPrefersDark);

  useEffect(() => {
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => setSystemDark(media.matches);
    media.addEventListener("change", onChange);
    return () => media.removeEventListener("change", onChange);
  }, []);

  const value = useMemo<ThemeState>(() => {
    const resolved = choice === "system" ? (systemDark ? "dark" : "light") : choice;
    return {
      choice,
      resolved,
      setChoice(next) {
        if (next === "system") window.localStorage.removeItem(STORAGE_KEY);
        else window.localStorage.setItem(STORAGE_KEY, next);
        setChoiceState(next);
      },
    };
  }, [choice, systemDark]);

  return (
    <ThemeContext.Provider value={value}>
      <FluentProvider theme={value.resolved === "dark" ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh" }}>
        {children}
      </FluentProvider>
    </ThemeContext.Provider>
  );
}

export function useTheme(): ThemeState {
  const value = useContext(ThemeContext);
  if (!value) throw new Error("useTheme outside <ThemeProvider>");
  return value;
}
