// natural's main entry loads its whole library (and dotenv, which prints to stdout), so regionbot
// imports only the modules it uses. These declarations type those deep imports.
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(word: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
}
declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  export function DamerauLevenshteinDistance(
    a: string,
    b: string,
    options?: { transposition_cost?: number; restricted?: boolean },
  ): number;
  export function LevenshteinDistance(a: string, b: string): number;
}
