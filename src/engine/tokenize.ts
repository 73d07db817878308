/**
 * Product text to index terms: lower-case words, English stopwords removed, Porter stems.
 *
 * natural is required file by file: its package entry loads every module it has (~0.9 s) and reads
 * .env files. These three files are plain CommonJS without type declarations, hence the typed requires.
 */
const AggressiveTokenizer: new () => { tokenize(text: string): string[] } = require("natural/lib/natural/tokenizers/aggressive_tokenizer")
const PorterStemmer: { stem(word: string): string } = require("natural/lib/natural/stemmers/porter_stemmer")
const STOPWORDS: string[] = require("natural/lib/natural/util/stopwords").words

const splitter = new AggressiveTokenizer()
const stopwords = new Set(STOPWORDS)

/**
 * The words of `text` worth indexing, lower-cased, in order. These surface forms are what a
 * shopper reads: the caller keeps the most frequent one per stem as the term's display form.
 */
export function words(text: string): string[] {
  // The tokenizer keeps only ASCII letters: fold accents first so "crème" stays one word.
  const folded = /[^\x00-\x7f]/.test(text) ? text.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : text
  const out: string[] = []
  for (const token of splitter.tokenize(folded.toLowerCase())) {
    // Slashes separate alternatives ("red/white", "set/6"); hyphens join compounds ("t-light") and stay.
    for (let word of token.indexOf("/") >= 0 ? token.split("/") : [token]) {
      if (word.indexOf("'") >= 0) word = word.replace(/'s$/, "").replace(/'/g, "")
      if (word.indexOf("-") >= 0) word = word.replace(/^-+|-+$/g, "")
      // One letter and pure numbers ("12", "3-4") name nothing a shopper would share between products.
      if (word.length < 2 || !/[a-z]/.test(word) || stopwords.has(word)) continue
      out.push(word)
    }
  }
  return out
}

/** The Porter stem of one lower-case word ("cushions" -> "cushion", "decorations" -> "decor"). */
export function stem(word: string): string {
  return PorterStemmer.stem(word)
}

/** The index terms of `text`: its words, stemmed. */
export function tokenize(text: string): string[] {
  return words(text).map(stem)
}
