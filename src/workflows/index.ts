export * from "./import-history"
export * from "./record-order-purchases"
export * from "./sync-product-documents"
