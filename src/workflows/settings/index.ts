export * from "./steps/save-surface-settings"
export * from "./steps/validate-surface-settings"
export * from "./workflows/update-surface-settings"
