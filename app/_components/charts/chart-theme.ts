// The colours a chart needs from the page's theme, as plain values the option builders can use
// (echarts draws on a canvas, where CSS variables do not reach).

export interface ChartTheme {
  text: string;
  muted: string;
  gridLine: string;
  axisLine: string;
  tooltipBackground: string;
}

export const LIGHT_CHART_THEME: ChartTheme = {
  text: "#1b1f24",
  muted: "#6a737d",
  gridLine: "#eef0f3",
  axisLine: "#d0d5db",
  tooltipBackground: "#ffffff",
};

export const DARK_CHART_THEME: ChartTheme = {
  text: "#e6e9ed",
  muted: "#98a2ad",
  gridLine: "#242a32",
  axisLine: "#3a424d",
  tooltipBackground: "#1f242c",
};

/** Which theme the page shows now: the header's switch, or the system's preference. */
export function currentChartTheme(): ChartTheme {
  const chosen = document.documentElement.getAttribute("data-theme");
  const isDark = chosen ? chosen === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
  return isDark ? DARK_CHART_THEME : LIGHT_CHART_THEME;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
