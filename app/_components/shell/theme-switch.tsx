"use client";
import { useSyncExternalStore } from "react";
import styles from "./app-header.module.css";
import { applyThemePreference, readThemePreference, subscribeToThemePreference, type ThemePreference } from "./theme";

const CHOICES: { value: ThemePreference; label: string }[] = [
  { value: "light", label: "Light" },
  { value: "dark", label: "Dark" },
  { value: "system", label: "System" },
];

/** Three toggle buttons; the server renders "System" pressed, the client corrects it on hydration. */
export function ThemeSwitch() {
  const current = useSyncExternalStore(subscribeToThemePreference, readThemePreference, () => "system" as const);
  return (
    <div role="group" aria-label="Colour theme" className={styles.themeSwitch}>
      {CHOICES.map((choice) => (
        <button
          key={choice.value}
          type="button"
          aria-pressed={current === choice.value}
          className={styles.themeButton}
          onClick={() => applyThemePreference(choice.value)}
        >
          {choice.label}
        </button>
      ))}
    </div>
  );
}
