/** The four principles the communes of the programme sign up to: tags of practices and questions, and the scorecard's parts. */
export const principles = ['transparency', 'participation', 'accountability', 'innovation'] as const;
export type Principle = (typeof principles)[number];
