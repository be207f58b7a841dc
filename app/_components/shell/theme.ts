// The theme preference: "light" or "dark" set <html data-theme>, "system" removes it so that the
// stylesheet follows prefers-color-scheme. Stored in localStorage and applied by THEME_BOOT_SCRIPT
// before the first paint, so a dark page never flashes light.

export type ThemePreference = "light" | "dark" | "system";
export const THEME_STORAGE_KEY = "metron-theme";
const CHANGE_EVENT = "metron-theme-change";

export const THEME_BOOT_SCRIPT = `try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t==="light"||t==="dark")document.documentElement.setAttribute("data-theme",t)}catch(e){}`;

export function readThemePreference(): ThemePreference {
  try {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    return "system"; // storage blocked (private mode, sandboxed frame)
  }
}

export function applyThemePreference(preference: ThemePreference): void {
  try {
    if (preference === "system") localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Not persisted, but still applied to this page.
  }
  if (preference === "system") document.documentElement.removeAttribute("data-theme");
  else document.documentElement.setAttribute("data-theme", preference);
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

/** For useSyncExternalStore: changes made here, or in another tab (the storage event). */
export function subscribeToThemePreference(onChange: () => void): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key !== THEME_STORAGE_KEY) return;
    const preference = readThemePreference();
    if (preference === "system") document.documentElement.removeAttribute("data-theme");
    else document.documentElement.setAttribute("data-theme", preference);
    onChange();
  };
  window.addEventListener(CHANGE_EVENT, onChange);
  window.addEventListener("storage", onStorage);
  return () => {
    window.removeEventListener(CHANGE_EVENT, onChange);
    window.removeEventListener("storage", onStorage);
  };
}
