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

/** The hover tooltip of the line charts (metrics and system metrics): one box per x, themed. */
export function axisTooltip(theme: ChartTheme, formatter: (params: unknown) => string) {
  return {
    trigger: "axis" as const,
    confine: true,
    backgroundColor: theme.tooltipBackground,
    borderColor: theme.axisLine,
    textStyle: { color: theme.text, fontSize: 12 },
    axisPointer: { type: "line" as const, lineStyle: { color: theme.muted } },
    formatter,
  };
}

/** The scrolling legend under the line charts. */
export function scrollLegend(theme: ChartTheme, data: string[]) {
  return {
    type: "scroll" as const,
    bottom: 0,
    data,
    textStyle: { color: theme.muted, fontSize: 11 },
    pageTextStyle: { color: theme.muted },
    icon: "roundRect",
    itemWidth: 14,
    itemHeight: 8,
  };
}
