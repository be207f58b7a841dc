export * from "./experiments";
export * from "./runs";
export * from "./inputs";
export * from "./logged-models";
export * from "./registry";
export * from "./metric-blocks";
export * from "./experiment-keys";
export * from "./auth";
