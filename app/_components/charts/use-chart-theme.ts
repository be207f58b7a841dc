"use client";
import { useSyncExternalStore } from "react";
import { subscribeToThemePreference } from "../shell/theme";
import { currentChartTheme, LIGHT_CHART_THEME, type ChartTheme } from "./chart-theme";

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  media.addEventListener("change", onChange);
  const unsubscribe = subscribeToThemePreference(onChange);
  return () => {
    media.removeEventListener("change", onChange);
    unsubscribe();
  };
}

/** The chart colours of the theme on screen; charts redraw when the header's switch changes it. */
export function useChartTheme(): ChartTheme {
  return useSyncExternalStore(subscribe, currentChartTheme, () => LIGHT_CHART_THEME);
}
