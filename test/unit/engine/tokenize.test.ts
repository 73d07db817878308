import { execFileSync } from "child_process"
import { resolve } from "path"
import { stem, tokenize, words } from "../../../src/engine/tokenize"

describe("tokenize", () => {
  it("lower-cases, drops English stopwords and Porter-stems", () => {
    expect(tokenize("The Cushions of Linen, for the Garden")).toEqual(["cushion", "linen", "garden"])
    expect(tokenize("Hanging decorations")).toEqual(["hang", "decor"])
  })

  it("drops one-letter words and pure numbers but keeps letters with digits", () => {
    expect(words("Set of 3 T-Lights x 12 a4 3d 10-20")).toEqual(["set", "t-lights", "a4", "3d"])
  })

  it("keeps hyphenated compounds as one word and splits slashed alternatives", () => {
    expect(tokenize("T-LIGHT holder red/white SET/6")).toEqual(["t-light", "holder", "red", "white", "set"])
  })

  it("strips possessives, apostrophes and stray hyphens", () => {
    expect(words("Children's don't -retro- ---")).toEqual(["children", "dont", "retro"])
  })

  it("folds accents instead of splitting the word", () => {
    expect(words("Crème brûlée")).toEqual(["creme", "brulee"])
  })

  it("returns nothing for empty or stopword-only text", () => {
    expect(tokenize("")).toEqual([])
    expect(tokenize("of the and 42")).toEqual([])
  })

  it("stems plural and singular alike, so tokens equal stems of the surface words", () => {
    expect(stem("cushions")).toBe(stem("cushion"))
    const text = "Woolly hearts hanging"
    expect(tokenize(text)).toEqual(words(text).map(stem))
  })

  it("loads only natural's tokenizer, stemmer and stopword files, never the package entry", () => {
    const root = resolve(__dirname, "../../..")
    const loaded: string[] = JSON.parse(
      execFileSync(
        process.execPath,
        [
          "-r",
          "ts-node/register/transpile-only",
          "-e",
          "require('./src/engine/tokenize'); console.log(JSON.stringify(Object.keys(require.cache).filter((f) => f.includes('/natural/'))))",
        ],
        { cwd: root, encoding: "utf8" }
      )
    )
    expect(loaded.some((f) => f.endsWith("/natural/lib/natural/index.js"))).toBe(false)
    expect(loaded.length).toBeLessThanOrEqual(6)
  }, 30_000)
})
