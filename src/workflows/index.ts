export * from "./import-history"
export * from "./record-order-purchases"
export * from "./refresh-product-documents"
export * from "./sync-product-documents"
