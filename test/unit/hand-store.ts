/** The seven products of the hand-worked store that the evaluation and command tests share. */
export const PRODUCTS_CSV = [
  "product_id,title,description,categories,tags",
  "A,Linen cushion,,Cushions,linen",
  "B,Linen throw,,Throws,linen",
  "C,Ceramic mug,,Kitchen,",
  "D,Mug rack,,Kitchen,",
  "E,Wool throw,,Throws,wool",
  "F,Stone vase,,Decor,",
  "G,Gift card,,,",
].join("\n")
