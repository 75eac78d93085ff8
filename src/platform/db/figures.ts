/** The shapes of the figures modules compute for the network scorecard (and other summaries). */

/** A period [from, to), as instants; days are read in the commune's time zone. */
export interface FigureWindow {
  from: Date;
  to: Date;
}

/** A count out of a total, both kept so that a page can say "12 of 15". */
export interface Share {
  numerator: number;
  denominator: number;
}
